-module(eu_notest).
-define(NOTEST, true).
-include_lib("eunit/include/eunit.hrl").
-export([f/0]).

f() -> ?assertEqual(1, 1).

never_run_test() -> erlang:error(should_not_run).
