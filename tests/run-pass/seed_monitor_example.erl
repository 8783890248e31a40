%% Seed (Concurrency and Process Management in Erlang): monitor_example. The seed prints
%% the monitored pid; here it prints whether the 'DOWN' message names it.
-module(seed_monitor_example).
-export([main/1, monitored_process/0]).

main(_) ->
    Pid = spawn(seed_monitor_example, monitored_process, []),
    Ref = erlang:monitor(process, Pid),
    Pid ! stop,
    receive
        {'DOWN', Ref, process, Pid2, Reason} ->
            io:format("Process ~p terminated with reason: ~p~n", [Pid2 =:= Pid, Reason])
    end,
    %% the same with an abnormal exit
    Pid3 = spawn(fun() -> receive crash -> exit(something_bad) end end),
    Ref3 = erlang:monitor(process, Pid3),
    Pid3 ! crash,
    receive
        {'DOWN', Ref3, process, _, Reason3} ->
            io:format("Process terminated with reason: ~p~n", [Reason3])
    end.

monitored_process() ->
    receive
        stop ->
            io:format("Stopping process~n")
    end.
