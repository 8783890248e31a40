%% Worker process that may crash (the seed's `worker` module, plus a report message
%% so the test can synchronise with it).
-module(worker).
-export([start/0, loop/0]).

start() ->
    spawn(fun loop/0).

loop() ->
    receive
        {crash, Reason} -> exit(Reason);
        {message, Msg} -> io:format("Message: ~s~n", [Msg]),
                          loop();
        {report, From} -> From ! {worker_ok, self()},
                          loop()
    end.
