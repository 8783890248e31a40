-module(eu_exceptions).
-include_lib("eunit/include/eunit.hrl").

error_test() -> ?assertError(badarith, 1 / id(0)).
error_pattern_test() -> ?assertError({badmatch, _}, begin {a, _} = id(b) end).
exit_test() -> ?assertExit(bye, exit(bye)).
throw_test() -> ?assertThrow({my, 1}, throw({my, 1})).
exception_test() -> ?assertException(error, function_clause, f(id(3))).
wrong_class_test() -> ?assertError(x, throw(x)).
no_exception_test() -> ?assertThrow(_, id(fine)).
wrong_reason_test() -> ?assertExit(a, exit(b)).
generated_test_() ->
    [?_assertError(badarg, list_to_atom(id(42))),
     ?_assertThrow(t, throw(t)),
     ?_assertExit(normal, exit(normal)),
     ?_assertException(throw, x, id(no))].

f(1) -> one.
id(X) -> X.
