%% A ring of processes passing a counter around several times; each process knows only
%% its successor; then the ring is shut down by a message travelling once round.
-module(process_ring).
-export([main/1]).

main(_) ->
    N = 500,
    First = self(),
    Last = lists:foldl(fun(_, Next) -> spawn(fun() -> node_loop(Next) end) end, First, lists:seq(1, N)),
    Last ! {count, 0, 3 * N},
    io:format("~p~n", [loop_main(Last)]),
    Last ! stop,
    receive stop -> io:format("ring stopped~n") end.

loop_main(Last) ->
    receive
        {count, C, 0} -> C;
        {count, C, Left} -> Last ! {count, C + 1, Left - 1}, loop_main(Last)
    end.

node_loop(Next) ->
    receive
        {count, C, 0} -> Next ! {count, C, 0}, node_loop(Next);
        {count, C, Left} -> Next ! {count, C + 1, Left - 1}, node_loop(Next);
        stop -> Next ! stop
    end.
