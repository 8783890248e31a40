-module(unsafe_var_case).
-export([f/1]).

f(X) ->
    case X of
        1 -> A = 1;
        2 -> ok
    end,
    A.
