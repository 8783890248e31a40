%% Alias patterns P1 = P2 and repeated variables (equality tests), also in heads.
-module(pat_alias_repeat).
-export([main/1]).

same(X, X) -> same;
same(_, _) -> different.

pair({X, X}) -> {equal_pair, X};
pair({X, Y}) -> {pair, X, Y}.

whole({tag, Inner} = Whole) -> {Whole, Inner}.

both([H | _] = L, {H, _} = T) -> {match_head, L, T};
both(L, T) -> {no, L, T}.

triple({A, A, A}) -> all_same;
triple({A, _, A}) -> ends_same;
triple(_) -> mixed.

id(X) -> X.

main(_) ->
    io:format("~p~n", [[same(1, 1), same(1, 1.0), same(a, a), same("x", "x"), same({1}, {2})]]),
    io:format("~p~n", [[pair({3, 3}), pair({3, 4}), pair({[a], [a]})]]),
    io:format("~p~n", [whole({tag, 42})]),
    io:format("~p~n", [both([1, 2], {1, z})]),
    io:format("~p~n", [both([1, 2], {2, z})]),
    io:format("~p~n", [[triple({x, x, x}), triple({x, y, x}), triple({x, y, z})]]),
    {A, B} = C = {1, 2},
    io:format("~p ~p ~p~n", [A, B, C]),
    D = E = F = 7,
    io:format("~p~n", [D + E + F]),
    [X | _] = [Y | _] = [5, 6],
    io:format("~p~n", [X * Y]),
    %% a variable bound before the pattern is an equality test
    Z = 10,
    R = [case V of Z -> bound_match; _ -> no end || V <- [10, 11, 10.0]],
    io:format("~p~n", [R]),
    Res = try {K, K} = id({1, 2}) catch error:{badmatch, V} -> {badmatch, V} end,
    io:format("~p~n", [Res]).
