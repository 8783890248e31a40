%% Seed (WhatsApp article, "Nebenläufigkeit"): spawn several processes performing tasks
%% concurrently. The seed sleeps a random time (random:uniform/1, timer:sleep/1) and prints
%% from each task; here each task sleeps a fixed time and reports to the parent, which
%% prints the reports in task order (so the output does not depend on scheduling).
-module(seed_spawn_tasks).
-export([main/1]).

main(_) ->
    Parent = self(),
    [spawn(fun() -> perform_task(Parent, N) end) || N <- [1, 2, 3]],
    [receive {started, N} -> io:format("Performing task ~p~n", [N]) end || N <- [1, 2, 3]],
    [receive {completed, N} -> io:format("Task ~p completed~n", [N]) end || N <- [1, 2, 3]],
    %% many more tasks than cores
    Pids = [spawn(fun() -> perform_task(Parent, N) end) || N <- lists:seq(4, 200)],
    Done = [receive {completed, N} -> N end || N <- lists:seq(4, 200)],
    [receive {started, _} -> ok end || _ <- Pids],
    io:format("~p tasks completed, sum ~p~n", [length(Done), lists:sum(Done)]).

perform_task(Parent, TaskNumber) ->
    Parent ! {started, TaskNumber},
    %% Simulate a task by sleeping
    receive after TaskNumber rem 7 -> ok end,
    Parent ! {completed, TaskNumber}.
