%% Preemption: a process spinning in an endless loop must not stop a ping-pong pair
%% from finishing (run with one scheduler: FERL_SCHEDULERS=1 / erl +S 1).
-module(preempt).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    Self = self(),
    Spinner = spawn(fun() -> spin(0) end),
    S0 = erlang:monotonic_time(microsecond),
    Pong = spawn(fun pong/0),
    Ping = spawn(fun() -> ping(N, Pong, Self) end),
    receive {Ping, done} -> ok end,
    S1 = erlang:monotonic_time(microsecond),
    exit(Spinner, kill),
    io:format("STAT time_us=~w~n", [S1 - S0]),
    io:format("preempt: ~w round trips finished beside a spinning process~n", [N]).

spin(N) -> spin(N + 1).

ping(0, _Pong, Main) -> Main ! {self(), done};
ping(N, Pong, Main) ->
    Pong ! {ping, self()},
    receive pong -> ping(N - 1, Pong, Main) end.

pong() ->
    receive
        {ping, From} -> From ! pong, pong()
    end.
