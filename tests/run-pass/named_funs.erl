%% Named funs (fun Name(...) -> ... Name(...) end): recursion, capturing outer
%% variables, mutual use with other closures, returning the named fun itself.
-module(named_funs).
-export([main/1]).

main(_) ->
    Fact = fun F(0) -> 1; F(N) when N > 0 -> N * F(N - 1) end,
    io:format("~p~n", [Fact(20)]),
    io:format("~p~n", [Fact(30)]),
    Base = 3,
    Pow = fun P(_, 0) -> 1; P(X, N) -> Base * 0 + X * P(X, N - 1) end,
    io:format("~p~n", [Pow(2, 64)]),
    Fib = fun Fib(N) when N < 2 -> N; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("~p~n", [[Fib(N) || N <- lists:seq(0, 15)]]),
    %% a named fun that returns itself
    Self = fun Me(stop) -> stopped; Me(_) -> Me end,
    Again = Self(go),
    io:format("~p~n", [Again(stop)]),
    %% tail-recursive named fun with an accumulator, long loop
    Loop = fun L(0, Acc) -> Acc; L(N, Acc) -> L(N - 1, Acc + N) end,
    io:format("~p~n", [Loop(1000000, 0)]),
    %% named fun capturing another fun
    Map = fun M(_, []) -> []; M(G, [H | T]) -> [G(H) | M(G, T)] end,
    Offset = 100,
    io:format("~p~n", [Map(fun(X) -> X + Offset end, [1, 2, 3])]),
    %% walking a tree
    Tree = {node, {node, {leaf, 1}, {leaf, 2}}, {node, {leaf, 3}, {node, {leaf, 4}, {leaf, 5}}}},
    Sum = fun S({leaf, V}) -> V; S({node, L, R}) -> S(L) + S(R) end,
    Depth = fun D({leaf, _}) -> 0; D({node, L, R}) -> 1 + max(D(L), D(R)) end,
    io:format("~p ~p~n", [Sum(Tree), Depth(Tree)]).
