-module(lex_stray_char).
-export([f/0]).

f() -> 1 ` 2.
