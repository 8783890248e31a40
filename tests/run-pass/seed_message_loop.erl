%% Seed (WhatsApp article, "Message Passing"): a process that receives messages in a loop.
%% The seed's loop never ends; a stop message and a reply let the test finish.
-module(seed_message_loop).
-export([main/1]).

main(_) ->
    % Define a process that receives messages
    Pid = spawn(fun() -> message_loop() end),
    % Send a message to the process
    Pid ! {hello, "world"},
    Pid ! {hello, "again"},
    Pid ! {hello, [$u, $n, $i]},
    Pid ! {stop, self()},
    receive stopped -> io:format("loop stopped~n") end.

message_loop() ->
    receive
        {hello, Msg} -> io:format("Received message: ~s~n", [Msg]),
                        message_loop();
        {stop, From} -> From ! stopped
    end.
