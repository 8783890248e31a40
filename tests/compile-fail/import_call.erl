-module(import_call).
-export([f/1]).
-import(lists, [reverse/1]).

f(X) -> reverse(X) ++ undefined_here(X).
