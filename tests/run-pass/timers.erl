%% Timers: erlang:send_after, start_timer, cancel_timer, read_timer, ordering of
%% timeouts, and sleeping with receive after.
-module(timers).
-export([main/1]).

main(_) ->
    Self = self(),
    erlang:send_after(30, Self, third),
    erlang:send_after(10, Self, first),
    erlang:send_after(20, Self, second),
    io:format("~p~n", [[receive M -> M end || _ <- [1, 2, 3]]]),
    Ref = erlang:start_timer(10, Self, payload),
    receive {timeout, Ref, Msg} -> io:format("~p~n", [Msg]) end,
    T = erlang:send_after(5000, Self, never),
    Left = erlang:read_timer(T),
    io:format("~p~n", [is_integer(Left) andalso Left > 0 andalso Left =< 5000]),
    Rem = erlang:cancel_timer(T),
    io:format("~p~n", [is_integer(Rem)]),
    io:format("~p~n", [erlang:cancel_timer(T)]),
    io:format("~p~n", [erlang:read_timer(T)]),
    receive never -> io:format("wrong~n") after 30 -> io:format("cancelled~n") end,
    %% a timer to a registered name
    register(timer_target, Self),
    erlang:send_after(5, timer_target, by_name),
    io:format("~p~n", [receive by_name -> by_name end]),
    %% timer with 0 delay
    erlang:send_after(0, Self, immediate),
    io:format("~p~n", [receive immediate -> immediate end]),
    %% a timer to a process that died is harmless
    P = spawn(fun() -> ok end),
    erlang:send_after(5, P, lost),
    receive after 20 -> ok end,
    io:format("done~n").
