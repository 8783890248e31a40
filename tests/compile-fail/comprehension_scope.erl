-module(comprehension_scope).
-export([f/1]).

f(L) ->
    [Y || Y <- L, Q <- L],
    Y.
