%% Stack-trace entries with absolute line numbers and module names (a start/0 program:
%% run by `erl -noshell`, which numbers lines like the compiler; escript does not).
-module(stacktrace_lines).
-export([start/0, twice/1, outer/1]).

id(X) -> X.

twice(X) ->
    Y = X * 2,
    {ok, Y}.

outer(X) ->
    {ok, R} = ?MODULE:twice(X),
    R + 1.

show(St) ->
    [{M, F, A, [{file, basename(File)}, {line, L}]} || {M, F, A, [{file, File}, {line, L}]} <- St, M =:= ?MODULE].

basename(F) -> basename(F, F).
basename([], Acc) -> Acc;
basename([$/ | T], _) -> basename(T, T);
basename([_ | T], Acc) -> basename(T, Acc).

start() ->
    try outer(id(x)) catch error:R:St -> io:format("~p~n~p~n", [R, show(St)]) end,
    try
        outer(id(y))
    catch
        error:R2:St2 -> io:format("~p~n~p~n", [R2, show(St2)])
    end,
    {P, M} = spawn_monitor(fun() ->
        try stacktrace_lines:outer(id(z)) catch error:R3:St3 -> exit({R3, show(St3)}) end
    end),
    receive {'DOWN', M, process, P, Why} -> io:format("~p~n", [Why]) end.
