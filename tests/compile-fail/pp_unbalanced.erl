-module(pp_unbalanced).
-export([f/0]).
-endif.
-ifdef(FOO).
f() -> ok.
