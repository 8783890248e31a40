-module(eu_gen_nested).
-include_lib("eunit/include/eunit.hrl").
a_test() -> ok.
b_test() -> erlang:error(x).
g_test_() -> [?_test(ok), {generator, fun() -> erlang:error(x) end}, ?_test(ok)].
z_test() -> ok.
