%% maps — the Erlang-written half of OTP 25's maps module, written for ferl from the
%% documented and observed behaviour (not from OTP's source).
%%
%% get/2,3, find/2, put/3, update/3, remove/2, take/2, is_key/2, keys/1, values/1,
%% to_list/1, from_list/1, from_keys/2, merge/2, new/0 and size/1 are runtime BIFs
%% (runtime/src/bif/maps.rs), as on BEAM; compiled code calls them directly and the
%% export table lists them, so this module does not define them.
%%
%% Iteration order (iterators, fold, foreach, map, filter, ...) is BEAM's: term order of
%% the keys for maps of up to 32 keys, where it equals maps:to_list/1's order; for larger
%% maps (HAMTs on BEAM) the reverse of maps:to_list/1's (the runtime reproduces BEAM's
%% hash order, runtime/src/map.rs). An iterator is [0 | Map] as on BEAM; next/1 returns
%% the whole remaining chain {K, V, {K2, V2, ... none}}, which is what BEAM does for maps
%% of up to 32 keys.
-module(maps).
-export([map/2, fold/3, filter/2, filtermap/2, foreach/2, with/2, without/2,
         update_with/3, update_with/4, iterator/1, next/1, intersect/2,
         intersect_with/3, merge_with/3, groups_from_list/2, groups_from_list/3]).

%% What OTP raises for a bad argument list: {badmap, M} when M is not a map (or, where
%% iterators are accepted, not an iterator), else badarg.
error_type(M) when is_map(M) -> badarg;
error_type(M) -> {badmap, M}.

error_type_iter(M) ->
    case is_map(M) orelse is_iter(M) of
        true -> badarg;
        false -> {badmap, M}
    end.

%% With a bad fun as well, OTP reports badarg.
error_type_iter(F, N, M) when is_function(F, N) -> error_type_iter(M);
error_type_iter(_, _, _) -> badarg.

error_type_two(M1, M2) when is_map(M1) -> error_type(M2);
error_type_two(M1, _) -> {badmap, M1}.

is_iter({_, _, _}) -> true;
is_iter(none) -> true;
is_iter([P | M]) when is_integer(P), is_map(M) -> true;
is_iter(_) -> false.

%% The {K, V} pairs of a map or the rest of an iterator, in iteration order.
pairs(M) when is_map(M) -> iter_list(M);
pairs(I) -> iter_pairs(next(I)).

iter_list(M) when map_size(M) > 32 -> lists:reverse(maps:to_list(M));
iter_list(M) -> maps:to_list(M).

iter_pairs({K, V, I}) -> [{K, V} | iter_pairs(next(I))];
iter_pairs(none) -> [].

iterator(M) when is_map(M) -> [0 | M];
iterator(M) -> erlang:error({badmap, M}).

next({K, V, I}) -> {K, V, I};
next(none) -> none;
next([0 | M]) when is_map(M) -> chain(iter_list(M));
next([P | M] = I) when is_integer(P), is_map(M) -> erlang:error({badmap, I});
next(_) -> erlang:error(badarg).

chain([{K, V} | T]) -> {K, V, chain(T)};
chain([]) -> none.

map(F, M) when is_function(F, 2), is_map(M) ->
    maps:from_list(map_1(F, iter_list(M)));
map(F, I) when is_function(F, 2) ->
    case is_iter(I) of
        true -> maps:from_list(map_1(F, pairs(I)));
        false -> erlang:error(error_type_iter(I))
    end;
map(F, M) -> erlang:error(error_type_iter(F, 2, M)).

map_1(F, [{K, V} | T]) -> [{K, F(K, V)} | map_1(F, T)];
map_1(_, []) -> [].

fold(F, Acc, M) when is_function(F, 3), is_map(M) ->
    fold_1(F, Acc, iter_list(M));
fold(F, Acc, I) when is_function(F, 3) ->
    case is_iter(I) of
        true -> fold_iter(F, Acc, next(I));
        false -> erlang:error(error_type_iter(I))
    end;
fold(F, _, M) -> erlang:error(error_type_iter(F, 3, M)).

fold_1(F, Acc, [{K, V} | T]) -> fold_1(F, F(K, V, Acc), T);
fold_1(_, Acc, []) -> Acc.

fold_iter(F, Acc, {K, V, I}) -> fold_iter(F, F(K, V, Acc), next(I));
fold_iter(_, Acc, none) -> Acc.

filter(P, M) when is_function(P, 2), is_map(M) ->
    maps:from_list(filter_1(P, iter_list(M)));
filter(P, I) when is_function(P, 2) ->
    case is_iter(I) of
        true -> maps:from_list(filter_1(P, pairs(I)));
        false -> erlang:error(error_type_iter(I))
    end;
filter(F, M) -> erlang:error(error_type_iter(F, 2, M)).

filter_1(P, [{K, V} = KV | T]) ->
    case P(K, V) of
        true -> [KV | filter_1(P, T)];
        false -> filter_1(P, T)
    end;
filter_1(_, []) -> [].

