%% receive ... after: 0 (poll), N milliseconds, infinity, a variable timeout, an after
%% with no clauses (sleep), and the timeout_value error on a bad timeout.
-module(receive_after).
-export([main/1]).

sleep(T) -> receive after T -> ok end.

id(X) -> X.

main(_) ->
    R0 = receive x -> got_x after 0 -> empty end,
    io:format("~p~n", [R0]),
    self() ! x,
    R1 = receive x -> got_x after 0 -> empty end,
    io:format("~p~n", [R1]),
    R2 = receive y -> got_y after 20 -> timed_out end,
    io:format("~p~n", [R2]),
    io:format("~p~n", [sleep(10)]),
    T = id(5),
    R3 = receive z -> z after T -> variable_timeout end,
    io:format("~p~n", [R3]),
    Self = self(),
    spawn(fun() -> sleep(10), Self ! late end),
    R4 = receive late -> got_late after infinity -> never end,
    io:format("~p~n", [R4]),
    spawn(fun() -> sleep(5), Self ! {reply, 1} end),
    R5 = receive {reply, V} -> {reply, V} after 5000 -> too_slow end,
    io:format("~p~n", [R5]),
    Inf = id(infinity),
    self() ! now,
    R6 = receive now -> now after Inf -> never end,
    io:format("~p~n", [R6]),
    R7 = try receive after id(-1) -> no end catch error:E -> E end,
    io:format("~p~n", [R7]),
    R8 = try receive after id(soon) -> no end catch error:E8 -> E8 end,
    io:format("~p~n", [R8]),
    %% unmatched messages stay in the mailbox across a timeout
    self() ! keep,
    R9 = receive other -> other after 1 -> timeout end,
    R10 = receive keep -> kept after 0 -> lost end,
    io:format("~p ~p~n", [R9, R10]).
