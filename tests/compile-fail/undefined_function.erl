-module(undefined_function).
-export([f/1]).

f(X) ->
    g(X).
