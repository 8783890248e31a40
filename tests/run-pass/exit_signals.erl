%% Exit signal rules: exit(Pid, normal) is ignored by a non-trapping process, kill is
%% untrappable and becomes killed for linked processes, a trapping process receives
%% normal exits as messages, exit/2 to self, exit reasons travelling along a link chain.
-module(exit_signals).
-export([main/1]).

wait(Pid) -> receive {'EXIT', Pid, R} -> R after 1000 -> timeout end.

main(_) ->
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> receive stop -> exit(stopped) end end),
    exit(P1, normal),
    io:format("~p~n", [is_process_alive(P1)]),
    P1 ! stop,
    io:format("~p~n", [wait(P1)]),
    P2 = spawn_link(fun() -> process_flag(trap_exit, true), receive after infinity -> ok end end),
    exit(P2, kill),
    io:format("~p~n", [wait(P2)]),
    Self = self(),
    P3 = spawn_link(fun() ->
                            process_flag(trap_exit, true),
                            Self ! ready,
                            receive {'EXIT', _, R} -> exit({got, R}) end
                    end),
    receive ready -> ok end,
    exit(P3, normal),
    io:format("~p~n", [wait(P3)]),
    %% a chain of 10 linked processes: the last one dies, all die with the same reason
    Head = spawn_link(fun() -> chain(10) end),
    Head ! go,
    io:format("~p~n", [wait(Head)]),
    %% exit/2 on oneself while trapping: a message
    exit(self(), myself),
    io:format("~p~n", [receive {'EXIT', Me, R} when Me =:= self() -> R after 100 -> none end]),
    %% kill on oneself is not trappable: run it in a monitored process
    {P5, Ref} = spawn_monitor(fun() -> process_flag(trap_exit, true), exit(self(), kill), receive after infinity -> ok end end),
    receive {'DOWN', Ref, process, P5, R5} -> io:format("~p~n", [R5]) end.

chain(0) ->
    receive go -> exit(end_of_chain) end;
chain(N) ->
    Next = spawn_link(fun() -> chain(N - 1) end),
    receive go -> Next ! go, receive after infinity -> ok end end.
