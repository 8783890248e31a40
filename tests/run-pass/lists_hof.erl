%% Higher-order list processing with the lists functions ferl's stdlib has (map, filter,
%% foldl, foldr, foreach, zip, keyfind, keysort, sort, usort, seq, nth, last, duplicate,
%% flatten, append, member, reverse, sum, max, min) and funs defined inline.
-module(lists_hof).
-export([main/1]).

main(_) ->
    L = lists:seq(1, 10),
    io:format("~p~n", [lists:map(fun(X) -> X * X end, L)]),
    io:format("~p~n", [lists:filter(fun(X) -> X rem 3 =:= 0 end, L)]),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("~p~n", [lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L)]),
    lists:foreach(fun(X) -> io:format("~p;", [X]) end, [a, b, c]),
    io:format("~n"),
    Pairs = lists:zip([c, a, b], [3, 1, 2]),
    io:format("~p~n", [Pairs]),
    io:format("~p ~p~n", [lists:keyfind(a, 1, Pairs), lists:keyfind(z, 1, Pairs)]),
    io:format("~p~n", [lists:keysort(2, Pairs)]),
    io:format("~p~n", [lists:reverse(lists:sort(L))]),
    io:format("~p~n", [lists:usort([3, 1, 2, 3, 1])]),
    io:format("~p ~p~n", [lists:nth(3, L), lists:last(L)]),
    io:format("~p~n", [lists:duplicate(3, xy)]),
    io:format("~p~n", [lists:flatten([1, [2, [3, [4]], 5], [[[]]]])]),
    io:format("~p~n", [lists:append([[1], [2, 3], []])]),
    io:format("~p ~p~n", [lists:member(5, L), lists:member(50, L)]),
    io:format("~p ~p ~p~n", [lists:sum(L), lists:max(L), lists:min([4, 2, 8])]),
    Compose = fun(Fs) -> lists:foldl(fun(F, G) -> fun(X) -> F(G(X)) end end, fun(X) -> X end, Fs) end,
    Pipeline = Compose([fun(X) -> X + 1 end, fun(X) -> X * 10 end, fun integer_to_list/1]),
    io:format("~p~n", [Pipeline(4)]),
    io:format("~p~n", [lists:map(fun({K, V}) -> {V, K} end, Pairs)]).
