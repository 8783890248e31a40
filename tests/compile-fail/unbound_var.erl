-module(unbound_var).
-export([f/1]).

f(X) ->
    X + Y.
