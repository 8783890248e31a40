-module(syntax_error_caller).
-export([f/1]).

f(X) -> g(X).
g(X) -> case X of 1 -> ok.
