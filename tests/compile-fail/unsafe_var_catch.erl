-module(unsafe_var_catch).
-export([f/1]).

f(X) ->
    catch (Z = X),
    Z.
