-module(lex_illegal_base).
-export([f/0, g/0]).

f() -> 37#12.
g() -> 2#3.
