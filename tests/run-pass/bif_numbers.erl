%% Number BIFs: abs, float, trunc, round, floor, ceil, min, max on small, big and float
%% arguments; integer_to_list/binary with bases; list_to_integer with bases; errors.
-module(bif_numbers).
-export([main/1]).

id(X) -> X.

main(_) ->
    Vals = [0, 7, -7, 2.5, -2.5, 3.7, -3.2, 123456789012345678901234567890, -0.5, 1.0e20],
    [io:format("~p: ~p ~p ~p ~p ~p ~p~n",
               [V, abs(V), float(V), trunc(V), round(V), floor(V), ceil(V)]) || V <- Vals],
    io:format("~p~n", [[min(1, 2), max(1, 2), min(1, 1.0), max(1, 1.0), min(a, 1), max("a", {a})]]),
    io:format("~p~n", [[integer_to_list(255, B) || B <- [2, 8, 10, 16, 36]]]),
    io:format("~p~n", [integer_to_list(-255, 16)]),
    io:format("~p~n", [integer_to_list(id(1) bsl 70, 16)]),
    io:format("~p~n", [integer_to_binary(-123456789, 7)]),
    io:format("~p~n", [integer_to_binary(0)]),
    io:format("~p~n", [[list_to_integer(S) || S <- ["0", "-15", "+42", "123456789012345678901234567890"]]]),
    io:format("~p~n", [[list_to_integer(S, B) || {S, B} <- [{"ff", 16}, {"FF", 16}, {"-101", 2}, {"zz", 36}]]]),
    io:format("~p~n", [binary_to_integer(<<"-999">>)]),
    io:format("~p~n", [binary_to_integer(<<"7fffffffffffffffff">>, 16)]),
    Errs = [fun() -> list_to_integer(id("12a")) end, fun() -> list_to_integer(id("")) end,
            fun() -> list_to_integer("1", id(37)) end, fun() -> integer_to_list(id(1.0)) end,
            fun() -> integer_to_list(10, id(1)) end, fun() -> binary_to_integer(id(<<" 1">>)) end,
            fun() -> abs(id(a)) end, fun() -> trunc(id("1")) end, fun() -> float(id([])) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]).
