%% Links: spawn_link, link/unlink, exit signals with trap_exit, normal exits not
%% propagating, kill becoming killed, exit/2 to another process, death of a linked
%% process killing a non-trapping one.
-module(spawn_link_exit).
-export([main/1]).

wait_exit(Pid) ->
    receive {'EXIT', Pid, R} -> R after 2000 -> no_exit end.

main(_) ->
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(custom_reason) end),
    io:format("~p~n", [wait_exit(P1)]),
    P2 = spawn_link(fun() -> ok end),
    io:format("~p~n", [wait_exit(P2)]),
    P3 = spawn_link(fun() -> exit({boom, [1, 2]}) end),
    R3 = wait_exit(P3),
    io:format("~p~n", [R3]),
    P4 = spawn_link(fun() -> receive after infinity -> ok end end),
    exit(P4, kill),
    io:format("~p~n", [wait_exit(P4)]),
    P5 = spawn_link(fun() -> receive after infinity -> ok end end),
    exit(P5, shutdown),
    io:format("~p~n", [wait_exit(P5)]),
    %% a process that traps exits turns signals into messages
    Self = self(),
    P6 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       Self ! ready,
                       receive {'EXIT', From, Why} -> Self ! {p6_got, From =:= Self, Why} end
               end),
    receive ready -> ok end,
    exit(P6, please_stop),
    receive {p6_got, FromSelf, Why6} -> io:format("~p ~p~n", [FromSelf, Why6]) end,
    %% a chain: A links B; B dies; A (not trapping) dies with the same reason
    A = spawn(fun() ->
                      _B = spawn_link(fun() -> receive go -> exit(chain_reaction) end end),
                      Self ! {b, _B},
                      receive after infinity -> ok end
              end),
    link(A),
    B = receive {b, Bp} -> Bp end,
    B ! go,
    io:format("~p~n", [wait_exit(A)]),
    %% unlink: no signal arrives
    P7 = spawn_link(fun() -> receive go -> exit(unlinked_death) end end),
    unlink(P7),
    P7 ! go,
    io:format("~p~n", [wait_exit_short(P7)]),
    %% link to a dead process: noproc exit message when trapping
    Dead = spawn(fun() -> ok end),
    Mon = monitor(process, Dead),
    receive {'DOWN', Mon, _, _, _} -> ok end,
    link(Dead),
    io:format("~p~n", [wait_exit(Dead)]),
    io:format("~p~n", [is_process_alive(Dead)]).

wait_exit_short(Pid) ->
    receive {'EXIT', Pid, R} -> R after 50 -> no_signal end.
