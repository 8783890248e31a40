-module(pp_circular).
-export([f/0]).
-define(A, ?B).
-define(B, ?A).

f() -> ?A.
