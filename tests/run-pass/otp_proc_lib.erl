%% proc_lib: synchronous starts with init_ack, initial calls of other processes,
%% ancestors, exit reasons of crashes, stop/1,3.
-module(otp_proc_lib).
-behaviour(gen_server).
-export([main/1, good/1, bad/1, late/0, crash/1, init/1, handle_call/3, handle_cast/2]).

main(_) ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, P} = proc_lib:start_link(?MODULE, good, [self()]),
    io:format("start_link: ok~n"),
    io:format("initial_call: ~p~n", [proc_lib:initial_call(P)]),
    io:format("translate: ~p~n", [proc_lib:translate_initial_call(P)]),
    P ! {ancestors, self()},
    receive {ancestors, As} -> io:format("ancestors are [me]: ~p~n", [As =:= [self()]]) end,
    io:format("start_link bad: ~p~n", [proc_lib:start_link(?MODULE, bad, [oops])]),
    receive {'EXIT', _, R0} -> io:format("exit after bad: ~p~n", [R0]) after 0 -> io:format("no exit message~n") end,
    io:format("start bad: ~p~n", [proc_lib:start(?MODULE, bad, [oops2], 1000)]),
    io:format("start late: ~p~n", [proc_lib:start(?MODULE, late, [], 20)]),
    C = proc_lib:spawn_link(?MODULE, crash, [error]),
    receive {'EXIT', C, {R1, St}} when is_list(St) -> io:format("crash error: ~p~n", [R1]) end,
    C2 = proc_lib:spawn_link(?MODULE, crash, [exit]),
    receive {'EXIT', C2, R2} -> io:format("crash exit: ~p~n", [R2]) end,
    C3 = proc_lib:spawn_link(?MODULE, crash, [throw]),
    receive {'EXIT', C3, {R3, _}} -> io:format("crash throw: ~p~n", [R3]) end,
    C4 = proc_lib:spawn(?MODULE, crash, [normal]),
    M4 = erlang:monitor(process, C4),
    receive {'DOWN', M4, process, C4, R4} -> io:format("normal: ~p~n", [R4]) end,
    {ok, G} = gen_server:start(?MODULE, [], []),
    io:format("gen_server initial_call: ~p~n", [proc_lib:translate_initial_call(G)]),
    io:format("stop: ~p~n", [proc_lib:stop(G)]),
    io:format("alive: ~p~n", [is_process_alive(G)]),
    {ok, G2} = gen_server:start(?MODULE, [], []),
    io:format("stop/3: ~p~n", [proc_lib:stop(G2, {shutdown, x}, 1000)]),
    io:format("stop dead: ~p~n", [catch proc_lib:stop(G2)]),
    P ! stop,
    receive {'EXIT', P, R5} -> io:format("good exit: ~p~n", [R5]) end,
    io:format("done~n").

good(Parent) ->
    proc_lib:init_ack(Parent, {ok, self()}),
    loop().

loop() ->
    receive
        {ancestors, From} -> From ! {ancestors, get('$ancestors')}, loop();
        stop -> ok
    end.

bad(Reason) -> exit(Reason).

late() -> timer:sleep(200), proc_lib:init_ack(too_late).

crash(error) -> error(boom);
crash(exit) -> exit(bye);
crash(throw) -> throw(ball);
crash(normal) -> ok.

init([]) -> {ok, []}.
handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
