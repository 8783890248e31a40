-module(stdlib_math).
-export([main/1]).

%% Property-style check of every math export: deterministic inputs (an LCG), each
%% result or the exception printed.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

gen(0, _S, Acc) -> lists:reverse(Acc);
gen(N, S0, Acc) ->
    S1 = lcg(S0),
    S2 = lcg(S1),
    X = case S1 rem 7 of
            0 -> (S2 rem 2001) - 1000;
            1 -> ((S2 rem 200001) - 100000) / 10000;
            2 -> ((S2 rem 2001) - 1000) / 1000;
            3 -> (S2 rem 100) / 7;
            4 -> -(S2 rem 50) / 3;
            5 -> element(S2 rem 9 + 1, {0, 0.0, -0.0, 1, -1, 1.0e308, 1 bsl 80, 1 bsl 1100, 710});
            _ -> element(S2 rem 6 + 1, {a, "1", {1}, 2.5e-320, 1.0e-300, 3.141592653589793})
        end,
    gen(N - 1, S2, [X | Acc]).

run(F) ->
    try F() catch C:R -> {'EXIT', C, R} end.

main(_) ->
    Xs = gen(300, 42, []),
    io:format("~p~n", [math:pi()]),
    Unary = [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh,
             exp, log, log2, log10, sqrt, erf, erfc, floor, ceil],
    lists:foreach(
      fun(F) ->
              Rs = [run(fun() -> math:F(X) end) || X <- Xs],
              io:format("~p ~p~n", [F, Rs])
      end, Unary),
    Pairs = lists:zip(Xs, lists:reverse(Xs)),
    lists:foreach(
      fun(F) ->
              Rs = [run(fun() -> math:F(X, Y) end) || {X, Y} <- Pairs],
              io:format("~p ~p~n", [F, Rs])
      end, [atan2, pow, fmod]),
    %% apply and funs find the BIFs too
    io:format("~p~n", [[apply(math, sqrt, [16]), (fun math:pow/2)(2, 10),
                        run(fun() -> apply(math, log, [id(0)]) end)]]),
    %% direct calls (arguments through id/1, so that the compiler does not fold them)
    io:format("~p~n", [{math:sqrt(id(2)), math:exp(id(1)), math:log(id(10)), math:pow(id(2), 0.5),
                        math:floor(id(-0.5)), math:ceil(id(-0.5)), math:fmod(id(-7), 3),
                        math:atan2(id(-0.0), -1)}]),
    io:format("~p~n", [[run(fun() -> math:sqrt(id(-1)) end), run(fun() -> math:log(id(0)) end),
                        run(fun() -> math:acos(id(2)) end), run(fun() -> math:pow(id(0), -1) end),
                        run(fun() -> math:sqrt(id(x)) end), run(fun() -> math:fmod(id(1), 0.0) end)]]).

id(X) -> X.
