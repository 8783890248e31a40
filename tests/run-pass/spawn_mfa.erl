%% spawn/3, spawn_link/3, spawn_monitor/3 with exported functions and argument lists,
%% spawn/1 with fun M:F/0, and undef in the new process reported through a monitor.
-module(spawn_mfa).
-export([main/1, worker/2, echo/1, noarg/0]).

worker(Parent, N) -> Parent ! {worker, N * 2}.
echo(Parent) -> receive X -> Parent ! {echo, X} end.
noarg() -> exit(from_noarg).

main(_) ->
    %% The undef crash at the end would make OTP's logger print an error report on stdout,
    %% racing with the end of the program: silence it (ferl's reports go to stderr).
    logger:set_primary_config(level, none),
    spawn(spawn_mfa, worker, [self(), 21]),
    receive {worker, V} -> io:format("~p~n", [V]) end,
    P = spawn(?MODULE, echo, [self()]),
    P ! hello,
    receive {echo, E} -> io:format("~p~n", [E]) end,
    process_flag(trap_exit, true),
    L = spawn_link(?MODULE, noarg, []),
    receive {'EXIT', L, R} -> io:format("~p~n", [R]) end,
    {M, Ref} = spawn_monitor(?MODULE, noarg, []),
    receive {'DOWN', Ref, process, M, R2} -> io:format("~p~n", [R2]) end,
    {_, Ref3} = spawn_monitor(fun ?MODULE:noarg/0),
    receive {'DOWN', Ref3, process, _, R3} -> io:format("~p~n", [R3]) end,
    {_, Ref4} = spawn_monitor(?MODULE, no_such_function, [1]),
    receive {'DOWN', Ref4, process, _, {R4, _}} -> io:format("~p~n", [R4]) end.
