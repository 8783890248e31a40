%% Registered names: register/unregister/whereis/registered, sending to a name,
%% badarg for duplicates and unknown names, names freed when a process dies.
-module(registered_names).
-export([main/1]).

server() ->
    receive
        {From, ping} -> From ! pong, server();
        stop -> ok
    end.

main(_) ->
    Pid = spawn(fun server/0),
    true = register(my_server, Pid),
    io:format("~p~n", [whereis(my_server) =:= Pid]),
    io:format("~p~n", [lists:member(my_server, registered())]),
    my_server ! {self(), ping},
    io:format("~p~n", [receive pong -> pong after 1000 -> none end]),
    R1 = try register(my_server, self()) catch error:E1 -> E1 end,
    io:format("~p~n", [R1]),
    R2 = try register(other_name, Pid) catch error:E2 -> E2 end,
    io:format("~p~n", [R2]),
    R3 = try not_a_registered_name ! hello catch error:E3 -> E3 end,
    io:format("~p~n", [R3]),
    io:format("~p~n", [whereis(nobody)]),
    R4 = try register(undefined, self()) catch error:E4 -> E4 end,
    io:format("~p~n", [R4]),
    true = unregister(my_server),
    io:format("~p~n", [whereis(my_server)]),
    R5 = try unregister(my_server) catch error:E5 -> E5 end,
    io:format("~p~n", [R5]),
    register(again, Pid),
    Ref = monitor(process, Pid),
    again ! stop,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    io:format("~p~n", [whereis(again)]),
    register(me, self()),
    me ! to_myself,
    io:format("~p~n", [receive to_myself -> got_it after 100 -> lost end]),
    io:format("~p~n", [erlang:send(me, via_send)]),
    io:format("~p~n", [receive via_send -> got_send end]).
