-module(pp_redefine).
-export([f/0]).
-define(X, 1).
-define(X, 2).

f() -> ?X.
