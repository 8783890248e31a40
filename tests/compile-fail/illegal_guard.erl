-module(illegal_guard).
-export([f/1]).

f(X) when foo(X) -> ok;
f(X) when X ++ [] =:= [] -> ok;
f(_) -> no.
