-module(shadowed_var).
-export([f/1]).

f(X) ->
    F = fun(X) -> X + 1 end,
    [X || X <- [1, 2]],
    F.
