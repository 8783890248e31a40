%% Spawn N processes that each wait in a receive; report the time of the spawn loop
%% and the memory per process (erlang:memory(processes) and erlang:memory(total)
%% deltas / N), then stop them all. The result line is deterministic; STAT lines are
%% measurements (the bench runner reads them and leaves them out of the comparison).
-module(spawn_many).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    P0 = erlang:memory(processes),
    T0 = erlang:memory(total),
    S0 = erlang:monotonic_time(microsecond),
    Pids = spawn_n(N, []),
    S1 = erlang:monotonic_time(microsecond),
    P1 = erlang:memory(processes),
    T1 = erlang:memory(total),
    io:format("STAT time_us=~w proc_bytes=~w total_bytes=~w~n",
              [S1 - S0, (P1 - P0) div N, (T1 - T0) div N]),
    Self = self(),
    [P ! {stop, Self} || P <- Pids],
    Done = collect(N, 0),
    io:format("spawned ~w stopped ~w~n", [N, Done]).

spawn_n(0, Acc) -> Acc;
spawn_n(N, Acc) ->
    spawn_n(N - 1, [spawn(fun wait/0) | Acc]).

wait() ->
    receive
        {stop, From} -> From ! stopped
    end.

collect(0, K) -> K;
collect(N, K) ->
    receive stopped -> collect(N - 1, K + 1) end.
