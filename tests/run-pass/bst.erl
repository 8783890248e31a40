%% A binary search tree of tuples: insert, lookup, delete, in-order traversal, height,
%% built from 10,000 pseudo-random keys (a linear congruential generator).
-module(bst).
-export([main/1]).

insert(K, V, nil) -> {K, V, nil, nil};
insert(K, V, {K2, V2, L, R}) when K < K2 -> {K2, V2, insert(K, V, L), R};
insert(K, V, {K2, V2, L, R}) when K > K2 -> {K2, V2, L, insert(K, V, R)};
insert(K, V, {K, _, L, R}) -> {K, V, L, R}.

lookup(_, nil) -> none;
lookup(K, {K, V, _, _}) -> {ok, V};
lookup(K, {K2, _, L, _}) when K < K2 -> lookup(K, L);
lookup(K, {_, _, _, R}) -> lookup(K, R).

delete(_, nil) -> nil;
delete(K, {K2, V, L, R}) when K < K2 -> {K2, V, delete(K, L), R};
delete(K, {K2, V, L, R}) when K > K2 -> {K2, V, L, delete(K, R)};
delete(_, {_, _, nil, R}) -> R;
delete(_, {_, _, L, nil}) -> L;
delete(_, {_, _, L, R}) ->
    {MK, MV} = min_of(R),
    {MK, MV, L, delete(MK, R)}.

min_of({K, V, nil, _}) -> {K, V};
min_of({_, _, L, _}) -> min_of(L).

to_list(nil) -> [];
to_list({K, V, L, R}) -> to_list(L) ++ [{K, V}] ++ to_list(R).

height(nil) -> 0;
height({_, _, L, R}) -> 1 + max(height(L), height(R)).

take(0, _) -> [];
take(_, []) -> [];
take(N, [H | T]) -> [H | take(N - 1, T)].

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

keys(0, _) -> [];
keys(N, X) -> [X rem 100000 | keys(N - 1, lcg(X))].

main(_) ->
    Ks = keys(10000, 42),
    T = lists:foldl(fun(K, Acc) -> insert(K, K * 2, Acc) end, nil, Ks),
    L = to_list(T),
    io:format("~p ~p~n", [length(L), height(T)]),
    io:format("~p~n", [take(5, L)]),
    io:format("~p~n", [[lookup(K, T) || K <- [hd(Ks), 99999, lists:last(Ks)]]]),
    T2 = lists:foldl(fun delete/2, T, take(5000, Ks)),
    io:format("~p~n", [length(to_list(T2))]),
    io:format("~p~n", [L =:= lists:usort(L)]).
