%% Monitors: monitor/2, spawn_monitor, 'DOWN' messages with each reason, demonitor
%% (with flush), monitoring a dead process (noproc), monitors by registered name.
-module(monitors).
-export([main/1]).

down(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 2000 -> no_down end.

main(_) ->
    {P1, R1} = spawn_monitor(fun() -> exit(bye) end),
    io:format("~p~n", [down(R1)]),
    io:format("~p~n", [is_pid(P1)]),
    {_, R2} = spawn_monitor(fun() -> ok end),
    io:format("~p~n", [down(R2)]),
    {_, R3} = spawn_monitor(fun() -> exit({complex, [reason]}) end),
    io:format("~p~n", [down(R3)]),
    {_, R4} = spawn_monitor(fun() -> exit(kill) end),
    io:format("~p~n", [down(R4)]),
    P5 = spawn(fun() -> receive stop -> ok end end),
    R5 = monitor(process, P5),
    P5 ! stop,
    receive {'DOWN', R5, process, Who, Why} -> io:format("~p ~p~n", [Who =:= P5, Why]) end,
    %% demonitor before death: no message
    P6 = spawn(fun() -> receive stop -> exit(x) end end),
    R6 = monitor(process, P6),
    true = demonitor(R6),
    P6 ! stop,
    io:format("~p~n", [receive {'DOWN', R6, _, _, _} -> got_down after 50 -> no_message end]),
    %% demonitor with flush removes a message already delivered
    {_, R7} = spawn_monitor(fun() -> ok end),
    receive after 20 -> ok end,
    io:format("~p~n", [demonitor(R7, [flush])]),
    io:format("~p~n", [receive {'DOWN', R7, _, _, _} -> still_there after 0 -> flushed end]),
    %% monitoring a process that is already dead
    Dead = spawn(fun() -> ok end),
    R8a = monitor(process, Dead),
    normal = down(R8a),
    R8 = monitor(process, Dead),
    io:format("~p~n", [down(R8)]),
    %% two monitors on one process give two messages
    P9 = spawn(fun() -> receive stop -> ok end end),
    Ra = monitor(process, P9), Rb = monitor(process, P9),
    P9 ! stop,
    io:format("~p~n", [{down(Ra), down(Rb), Ra =/= Rb}]),
    %% monitor by registered name
    P10 = spawn(fun() -> receive stop -> exit(named_exit) end end),
    register(watched, P10),
    R10 = monitor(process, watched),
    watched ! stop,
    receive {'DOWN', R10, process, Obj, W} -> io:format("~p ~p~n", [Obj, W]) end,
    R11 = monitor(process, not_registered_name),
    receive {'DOWN', R11, process, Obj11, W11} -> io:format("~p ~p~n", [Obj11, W11]) end.
