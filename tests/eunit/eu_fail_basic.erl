-module(eu_fail_basic).
-include_lib("eunit/include/eunit.hrl").

assert_fails_test() -> ?assert(id(false)).
assert_not_boolean_test() -> ?assert(id(maybe_not)).
assert_not_fails_test() -> ?assertNot(id(true)).
equal_fails_test() -> ?assertEqual(2, id(1) + 2).
not_equal_fails_test() -> ?assertNotEqual(3, id(3)).
match_fails_test() -> ?assertMatch([_, _], id([a])).
not_match_fails_test() -> ?assertNotMatch({a, _}, id({a, b})).
passes_test() -> ?assert(true).

id(X) -> X.
