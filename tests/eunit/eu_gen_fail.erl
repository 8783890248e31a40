-module(eu_gen_fail).
-include_lib("eunit/include/eunit.hrl").

a_test() -> ok.
broken_test_() -> erlang:error(no_tests_here).