filtermap(F, M) when is_function(F, 2), is_map(M) ->
    maps:from_list(filtermap_1(F, iter_list(M)));
filtermap(F, I) when is_function(F, 2) ->
    case is_iter(I) of
        true -> maps:from_list(filtermap_1(F, pairs(I)));
        false -> erlang:error(error_type_iter(I))
    end;
filtermap(F, M) -> erlang:error(error_type_iter(F, 2, M)).

filtermap_1(F, [{K, V} = KV | T]) ->
    case F(K, V) of
        true -> [KV | filtermap_1(F, T)];
        {true, NewV} -> [{K, NewV} | filtermap_1(F, T)];
        false -> filtermap_1(F, T)
    end;
filtermap_1(_, []) -> [].

foreach(F, M) when is_function(F, 2), is_map(M) ->
    foreach_1(F, iter_list(M));
foreach(F, I) when is_function(F, 2) ->
    case is_iter(I) of
        true -> foreach_1(F, pairs(I));
        false -> erlang:error(error_type_iter(I))
    end;
foreach(F, M) -> erlang:error(error_type_iter(F, 2, M)).

foreach_1(F, [{K, V} | T]) -> F(K, V), foreach_1(F, T);
foreach_1(_, []) -> ok.

with(Ks, M) when is_list(Ks), is_map(M) ->
    maps:from_list(with_1(Ks, M));
with(_, M) -> erlang:error(error_type(M)).

with_1([K | Ks], M) ->
    case maps:find(K, M) of
        {ok, V} -> [{K, V} | with_1(Ks, M)];
        error -> with_1(Ks, M)
    end;
with_1([], _) -> [].

without(Ks, M) when is_list(Ks), is_map(M) -> without_1(Ks, M);
without(_, M) -> erlang:error(error_type(M)).

without_1([K | Ks], M) -> without_1(Ks, maps:remove(K, M));
without_1([], M) -> M.

update_with(K, F, M) when is_function(F, 1), is_map(M) ->
    case maps:find(K, M) of
        {ok, V} -> maps:update(K, F(V), M);
        error -> erlang:error({badkey, K})
    end;
update_with(_, _, M) -> erlang:error(error_type(M)).

update_with(K, F, Init, M) when is_function(F, 1), is_map(M) ->
    case maps:find(K, M) of
        {ok, V} -> maps:update(K, F(V), M);
        error -> maps:put(K, Init, M)
    end;
update_with(_, _, _, M) -> erlang:error(error_type(M)).

intersect(M1, M2) when is_map(M1), is_map(M2) ->
    intersect_with(fun(_, _, V2) -> V2 end, M1, M2);
intersect(M1, M2) -> erlang:error(error_type_two(M1, M2)).

intersect_with(C, M1, M2) when is_function(C, 3), is_map(M1), is_map(M2) ->
    maps:from_list(intersect_1(C, maps:to_list(M1), M2));
intersect_with(C, M1, M2) when is_function(C, 3) -> erlang:error(error_type_two(M1, M2));
intersect_with(_, _, _) -> erlang:error(badarg).

intersect_1(C, [{K, V1} | T], M2) ->
    case maps:find(K, M2) of
        {ok, V2} -> [{K, C(K, V1, V2)} | intersect_1(C, T, M2)];
        error -> intersect_1(C, T, M2)
    end;
intersect_1(_, [], _) -> [].

merge_with(C, M1, M2) when is_function(C, 3), is_map(M1), is_map(M2) ->
    merge_1(C, maps:to_list(M2), M1);
merge_with(C, M1, M2) when is_function(C, 3) -> erlang:error(error_type_two(M1, M2));
merge_with(_, _, _) -> erlang:error(badarg).

merge_1(C, [{K, V2} | T], Acc) ->
    case maps:find(K, Acc) of
        {ok, V1} -> merge_1(C, T, maps:update(K, C(K, V1, V2), Acc));
        error -> merge_1(C, T, maps:put(K, V2, Acc))
    end;
merge_1(_, [], Acc) -> Acc.

groups_from_list(F, L) when is_function(F, 1) ->
    groups_from_list(F, fun(X) -> X end, L);
groups_from_list(_, _) -> erlang:error(badarg).

groups_from_list(KF, VF, L) when is_function(KF, 1), is_function(VF, 1) ->
    case is_proper(L) of
        true -> groups_1(KF, VF, lists:reverse(L), #{});
        false -> erlang:error(badarg)
    end;
groups_from_list(_, _, _) -> erlang:error(badarg).

is_proper([_ | T]) -> is_proper(T);
is_proper([]) -> true;
is_proper(_) -> false.

groups_1(KF, VF, [X | T], Acc) ->
    K = KF(X),
    V = VF(X),
    case maps:find(K, Acc) of
        {ok, Vs} -> groups_1(KF, VF, T, maps:update(K, [V | Vs], Acc));
        error -> groups_1(KF, VF, T, maps:put(K, [V], Acc))
    end;
groups_1(_, _, [], Acc) -> Acc.
