-module(bif_clash_old).
-export([f/1]).

f(X) -> length(X).

length(_) -> 0.
