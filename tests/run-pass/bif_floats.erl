%% Float formatting and parsing: float_to_list/binary with default (%.20e), short,
%% {decimals, N}, {scientific, N}, compact; list_to_float / binary_to_float; ~p of floats.
-module(bif_floats).
-export([main/1]).

id(X) -> X.

main(_) ->
    Fs = [0.0, 1.0, -1.5, 0.1, 1/3, 2/3, 1.0e10, 1.0e-10, 123.456, 6.02214076e23, 5.0e-324,
          1.7976931348623157e308, 100.0, 0.5, 9007199254740993.0],
    [io:format("~p ~s ~s~n", [F, float_to_list(F), float_to_list(F, [short])]) || F <- Fs],
    [io:format("~s ~s ~s~n", [float_to_list(F, [{decimals, 3}]), float_to_list(F, [{scientific, 4}]),
                              float_to_list(F, [{decimals, 4}, compact])]) || F <- [3.14159, -0.0001, 2.5, 1000.0]],
    io:format("~p~n", [float_to_binary(1.25)]),
    io:format("~p~n", [float_to_binary(1.25, [{decimals, 1}])]),
    io:format("~p~n", [[list_to_float(S) || S <- ["1.5", "-0.25", "1.0e3", "2.5E-2", "+3.0"]]]),
    io:format("~p~n", [binary_to_float(<<"6.25">>)]),
    io:format("~w~n", [[1.0e15, 1.0e16, 123456789.0, 0.000123, -2.0e-5]]),
    Errs = [fun() -> list_to_float(id("1")) end, fun() -> list_to_float(id("1.")) end,
            fun() -> list_to_float(id(".5")) end, fun() -> binary_to_float(id(<<"abc">>)) end,
            fun() -> float_to_list(id(1)) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]),
    io:format("~p ~p~n", [0.1 + 0.2, 0.1 + 0.2 =:= 0.3]),
    io:format("~p ~p~n", [1.0 == 1, 1.0 =:= 1]).
