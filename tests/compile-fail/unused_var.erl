-module(unused_var).
-export([f/1]).

f(X) ->
    Y = 1,
    _Z = 2,
    ok.
