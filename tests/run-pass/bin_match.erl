%% Binary matching: fixed fields, sizes bound earlier in the same pattern, tails,
%% signed/little/float segments, matching in heads and case, mismatches.
-module(bin_match).
-export([main/1]).

-define(TLV(T, L), <<T:8, L:8, _/binary>>).

parse_tlv(<<Type:8, Len:8, Value:Len/binary, Rest/binary>>) ->
    [{Type, Value} | parse_tlv(Rest)];
parse_tlv(<<>>) -> [];
parse_tlv(Bad) -> [{bad, Bad}].

header(<<Version:4, IHL:4, _TOS:8, Total:16, _/binary>>) -> {Version, IHL, Total};
header(_) -> short.

decode(<<0, X:16/signed>>) -> {s16, X};
decode(<<1, X:32/little>>) -> {u32le, X};
decode(<<2, F:64/float>>) -> {f64, F};
decode(<<3, F:32/float-little>>) -> {f32le, F};
decode(<<4, S:8, Str:S/binary-unit:8>>) -> {str, Str};
decode(<<5, N:3, M:5>>) -> {bits, N, M};
decode(Other) -> {unknown, Other}.

main(_) ->
    Packet = <<1, 3, "abc", 2, 0, 7, 5, 1, 2, 3, 4, 5>>,
    io:format("~p~n", [parse_tlv(Packet)]),
    io:format("~p~n", [parse_tlv(<<9, 10, 1, 2>>)]),
    io:format("~p~n", [header(<<16#45, 0, 16#01, 16#2C, 99>>)]),
    io:format("~p~n", [header(<<1>>)]),
    Cases = [<<0, 255, 254>>, <<1, 1, 0, 0, 0>>, <<2, 1.5:64/float>>,
             <<3, 0.25:32/float-little>>, <<4, 2, "hi">>, <<5, 2#10111111>>,
             <<4, 9, "short">>, <<6>>],
    [io:format("~p~n", [decode(C)]) || C <- Cases],
    <<A:2/binary, B/bits>> = <<"abcdef">>,
    io:format("~p ~p~n", [A, B]),
    <<X:4, Y:4>> = <<16#A5>>,
    io:format("~p ~p~n", [X, Y]),
    Size = 2,
    <<First:Size/binary, _/binary>> = <<"xyz">>,
    io:format("~p~n", [First]),
    R = try <<_:32>> = <<1, 2>> catch error:{badmatch, V} -> {badmatch, V} end,
    io:format("~p~n", [R]),
    io:format("~p~n", [[L || <<L:8, _:8>> <= <<1, 2, 3, 4, 5, 6>>]]).
