-module(bif_clash_new).
-export([f/1]).

f(X) -> ceil(X).

ceil(X) -> X.
