%% A mailbox with many messages: selective receive of the last one, receive in arrival
%% order, and a receive with a guard that skips most messages.
-module(large_mailbox).
-export([main/1]).

main(_) ->
    N = 20000,
    [self() ! {msg, I} || I <- lists:seq(1, N)],
    self() ! last,
    receive last -> io:format("got last first~n") end,
    receive {msg, X} when X > N - 5 -> io:format("~p~n", [X]) end,
    First10 = [receive {msg, I} -> I end || _ <- lists:seq(1, 10)],
    io:format("~p~n", [First10]),
    Evens = drain_evens(0),
    io:format("~p~n", [Evens]),
    Rest = drain(0),
    io:format("~p~n", [Rest]).

drain_evens(C) ->
    receive {msg, I} when I rem 2 =:= 0 -> drain_evens(C + 1) after 0 -> C end.

drain(C) ->
    receive {msg, _} -> drain(C + 1) after 0 -> C end.
