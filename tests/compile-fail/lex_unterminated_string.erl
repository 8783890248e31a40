-module(lex_unterminated_string).
-export([f/0]).

f() -> "abc.
