-module(stdlib_maps).
-export([main/1]).

%% Property-style check of every maps export on generated maps (up to 32 keys: above
%% that BEAM iterates in hash order, so large maps are only checked through sorted
%% results), with the errors for bad arguments.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

key(S) ->
    case S rem 6 of
        0 -> S rem 20;
        1 -> element(S rem 5 + 1, {a, b, c, d, e});
        2 -> (S rem 10) / 2;
        3 -> {S rem 3};
        4 -> [S rem 4];
        _ -> -(S rem 7)
    end.

gen_map(0, S, Acc) -> {maps:from_list(Acc), S};
gen_map(N, S0, Acc) ->
    S1 = lcg(S0),
    S2 = lcg(S1),
    gen_map(N - 1, S2, [{key(S1), S2 rem 100} | Acc]).

gen_maps(0, _, Acc) -> lists:reverse(Acc);
gen_maps(N, S0, Acc) ->
    S1 = lcg(S0),
    {M, S2} = gen_map(S1 rem 12, S1, []),
    gen_maps(N - 1, S2, [M | Acc]).

run(F) ->
    try F() catch C:R -> {'EXIT', C, R} end.

p(T) -> io:format("~p~n", [T]).

main(_) ->
    Ms = gen_maps(200, 7, []),
    Ks = [key(S) || S <- lists:seq(0, 30)],
    Bad = [x, [], {a, b}, 1, [0 | maps:new()]],
    lists:foreach(fun(M) -> one(M, Ks) end, Ms),
    pairwise(Ms),
    errors(Bad),
    iterators(Ms),
    large(),
    ok.

