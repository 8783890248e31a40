%% process_info(P, registered_name): [] for a process without a name (also for another
%% process), {registered_name, Name} when registered; in an item list always a pair.
-module(process_info_reg_name).
-export([main/1]).

main(_) ->
    io:format("~p~n", [process_info(self(), registered_name)]),
    io:format("~p~n", [process_info(self(), [registered_name, trap_exit])]),
    P = spawn(fun() -> receive stop -> ok end end),
    io:format("~p~n", [process_info(P, registered_name)]),
    io:format("~p~n", [process_info(P, [registered_name])]),
    register(some_name, P),
    io:format("~p~n", [process_info(P, registered_name)]),
    io:format("~p~n", [process_info(P, [registered_name, status])]),
    register(me, self()),
    io:format("~p~n", [process_info(self(), registered_name)]),
    P ! stop,
    ok.
