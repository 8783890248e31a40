-module(stacktrace_guard).
-export([f/0]).

f() ->
    try ok
    catch _:_:S when S =:= [] -> ok
    end.
