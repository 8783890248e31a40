%% Base64 encoding and decoding written with the bit syntax (6-bit segments, padding),
%% checked on RFC 4648's test vectors and a round trip of every byte value.
-module(base64_bits).
-export([main/1]).

enc(<<A:6, B:6, C:6, D:6, Rest/binary>>) -> <<(c(A)), (c(B)), (c(C)), (c(D)), (enc(Rest))/binary>>;
enc(<<A:6, B:6, C:4>>) -> <<(c(A)), (c(B)), (c(C bsl 2)), $=>>;
enc(<<A:6, B:2>>) -> <<(c(A)), (c(B bsl 4)), $=, $=>>;
enc(<<>>) -> <<>>.

c(N) when N < 26 -> $A + N;
c(N) when N < 52 -> $a + N - 26;
c(N) when N < 62 -> $0 + N - 52;
c(62) -> $+;
c(63) -> $/.

v(C) when C >= $A, C =< $Z -> C - $A;
v(C) when C >= $a, C =< $z -> C - $a + 26;
v(C) when C >= $0, C =< $9 -> C - $0 + 52;
v($+) -> 62;
v($/) -> 63.

dec(<<A, B, $=, $=>>) -> <<(v(A)):6, (v(B) bsr 4):2>>;
dec(<<A, B, C, $=>>) -> <<(v(A)):6, (v(B)):6, (v(C) bsr 2):4>>;
dec(<<A, B, C, D, Rest/binary>>) -> <<(v(A)):6, (v(B)):6, (v(C)):6, (v(D)):6, (dec(Rest))/binary>>;
dec(<<>>) -> <<>>.

main(_) ->
    Vectors = [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<"foob">>, <<"fooba">>, <<"foobar">>],
    [io:format("~p -> ~p -> ~p~n", [V, enc(V), dec(enc(V))]) || V <- Vectors],
    All = list_to_binary(lists:seq(0, 255)),
    E = enc(All),
    io:format("~p ~p~n", [byte_size(E), dec(E) =:= All]),
    <<First:40/binary, _/binary>> = E,
    io:format("~s~n", [First]).
