-module(lex_illegal_escape).
-export([f/0]).

f() -> "\x{110000}".
