%% Seed ("Erlang 101", naming processes): a server started with spawn_link and
%% registered under a name, messages sent to the name, register/unregister of the
%% current process. (The seed's init/0 is empty; here it is a loop answering messages.)
-module(seed_registered_server).
-export([main/1]).

start() ->
    Pid = spawn_link(fun() -> init() end),
    register(server, Pid).

init() ->
    receive
        {message, data, From} -> From ! {server, got_data}, init();
        stop -> ok
    end.

main(_) ->
    true = start(),
    server ! {message, data, self()},
    receive {server, R} -> io:format("~p~n", [R]) end,
    register(my_process_name, self()),
    my_process_name ! {message, data},
    receive {message, D} -> io:format("~p~n", [D]) end,
    unregister(my_process_name),
    io:format("~p~n", [whereis(my_process_name)]),
    io:format("~p~n", [is_pid(whereis(server))]),
    server ! stop,
    ok.
