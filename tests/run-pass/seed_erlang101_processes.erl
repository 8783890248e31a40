%% Seed ("Erlang 101", chapter 3): creating processes, sending and receiving messages,
%% linking and monitoring, as in the snippets (the `...` bodies filled in, and the
%% snippets' output made deterministic by waiting for each process).
-module(seed_erlang101_processes).
-export([main/1]).

main(_) ->
    Parent = self(),
    spawn(fun() ->
              io:format("Hello, world!~n"),
              Parent ! printed
          end),
    receive printed -> ok end,
    Pid = spawn(fun() ->
                receive
                    {From, Message} ->
                        io:format("Received message: ~p~n", [Message]),
                        From ! ok
                end
            end),
    Pid ! {self(), "Hello, process!"},
    receive
        Response ->
            io:format("Got response: ~p~n", [Response])
    end,
    % Spawn a new process
    Pid2 = spawn(fun() ->
        receive
            {greeting, Name} ->
                io:format("Hello, ~s!~n", [Name]),
                Parent ! greeted
        end
    end),
    % Send a message to the process
    Pid2 ! {greeting, "John"},
    receive greeted -> ok end,
    %% linking: a linked process's crash reaches us as a message (we trap exits)
    process_flag(trap_exit, true),
    Pid3 = spawn(fun() -> receive go -> exit(linked_crash) end end),
    Pid4 = spawn(fun() -> receive go -> ok end end),
    link(Pid3),
    link(Pid4),
    Pid3 ! go, Pid4 ! go,
    Exits = lists:sort([receive {'EXIT', P, R} when P =:= Pid3; P =:= Pid4 -> R end || _ <- [1, 2]]),
    io:format("~p~n", [Exits]),
    %% monitoring
    Pid5 = spawn(fun() -> receive go -> exit(monitored_exit) end end),
    Ref = monitor(process, Pid5),
    Pid5 ! go,
    receive
        {'DOWN', Ref, process, Pid5, Reason} ->
            % Process has died or terminated
            io:format("down: ~p~n", [Reason])
    end.
