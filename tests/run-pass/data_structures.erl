%% Maps, closures, list operations and a garbage-heavy loop.
-module(data_structures).
-export([main/1]).

main(_) ->
    M = #{a => 1, b => [2, 3]},
    M2 = M#{c => {x, y}, a := 10},
    erlang:display(M2),
    erlang:display(maps_get(b, M2)),
    Add = fun(X) -> fun(Y) -> X + Y end end,
    Add5 = Add(5),
    erlang:display([Add5(I) || I <- [1, 2, 3]]),
    erlang:display([1, 2, 3] ++ [4] -- [2]),
    erlang:display(lists_reverse(seq(1, 10), [])),
    erlang:display(churn(200000, [])),
    erlang:display(tuple_to_list(list_to_tuple([p, q, r]))),
    erlang:display(atom_to_list(hello_world)),
    erlang:display({float(7), 7 / 2, 7 div 2, -7 rem 3, 2.5 * 4}).

maps_get(K, #{} = M) ->
    #{K := V} = M,
    V.

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

lists_reverse([H | T], Acc) -> lists_reverse(T, [H | Acc]);
lists_reverse([], Acc) -> Acc.

%% Builds and drops lots of short-lived data: exercises the per-process GC.
churn(0, Acc) -> length(Acc);
churn(N, Acc) ->
    T = {N, [N, N + 1], <<"bin">>},
    Acc2 = case N rem 1000 of 0 -> [T | Acc]; _ -> Acc end,
    churn(N - 1, Acc2).
