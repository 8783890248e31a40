-module(unsafe_var_try).
-export([f/1]).

f(X) ->
    try Y = X of
        T -> T
    catch
        _:_ -> Y
    after
        io:format("~p", [T])
    end.
