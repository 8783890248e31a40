-module(eu_lists).
-include_lib("eunit/include/eunit.hrl").

reverse_test_() ->
    [?_assertEqual(lists:reverse(L), rev(L)) || L <- [[], [1], [1, 2, 3], "abcdef"]].

sort_test() -> ?assertEqual([1, 2, 3], lists:sort([3, 1, 2])).
keyfind_test() -> ?assertEqual({b, 2}, lists:keyfind(b, 1, [{a, 1}, {b, 2}])).
foldl_test() -> ?assertEqual(10, lists:foldl(fun(X, A) -> X + A end, 0, [1, 2, 3, 4])).
zip_test() -> ?assertEqual([{1, a}, {2, b}], lists:zip([1, 2], [a, b])).
nth_error_test() -> ?assertError(function_clause, lists:nth(0, [a])).
map_test() -> ?assertEqual([2, 4], lists:map(fun(X) -> X * 2 end, [1, 2])).
bad_expectation_test() -> ?assertEqual([3, 2, 1], lists:sort([1, 2, 3])).

rev(L) -> rev(L, []).
rev([H | T], A) -> rev(T, [H | A]);
rev([], A) -> A.
