%% Floating point: arithmetic, mixed int/float, rounding BIFs on halves and negatives,
%% overflow to badarith, comparisons and equality with integers, printing of results.
-module(float_arith).
-export([main/1]).

id(X) -> X.

main(_) ->
    io:format("~p~n", [[id(0.1) * 3, id(1.0) / 3, id(2.0) - 1.5, id(1.0e300) * 1.0e-300]]),
    io:format("~p~n", [[round(id(X)) || X <- [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999]]]),
    io:format("~p~n", [[trunc(id(X)) || X <- [0.9, -0.9, 1.0e15 + 0.5, -123.999]]]),
    io:format("~p~n", [[floor(id(X)) || X <- [0.5, -0.5, -1.0, 3]]]),
    io:format("~p~n", [[ceil(id(X)) || X <- [0.5, -0.5, -1.0, 3]]]),
    io:format("~p~n", [try id(1.0e308) * 10 catch error:E -> E end]),
    io:format("~p~n", [try id(1.0e308) + 1.0e308 catch error:E2 -> E2 end]),
    io:format("~p~n", [try float(id(1 bsl 1100)) catch error:E3 -> E3 end]),
    io:format("~p~n", [[id(1) == 1.0, id(1) =:= 1.0, id(0.0) == -0.0, 3 > id(2.9999999)]]),
    io:format("~p~n", [id(123456789) * 1.0]),
    io:format("~p~n", [id(1 bsl 62) * 1.0]),
    io:format("~p~n", [[X / 7 || X <- lists:seq(1, 6)]]),
    io:format("~p~n", [lists:foldl(fun(X, A) -> A + 1 / X end, 0, lists:seq(1, 100))]),
    io:format("~p~n", [abs(id(-0.0))]),
    io:format("~p~n", [[float_to_list(X, [{decimals, 2}]) || X <- [0.005, 0.015, 1.005, 2.675]]]).
