%% Seed ("Erlang 101", master-worker and load balancing): a master hands out tasks to a
%% pool of workers as they become free, and aggregates the results.
-module(master_worker).
-export([main/1]).

worker(Master, Tag) ->
    Master ! {ready, Tag, self()},
    receive
        {task, Id, F, Arg} -> Master ! {result, Tag, Id, F(Arg)}, worker(Master, Tag);
        stop -> ok
    end.

master(Tasks, NWorkers) ->
    Self = self(),
    Tag = make_ref(),
    Workers = [spawn(fun() -> worker(Self, Tag) end) || _ <- lists:seq(1, NWorkers)],
    Results = loop(Tag, Tasks, length(Tasks), #{}),
    [W ! stop || W <- Workers],
    Results.

%% (messages carry the master's tag: ready messages of an earlier pool may still be
%% in the mailbox)
loop(_, [], 0, Acc) -> Acc;
loop(Tag, Tasks, Pending, Acc) ->
    receive
        {ready, Tag, W} when Tasks =/= [] ->
            [{Id, F, Arg} | Rest] = Tasks,
            W ! {task, Id, F, Arg},
            loop(Tag, Rest, Pending, Acc);
        {result, Tag, Id, R} ->
            loop(Tag, Tasks, Pending - 1, Acc#{Id => R})
    end.

main(_) ->
    Square = fun(X) -> X * X end,
    Tasks = [{I, Square, I} || I <- lists:seq(1, 50)],
    Results = master(Tasks, 4),
    io:format("~p~n", [map_size(Results)]),
    io:format("~p~n", [[V || I <- lists:seq(1, 50), #{I := V} <- [Results]]]),
    Slow = fun(N) -> receive after N -> N end end,
    R2 = master([{I, Slow, I rem 3} || I <- lists:seq(1, 12)], 3),
    io:format("~p~n", [lists:sum([V || I <- lists:seq(1, 12), #{I := V} <- [R2]])]).
