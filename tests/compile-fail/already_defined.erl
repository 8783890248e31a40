-module(already_defined).
-export([f/1]).

f(X) -> X.
g() -> ok.
f(Y) -> Y.
