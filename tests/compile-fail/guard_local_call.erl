-module(guard_local_call).
-export([f/1]).

f(X) when is_ok(X) -> ok;
f(_) -> no.

is_ok(X) -> X =:= ok.
