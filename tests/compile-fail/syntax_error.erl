-module(syntax_error).
-export([f/1]).

f(X) -> X + .
