-module(undefined_bif_arity).
-export([f/1]).

f(X) ->
    length(X, 1).
