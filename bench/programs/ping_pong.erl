%% Ping-pong: two processes exchange N round trips (2N messages).
-module(ping_pong).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    Self = self(),
    Pong = spawn(fun pong/0),
    S0 = erlang:monotonic_time(microsecond),
    Ping = spawn(fun() -> ping(N, Pong, Self) end),
    receive {Ping, done} -> ok end,
    S1 = erlang:monotonic_time(microsecond),
    US = max(S1 - S0, 1),
    Pong ! stop,
    io:format("STAT time_us=~w msgs=~w msg_per_s=~w~n", [US, 2 * N, 2 * N * 1000000 div US]),
    io:format("ping-pong ~w round trips~n", [N]).

ping(0, _Pong, Main) -> Main ! {self(), done};
ping(N, Pong, Main) ->
    Pong ! {ping, self()},
    receive pong -> ping(N - 1, Pong, Main) end.

pong() ->
    receive
        {ping, From} -> From ! pong, pong();
        stop -> ok
    end.
