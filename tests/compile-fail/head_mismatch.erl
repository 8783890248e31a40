-module(head_mismatch).
-export([f/1]).

f(1) -> one;
g(2) -> two.
