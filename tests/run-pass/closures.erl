%% Closures: capturing variables (incl. other funs), returning funs, counters built
%% from closures, funs in data structures, fun arity and badarity/badfun errors.
-module(closures).
-export([main/1]).

adder(N) -> fun(X) -> X + N end.

compose(F, G) -> fun(X) -> F(G(X)) end.

curry(F) -> fun(A) -> fun(B) -> F(A, B) end end.

make_ops(K) ->
    #{add => fun(X) -> X + K end, mul => fun(X) -> X * K end, k => K}.

id(X) -> X.

main(_) ->
    Add5 = adder(5),
    io:format("~p~n", [Add5(10)]),
    Double = fun(X) -> X * 2 end,
    Inc = fun(X) -> X + 1 end,
    io:format("~p ~p~n", [(compose(Double, Inc))(3), (compose(Inc, Double))(3)]),
    Plus = curry(fun(A, B) -> A + B end),
    io:format("~p~n", [(Plus(1))(2)]),
    A = 1, B = {two, 2}, C = [3], D = "four", E = <<5>>, F = #{six => 6},
    Big = fun() -> {A, B, C, D, E, F} end,
    io:format("~p~n", [Big()]),
    #{add := Add, mul := Mul} = make_ops(7),
    io:format("~p ~p~n", [Add(1), Mul(2)]),
    Fs = [adder(N) || N <- [1, 2, 3]],
    io:format("~p~n", [[G(100) || G <- Fs]]),
    io:format("~p~n", [lists:foldl(fun(G, Acc) -> G(Acc) end, 0, Fs)]),
    %% a closure capturing a closure
    Twice = fun(G) -> fun(X) -> G(G(X)) end end,
    io:format("~p~n", [(Twice(Twice(Inc)))(0)]),
    %% shadowing: fun head variables are new
    X0 = 10,
    Shadow = fun(X0b) -> X0b * 3 end,
    io:format("~p ~p~n", [Shadow(2), X0]),
    %% multi-clause fun with guards
    Classify = fun(N) when N < 0 -> neg; (0) -> zero; (_) -> pos end,
    io:format("~p~n", [[Classify(N) || N <- [-1, 0, 1]]]),
    {arity, Ar} = erlang:fun_info(Classify, arity),
    io:format("~p~n", [Ar]),
    R1 = try (id(Double))(1, 2) catch error:{badarity, {_, Args}} -> {badarity, Args} end,
    io:format("~p~n", [R1]),
    R2 = try (id(not_a_fun))(1) catch error:Err -> Err end,
    io:format("~p~n", [R2]),
    R3 = try Classify(x, y) catch error:{badarity, _} -> badarity end,
    io:format("~p~n", [R3]),
    R4 = try (fun(1) -> one end)(id(2)) catch error:function_clause -> function_clause end,
    io:format("~p~n", [R4]).
