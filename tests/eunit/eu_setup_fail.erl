-module(eu_setup_fail).
-include_lib("eunit/include/eunit.hrl").

a_test() -> ok.
b_test() -> ok.
bad_setup_test_() ->
    {setup, fun() -> erlang:error(nosetup) end, fun(_) -> ok end,
     fun(_) -> [?_test(ok), ?_test(ok)] end}.
