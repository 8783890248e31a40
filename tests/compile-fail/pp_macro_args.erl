-module(pp_macro_args).
-export([f/0]).
-define(F(X), X).

f() -> ?F(1, [2).
