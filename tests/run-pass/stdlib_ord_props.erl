-module(stdlib_ord_props).
-export([main/1]).

%% Property-style check of orddict, ordsets and proplists on generated inputs (an LCG),
%% results printed, bad arguments' exceptions printed.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

key(S) ->
    case S rem 5 of
        0 -> S rem 8;
        1 -> element(S rem 4 + 1, {a, b, c, d});
        2 -> (S rem 8) / 2 + 0.25;
        3 -> {S rem 3};
        _ -> S rem 6
    end.

gen(0, S, Acc) -> {Acc, S};
gen(N, S0, Acc) ->
    S1 = lcg(S0),
    gen(N - 1, S1, [{key(S1), S1 rem 50} | Acc]).

gens(0, _, Acc) -> lists:reverse(Acc);
gens(N, S0, Acc) ->
    S1 = lcg(S0),
    {L, S2} = gen(S1 rem 10, S1, []),
    gens(N - 1, S2, [L | Acc]).

run(F) -> try F() catch C:R -> {'EXIT', C, R} end.
p(T) -> io:format("~p~n", [T]).

main(_) ->
    Ls = gens(120, 3, []),
    Ks = [key(S) || S <- lists:seq(0, 12)],
    lists:foreach(fun(L) -> dict(L, Ks), sets(L, Ks), props(L, Ks) end, Ls),
    Pairs = lists:zip(lists:sublist(Ls, 60), lists:nthtail(60, Ls)),
    lists:foreach(fun({A, B}) -> two(A, B) end, Pairs),
    errors().

dict(L, Ks) ->
    D = orddict:from_list(L),
    p({D, orddict:size(D), orddict:is_empty(D), orddict:to_list(D), orddict:fetch_keys(D)}),
    p([{orddict:is_key(K, D), orddict:find(K, D), run(fun() -> orddict:fetch(K, D) end),
        orddict:erase(K, D), orddict:take(K, D)} || K <- Ks]),
    p([{orddict:store(K, new, D), orddict:append(K, x, orddict:map(fun(_, V) -> [V] end, D)), orddict:append_list(K, [y, z], orddict:map(fun(_, V) -> [V] end, D)),
        run(fun() -> orddict:update(K, fun(V) -> {V} end, D) end), orddict:update(K, fun(V) -> {V} end, init, D),
        orddict:update_counter(K, 5, D)} || K <- lists:sublist(Ks, 5)]),
    p({orddict:fold(fun(K, V, A) -> [{V, K} | A] end, [], D), orddict:map(fun(K, V) -> {K, V} end, D),
       orddict:filter(fun(_, V) -> V rem 2 =:= 0 end, D)}).

sets(L, Ks) ->
    S = ordsets:from_list([K || {K, _} <- L]),
    p({S, ordsets:is_set(S), ordsets:is_set(lists:reverse(S)), ordsets:is_set([K || {K, _} <- L]), ordsets:size(S), ordsets:is_empty(S), ordsets:to_list(S)}),
    p([{ordsets:is_element(K, S), ordsets:add_element(K, S), ordsets:del_element(K, S)} || K <- Ks]),
    p({ordsets:fold(fun(E, A) -> [E | A] end, [], S), ordsets:filter(fun(E) -> is_number(E) end, S)}).

props(L, Ks) ->
    P = [case V rem 4 of 0 -> K; 1 -> {K, V}; 2 -> {K, V, x}; _ -> {K, [V]} end || {K, V} <- L] ++ [{b, true}, junk, 7],
    p({P, proplists:compact(P), proplists:unfold(P), lists:sort([{X, is_float(X)} || X <- proplists:get_keys(P)]), proplists:to_map(P),
       proplists:split(P, [a, b, 1]), [proplists:property(E) || E <- P], proplists:property(a, true),
       proplists:property(1, true), proplists:property(a, 3)}),
    p([{K, proplists:lookup(K, P), proplists:lookup_all(K, P), proplists:is_defined(K, P),
        proplists:get_value(K, P), proplists:get_value(K, P, def), proplists:get_all_values(K, P),
        proplists:append_values(K, P), proplists:get_bool(K, P), proplists:delete(K, P)} || K <- Ks]),
    p(proplists:from_map(maps:from_list(L))).

two(A, B) ->
    DA = orddict:from_list(A), DB = orddict:from_list(B),
    SA = ordsets:from_list([K || {K, _} <- A]), SB = ordsets:from_list([K || {K, _} <- B]),
    p({orddict:merge(fun(K, V1, V2) -> {K, V1, V2} end, DA, DB),
       ordsets:union(SA, SB), ordsets:union([SA, SB, SA]), ordsets:intersection(SA, SB),
       ordsets:intersection([SA, SB, SA]), ordsets:is_disjoint(SA, SB), ordsets:subtract(SA, SB),
       ordsets:is_subset(SA, SB), ordsets:is_subset(ordsets:intersection(SA, SB), SA), ordsets:union([])}).

errors() ->
    Bad = [x, [x], [{a, 1} | x], 1.5],
    Calls =
        [fun(X) -> orddict:from_list(X) end, fun(X) -> orddict:fetch(a, X) end, fun(X) -> orddict:find(a, X) end,
         fun(X) -> orddict:store(a, 1, X) end, fun(X) -> orddict:erase(a, X) end, fun(X) -> orddict:is_key(a, X) end,
         fun(X) -> orddict:size(X) end, fun(X) -> orddict:fold(fun(_, _, A) -> A end, 0, X) end,
         fun(X) -> orddict:map(fun(_, V) -> V end, X) end, fun(X) -> orddict:update(z, fun(V) -> V end, X) end,
         fun(X) -> orddict:update_counter(a, 1, X) end, fun(X) -> orddict:take(a, X) end,
         fun(X) -> orddict:fetch_keys(X) end,
         fun(X) -> ordsets:from_list(X) end, fun(X) -> ordsets:is_element(a, X) end, fun(X) -> ordsets:add_element(a, X) end,
         fun(X) -> ordsets:union(X, [a]) end, fun(X) -> ordsets:union([a], X) end, fun(X) -> ordsets:subtract(X, [a]) end,
         fun(X) -> ordsets:intersection(X, [a]) end, fun(X) -> ordsets:is_set(X) end, fun(X) -> ordsets:size(X) end,
         fun(X) -> ordsets:intersection(X) end, fun(X) -> ordsets:union(X) end,
         fun(X) -> proplists:get_value(a, X) end, fun(X) -> proplists:lookup(a, X) end, fun(X) -> proplists:get_bool(a, X) end,
         fun(X) -> proplists:delete(a, X) end, fun(X) -> proplists:get_keys(X) end, fun(X) -> proplists:compact(X) end,
         fun(X) -> proplists:unfold(X) end, fun(X) -> proplists:to_map(X) end, fun(X) -> proplists:get_all_values(a, X) end],
    lists:foreach(fun(F) -> p([run(fun() -> F(X) end) || X <- Bad]) end, Calls).
