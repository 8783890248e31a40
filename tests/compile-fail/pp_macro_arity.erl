-module(pp_macro_arity).
-export([f/0]).
-define(TWO(A, B), {A, B}).

f() -> ?TWO(1).
