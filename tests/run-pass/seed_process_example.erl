%% Seed (Concurrency and Process Management in Erlang): process_example and
%% message_example. The seed's loop prints the sender's pid (which differs between runs
%% and VMs); here it prints whether the sender is the starter, and the loop replies so
%% the program can wait for it.
-module(seed_process_example).
-export([main/1, loop/0]).

main(_) ->
    Pid = spawn(seed_process_example, loop, []),
    Pid ! {self(), "Hello, Process!"},
    receive {Pid, ack} -> ok end,
    Pid ! {self(), {complex, [message], <<"with binary">>}},
    receive {Pid, ack} -> ok end,
    Pid ! stop,
    ok.

loop() ->
    receive
        {From, Message} ->
            io:format("Received ~p from ~p~n", [Message, if is_pid(From) -> a_pid; true -> other end]),
            From ! {self(), ack},
            loop();
        stop ->
            ok
    end.
