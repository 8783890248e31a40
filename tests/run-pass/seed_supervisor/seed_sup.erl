%% Supervisor process that restarts the worker (the seed's `supervisor` module); it tells
%% the test process about every worker it starts.
-module(seed_sup).
-export([start/1, supervise/2]).

start(Observer) ->
    W = worker:start(),
    spawn(?MODULE, supervise, [W, Observer]).

supervise(WorkerPid, Observer) ->
    %% Monitor before telling the observer, which crashes the worker right away.
    monitor(process, WorkerPid),
    Observer ! {worker_started, WorkerPid},
    receive
        {'DOWN', _Ref, process, _Pid, Reason} ->
            io:format("Worker crashed (~p), restarting...~n", [Reason]),
            supervise(worker:start(), Observer)
    end.
