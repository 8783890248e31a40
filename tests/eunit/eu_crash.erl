-module(eu_crash).
-include_lib("eunit/include/eunit.hrl").

error_test() -> erlang:error(boom).
badmatch_test() -> {ok, _} = id(error).
throw_test() -> throw(thrown).
exit_test() -> exit(gone).
badarith_test() -> id(1) + id(a).
undef_test() -> no_such_module:f().
case_clause_test() -> case id(3) of 1 -> ok end.
fine_test() -> ok.

id(X) -> X.
