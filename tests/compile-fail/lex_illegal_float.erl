-module(lex_illegal_float).
-export([f/0]).

f() -> 1.5e999.
