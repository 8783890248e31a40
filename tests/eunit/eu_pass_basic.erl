-module(eu_pass_basic).
-include_lib("eunit/include/eunit.hrl").

assert_test() -> ?assert(1 < 2).
assert_not_test() -> ?assertNot(lists:member(x, [a, b])).
equal_test() -> ?assertEqual([1, 2, 3], lists:seq(1, 3)).
not_equal_test() -> ?assertNotEqual(1, 1.0).
match_test() -> ?assertMatch({ok, _}, {ok, 42}).
match_guard_test() -> ?assertMatch({ok, N} when N > 40, {ok, 42}).
not_match_test() -> ?assertNotMatch({error, _}, {ok, 1}).
plain_test() -> ok.
bound_var_test() ->
    X = 7,
    ?assertEqual(X, 3 + 4),
    ?assertMatch(X, 7).
