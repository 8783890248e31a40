%% Two processes exchanging messages back and forth; message order between a pair of
%% processes is preserved.
-module(ping_pong).
-export([main/1]).

ping(0, Pong) -> Pong ! finished, ok;
ping(N, Pong) ->
    Pong ! {ping, self(), N},
    receive {pong, N} -> ping(N - 1, Pong) end.

pong(Count) ->
    receive
        {ping, From, N} -> From ! {pong, N}, pong(Count + 1);
        finished -> exit({pongs, Count})
    end.

main(_) ->
    {Pong, Ref} = spawn_monitor(fun() -> pong(0) end),
    ping(10000, Pong),
    receive {'DOWN', Ref, process, Pong, Why} -> io:format("~p~n", [Why]) end,
    %% FIFO between one sender and one receiver
    Self = self(),
    Sink = spawn(fun() -> collect(Self, []) end),
    [Sink ! {n, I} || I <- lists:seq(1, 1000)],
    Sink ! done,
    receive {collected, L} -> io:format("~p ~p~n", [length(L), L =:= lists:seq(1, 1000)]) end.

collect(Parent, Acc) ->
    receive
        {n, I} -> collect(Parent, [I | Acc]);
        done -> Parent ! {collected, lists:reverse(Acc)}
    end.
