%% `<<Acc/binary, ...>>` in loops (appended in place by ferl, as by BEAM): results, older
%% values that stay unchanged when a newer one is appended to, appends from two values of
%% the same accumulator, appends in two processes to a binary both hold, bitstrings,
%% errors in a later segment, and matching on the results.
-module(bin_append).
-export([main/1]).

main(_) ->
    B = build(5000, <<>>),
    io:format("~p ~p ~p~n", [byte_size(B), sum(B), binary:part(B, 4990, 10)]),
    %% Older values keep their contents; both branches append from one value.
    Base = build(300, <<"head">>),
    Old = Base,
    X = <<Base/binary, "x-branch">>,
    Y = <<Base/binary, "y-branch!">>,
    X2 = <<X/binary, 1, 2, 3>>,
    io:format("~p ~p ~p ~p~n", [byte_size(Old), byte_size(X), byte_size(Y), byte_size(X2)]),
    io:format("~p ~p ~p~n", [binary:part(X, 300, 12), binary:part(Y, 300, 13), binary:part(X2, 300, 15)]),
    io:format("~p~n", [Old =:= Base andalso binary:part(X, 0, 304) =:= Old]),
    %% Self-append.
    D = <<Base/binary, Base/binary>>,
    io:format("~p ~p~n", [byte_size(D), binary:part(D, 0, 304) =:= binary:part(D, 304, 304)]),
    %% Another process gets the binary and appends too.
    Self = self(),
    P = spawn(fun() -> receive {bin, Bin} -> Self ! {done, <<Bin/binary, "other">>} end end),
    P ! {bin, X2},
    Mine = <<X2/binary, "mine!">>,
    Theirs = receive {done, T} -> T end,
    io:format("~p ~p~n", [binary:part(Mine, byte_size(X2), 5), binary:part(Theirs, byte_size(X2), 5)]),
    io:format("~p~n", [binary:part(Mine, 0, byte_size(X2)) =:= binary:part(Theirs, 0, byte_size(X2))]),
    %% Bitstrings.
    Bits = bits(20, <<>>),
    io:format("~p ~w~n", [bit_size(Bits), Bits]),
    Odd = <<B/binary, 1:3>>,
    Odd2 = <<Odd/bitstring, 5:5>>,
    io:format("~p ~p ~p~n", [bit_size(Odd), bit_size(Odd2), binary:last(Odd2)]),
    %% A bad later segment raises and leaves the accumulator as it was.
    R = try <<B/binary, 1, (id(foo))/binary>> catch error:E -> E end,
    io:format("~p ~p ~p~n", [R, byte_size(B), sum(B)]),
    %% Matching on an appended binary.
    <<First:4/binary, _/binary>> = X2,
    <<_:300/binary, Tag:8/binary, Rest/binary>> = X2,
    io:format("~p ~p ~p~n", [First, Tag, Rest]),
    %% Building lines (a typical use).
    Lines = lists:foldl(fun(I, Acc) -> <<Acc/binary, (integer_to_binary(I))/binary, "\n">> end, <<>>, lists:seq(1, 2000)),
    io:format("~p ~p~n", [byte_size(Lines), length(binary:split(Lines, <<"\n">>, [global]))]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (N rem 251)>>).

bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N rem 2):1>>).

sum(B) -> lists:sum(binary_to_list(B)).
id(X) -> X.