one(M, Ks) ->
    K = hd(Ks ++ maps:keys(M)),
    p({M, maps:size(M), map_size(M), maps:keys(M), maps:values(M), maps:to_list(M)}),
    p([{maps:find(X, M), maps:get(X, M, def), maps:is_key(X, M), is_map_key(X, M),
        run(fun() -> maps:get(X, M) end), run(fun() -> map_get(X, M) end)}
       || X <- lists:sublist(Ks, 8)]),
    p([maps:put(X, v, M) || X <- lists:sublist(Ks, 3)]),
    p([run(fun() -> maps:update(X, v, M) end) || X <- lists:sublist(Ks, 3) ++ maps:keys(M)]),
    p([{maps:remove(X, M), maps:take(X, M)} || X <- lists:sublist(Ks, 3) ++ maps:keys(M)]),
    p(maps:map(fun(Key, V) -> {Key, V * 2} end, M)),
    p(maps:fold(fun(Key, V, Acc) -> [{Key, V} | Acc] end, [], M)),
    p(maps:filter(fun(_, V) -> V rem 2 =:= 0 end, M)),
    p(maps:filtermap(fun(_, V) when V rem 3 =:= 0 -> false;
                        (_, V) when V rem 3 =:= 1 -> true;
                        (_, V) -> {true, -V} end, M)),
    maps:foreach(fun(Key, V) -> io:format("~w:~w ", [Key, V]) end, M),
    io:format("~n"),
    p({maps:with(lists:sublist(Ks, 10), M), maps:without(lists:sublist(Ks, 10), M)}),
    p(run(fun() -> maps:update_with(K, fun(V) -> V + 1000 end, M) end)),
    p(maps:update_with(K, fun(V) -> V + 1000 end, init, M)),
    p(maps:from_keys(maps:keys(M) ++ lists:sublist(Ks, 3), z)),
    p(maps:groups_from_list(fun(V) -> V rem 3 end, maps:values(M))),
    p(maps:groups_from_list(fun(V) -> V rem 2 end, fun(V) -> -V end, maps:values(M))),
    p(maps:from_list(maps:to_list(M)) =:= M),
    p(M#{a => 1, 0 => zero}).

pairwise(Ms) ->
    Pairs = lists:zip(lists:sublist(Ms, 100), lists:nthtail(100, Ms)),
    lists:foreach(
      fun({A, B}) ->
              p({maps:merge(A, B), maps:intersect(A, B),
                 maps:intersect_with(fun(K, V1, V2) -> {K, V1, V2} end, A, B),
                 maps:merge_with(fun(K, V1, V2) -> {K, V1 + V2} end, A, B)})
      end, Pairs).

errors(Bad) ->
    F1 = fun(K, V) -> {K, V} end,
    Calls =
        [fun(X) -> maps:get(a, X) end, fun(X) -> maps:get(a, X, 1) end,
         fun(X) -> maps:find(a, X) end, fun(X) -> maps:put(a, 1, X) end,
         fun(X) -> maps:update(a, 1, X) end, fun(X) -> maps:remove(a, X) end,
         fun(X) -> maps:take(a, X) end, fun(X) -> maps:is_key(a, X) end,
         fun(X) -> maps:keys(X) end, fun(X) -> maps:values(X) end,
         fun(X) -> maps:to_list(X) end, fun(X) -> maps:from_list(X) end,
         fun(X) -> maps:from_list([{a, 1} | X]) end, fun(X) -> maps:from_list([X]) end,
         fun(X) -> maps:from_keys(X, 1) end,
         fun(X) -> maps:merge(X, #{}) end, fun(X) -> maps:merge(#{}, X) end,
         fun(X) -> maps:merge(X, X) end, fun(X) -> maps:size(X) end,
         fun(X) -> map_size(X) end, fun(X) -> is_map_key(a, X) end,
         fun(X) -> map_get(a, X) end,
         fun(X) -> maps:map(F1, X) end, fun(X) -> maps:map(X, #{}) end,
         fun(X) -> maps:map(X, X) end,
         fun(X) -> maps:fold(fun(_, _, A) -> A end, 0, X) end, fun(X) -> maps:fold(X, 0, #{}) end,
         fun(X) -> maps:fold(X, 0, X) end,
         fun(X) -> maps:filter(fun(_, _) -> true end, X) end, fun(X) -> maps:filter(X, #{}) end,
         fun(X) -> maps:filtermap(fun(_, _) -> true end, X) end, fun(X) -> maps:filtermap(X, #{}) end,
         fun(X) -> maps:foreach(fun(_, _) -> ok end, X) end, fun(X) -> maps:foreach(X, #{}) end,
         fun(X) -> maps:with(X, #{}) end, fun(X) -> maps:with([a], X) end,
         fun(X) -> maps:with(X, X) end, fun(X) -> maps:with([a | X], #{}) end,
         fun(X) -> maps:without(X, #{}) end, fun(X) -> maps:without([a], X) end,
         fun(X) -> maps:without([a | X], #{}) end,
         fun(X) -> maps:update_with(a, fun(V) -> V end, X) end,
         fun(X) -> maps:update_with(a, X, #{}) end, fun(X) -> maps:update_with(a, X, X) end,
         fun(X) -> maps:update_with(a, fun(V) -> V end, 1, X) end,
         fun(X) -> maps:update_with(a, X, 1, #{}) end,
         fun(X) -> maps:iterator(X) end, fun(X) -> maps:next(X) end,
         fun(X) -> maps:intersect(X, #{}) end, fun(X) -> maps:intersect(#{}, X) end,
         fun(X) -> maps:intersect_with(X, #{}, #{}) end,
         fun(X) -> maps:intersect_with(fun(_, A, _) -> A end, X, #{}) end,
         fun(X) -> maps:intersect_with(fun(_, A, _) -> A end, #{}, X) end,
         fun(X) -> maps:intersect_with(X, X, #{}) end,
         fun(X) -> maps:merge_with(X, #{}, #{}) end,
         fun(X) -> maps:merge_with(fun(_, A, _) -> A end, X, #{}) end,
         fun(X) -> maps:merge_with(fun(_, A, _) -> A end, #{}, X) end,
         fun(X) -> maps:merge_with(X, #{}, X) end,
         fun(X) -> maps:groups_from_list(X, [1]) end,
         fun(X) -> maps:groups_from_list(fun(V) -> V end, X) end,
         fun(X) -> maps:groups_from_list(fun(V) -> V end, [1 | X]) end,
         fun(X) -> maps:groups_from_list(X, fun(V) -> V end, [1]) end,
         fun(X) -> maps:groups_from_list(fun(V) -> V end, X, [1]) end,
         fun(X) -> maps:groups_from_list(fun(V) -> V end, fun(V) -> V end, X) end],
    lists:foreach(fun(F) -> p([run(fun() -> F(X) end) || X <- Bad]) end, Calls).

iterators(Ms) ->
    lists:foreach(
      fun(M) ->
              I = maps:iterator(M),
              p({I, walk(maps:next(I)), maps:next(I)}),
              p({maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], I),
                 maps:map(fun(_, V) -> V + 1 end, I),
                 maps:filter(fun(_, V) -> V > 50 end, I),
                 maps:filtermap(fun(_, V) -> V > 50 end, I)}),
              maps:foreach(fun(K, _) -> io:format("~w ", [K]) end, I),
              io:format("~n")
      end, lists:sublist(Ms, 40)),
    p([run(fun() -> maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], T) end)
       || T <- [{a, b, none}, {a, b, c}, none, [1 | maps:new()]]]).

walk(none) -> [];
walk({K, V, I}) -> [{K, V} | walk(maps:next(I))].

large() ->
    M = maps:from_list([{I, I * I} || I <- lists:seq(1, 200)]),
    p({maps:size(M), lists:sort(maps:keys(M)) =:= lists:seq(1, 200),
       lists:sum(maps:values(M)), maps:get(77, M), maps:find(201, M)}),
    M2 = maps:filter(fun(K, _) -> K rem 3 =:= 0 end, M),
    p({maps:size(M2), lists:sort(maps:to_list(M2)) =:= [{K, K * K} || K <- lists:seq(3, 200, 3)]}),
    M3 = maps:without(lists:seq(1, 190), M),
    p(M3),
    M4 = lists:foldl(fun(K, Acc) -> maps:remove(K, Acc) end, M, lists:seq(2, 200)),
    p(M4),
    p(maps:fold(fun(_, V, A) -> V + A end, 0, maps:map(fun(K, _) -> K end, M))).
