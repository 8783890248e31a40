%% Seed ("Erlang: the driver behind WhatsApp's success", Torben Hoffmann): a synchronous
%% call built from asynchronous messages: call/2 tags the request with a fresh reference
%% and waits for the reply carrying it; reply/2 answers. Then the monitor-based call that
%% returns {error, no_proc} when the server is gone, demonitoring with flush.
-module(seed_call_reply).
-export([main/1]).

call(Name, Msg) ->
    Ref = make_ref(),
    Name ! {request, {Ref, self()}, Msg},
    receive {reply, Ref, Reply} -> Reply end.

reply({Ref, Pid}, Reply) ->
    Pid ! {reply, Ref, Reply}.

safe_call(Name, Msg) ->
    Ref = erlang:monitor(process, Name),
    Name ! {request, {Ref, self()}, Msg},
    receive
        {reply, Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, _Name, _Reason} ->
            {error, no_proc}
    end.

server(State) ->
    receive
        {request, From, {add, N}} -> reply(From, ok), server(State + N);
        {request, From, get} -> reply(From, State), server(State);
        {request, From, stop} -> reply(From, stopping)
    end.

main(_) ->
    Pid = spawn(fun() -> server(0) end),
    register(counter, Pid),
    io:format("~p~n", [call(counter, {add, 5})]),
    io:format("~p~n", [call(counter, {add, 37})]),
    io:format("~p~n", [call(counter, get)]),
    %% stale replies in the mailbox do not confuse a later call
    self() ! {reply, make_ref(), stale},
    io:format("~p~n", [safe_call(counter, get)]),
    io:format("~p~n", [safe_call(Pid, stop)]),
    Mon = monitor(process, Pid),
    receive {'DOWN', Mon, _, _, _} -> ok end,
    io:format("~p~n", [safe_call(Pid, get)]),
    io:format("~p~n", [receive {reply, _, S} -> S after 0 -> none end]),
    io:format("~p~n", [receive Any -> {unexpected, Any} after 0 -> mailbox_empty end]).
