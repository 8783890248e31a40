-module(lex_unterminated_atom).
-export([f/0]).

f() -> 'abc.
