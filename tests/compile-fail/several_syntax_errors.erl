-module(several_syntax_errors).
-export([f/1, g/1, h/1]).

f(X) -> X + .
g(X) -> (X.
h(X) -> X.
i(X) -> ] X.
