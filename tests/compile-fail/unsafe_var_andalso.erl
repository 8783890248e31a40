-module(unsafe_var_andalso).
-export([f/1]).

f(X) ->
    _ = X andalso (W = true),
    W.
