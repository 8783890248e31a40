-module(eu_mf).
-include_lib("eunit/include/eunit.hrl").
-export([check/0, gen/0]).

check() -> ok.
gen() -> [?_test(ok), ?_test(ok)].

mf_test_() -> [{eu_mf, check}, {generator, fun gen/0}, {generator, eu_mf, gen}].
explicit_test_() -> {test, eu_mf, check}.
