-module(lists_basic).
-export([main/1]).
main(_) ->
    L = [5, 3, 8, 1, 9, 2, 7],
    io:format("~w~n", [lists:sort(L)]),
    io:format("~w~n", [lists:reverse(L)]),
    io:format("~w~n", [lists:map(fun(X) -> X * X end, L)]),
    io:format("~w~n", [lists:filter(fun(X) -> X rem 2 =:= 0 end, L)]),
    io:format("~w ~w~n", [lists:foldl(fun(X, A) -> X + A end, 0, L), lists:foldr(fun(X, A) -> [X | A] end, [], L)]),
    io:format("~w ~w ~w~n", [lists:sum(L), lists:max(L), lists:min(L)]),
    io:format("~w ~w ~w~n", [lists:nth(3, L), lists:last(L), lists:member(8, L)]),
    io:format("~w~n", [lists:seq(10, 1, -3)]),
    io:format("~w~n", [lists:seq(1, 0)]),
    io:format("~w~n", [lists:append([[1], [2, 3], []])]),
    io:format("~w~n", [lists:append([a], [b])]),
    io:format("~w~n", [lists:flatten([1, [2, [3, [4]], []], 5])]),
    io:format("~w~n", [lists:keyfind(b, 1, [{a, 1}, {b, 2}, {b, 3}])]),
    io:format("~w~n", [lists:keyfind(z, 1, [{a, 1}])]),
    io:format("~w~n", [lists:keysort(2, [{a, 3}, {b, 1}, {c, 3}, {d, 2}, {e, 1}])]),
    io:format("~w~n", [lists:duplicate(3, xy)]),
    io:format("~w~n", [lists:zip([1, 2, 3], [a, b, c])]),
    io:format("~w~n", [lists:usort([3, 1, 3, 2, 1, b, a, b])]),
    io:format("~w~n", [lists:sort([{b, 1}, a, 3, "s", {a, 2}, 1.5])]),
    lists:foreach(fun(X) -> io:format("item ~p~n", [X]) end, [one, two]).
