-module(eu_two).
-include_lib("eunit/include/eunit.hrl").

first_test() -> ?assertEqual(4, 2 * 2).
second_test_() -> ?_assertMatch([_, _], lists:seq(1, 2)).
