-module(eu_ets).
-include_lib("eunit/include/eunit.hrl").

insert_lookup_test() ->
    T = ets:new(t, [set]),
    true = ets:insert(T, {k, v}),
    ?assertEqual([{k, v}], ets:lookup(T, k)),
    ets:delete(T).

named_test() ->
    named_eu = ets:new(named_eu, [named_table, ordered_set]),
    ets:insert(named_eu, [{3, c}, {1, a}, {2, b}]),
    ?assertEqual([{1, a}, {2, b}, {3, c}], ets:tab2list(named_eu)),
    ?assertEqual(1, ets:first(named_eu)),
    ets:delete(named_eu).

badarg_test() ->
    T = ets:new(t, []),
    ets:delete(T),
    ?assertError(badarg, ets:insert(T, {a})).

select_test() ->
    T = ets:new(t, [bag]),
    ets:insert(T, [{a, 1}, {a, 2}, {b, 3}]),
    ?assertEqual([1, 2], lists:sort(ets:select(T, [{{a, '$1'}, [], ['$1']}]))),
    ?assertEqual(2, ets:select_count(T, [{{'_', '$1'}, [{'>', '$1', 1}], [true]}])).

counter_test() ->
    T = ets:new(t, []),
    ?assertEqual(5, ets:update_counter(T, c, 5, {c, 0})),
    ?assertEqual(3, ets:update_counter(T, c, -2)).

wrong_test() ->
    T = ets:new(t, []),
    ets:insert(T, {a, 1}),
    ?assertEqual([{a, 2}], ets:lookup(T, a)).
