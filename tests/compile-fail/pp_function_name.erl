-module(pp_function_name).
-export([f/0]).

-x(?FUNCTION_NAME).
f() -> ?FUNCTION_ARITY.
