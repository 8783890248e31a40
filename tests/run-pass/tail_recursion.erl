%% Deep recursion: body recursion 20,000 deep (the process stack grows through the
%% GC), tail-recursive loops of three million iterations, mutual recursion.
-module(tail_recursion).
-export([main/1]).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum_to(0, Acc) -> Acc;
sum_to(N, Acc) -> sum_to(N - 1, Acc + N).

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

build(0) -> [];
build(N) -> [N | build(N - 1)].

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

main(_) ->
    L = build(20000),
    io:format("~p~n", [len(L)]),
    io:format("~p~n", [lists:sum(map(fun(X) -> X rem 3 end, L))]),
    io:format("~p~n", [sum_to(3000000, 0)]),
    io:format("~p ~p~n", [even(100001), odd(100001)]),
    Deep = lists:foldl(fun(_, Acc) -> {Acc} end, nil, lists:seq(1, 20000)),
    io:format("~p~n", [depth(Deep, 0)]).

depth({X}, N) -> depth(X, N + 1);
depth(nil, N) -> N.
