%% List BIFs and operators: length, hd, tl, ++, --, list_to_tuple, lists of lists,
%% improper lists, string conversions, and their errors.
-module(bif_lists).
-export([main/1]).

id(X) -> X.

main(_) ->
    L = [1, 2, 3, 2, 1],
    io:format("~p ~p ~p~n", [length(L), hd(L), tl(L)]),
    io:format("~p~n", [L ++ [4, 5]]),
    io:format("~p~n", [L -- [2, 1]]),
    io:format("~p~n", [[1, 2] ++ id(tail)]),
    io:format("~p~n", [[] ++ id(x)]),
    io:format("~p~n", ["abc" ++ "def"]),
    io:format("~p~n", [[a, b, c, a] -- [a, c, d]]),
    io:format("~p~n", [list_to_tuple(L)]),
    io:format("~p~n", [tuple_to_list({a, {b}, [c]})]),
    io:format("~p~n", [[length([]), length("hello"), length([[1, 2], [3]])]]),
    Errs = [fun() -> hd(id([])) end, fun() -> tl(id([])) end, fun() -> length(id([a | b])) end,
            fun() -> id(a) ++ [1] end, fun() -> [1] -- id(a) end, fun() -> length(id(x)) end,
            fun() -> list_to_tuple(id([a | b])) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]),
    io:format("~p~n", [[binary_to_list(<<"bin">>), binary_to_list(<<"abcdef">>, 2, 4)]]),
    io:format("~p~n", [list_to_binary([<<"a">>, "bc", [$d, [<<"e">>]], 102])]),
    %% long lists
    Long = lists:seq(1, 100000),
    io:format("~p~n", [length(Long ++ Long)]),
    io:format("~p~n", [length(Long -- lists:seq(1, 99990))]).
