%% Seed ("Erlang 101", GenServer: the `counter` and `key_value_server` modules): the same
%% servers without gen_server (ferl's library has no OTP behaviours yet): a registered
%% process holding its state, with synchronous calls (reference-tagged requests) and
%% asynchronous casts, the state being a counter and a map.
-module(seed_counter_server).
-export([main/1]).

%% the generic part
start(Name, Init, Handle) ->
    Pid = spawn(fun() -> loop(Init, Handle) end),
    register(Name, Pid),
    Pid.

call(Name, Req) ->
    Ref = monitor(process, Name),
    Name ! {call, {self(), Ref}, Req},
    receive
        {Ref, Reply} -> demonitor(Ref, [flush]), Reply;
        {'DOWN', Ref, _, _, Reason} -> exit({Reason, {call, Name, Req}})
    end.

cast(Name, Msg) -> Name ! {cast, Msg}, ok.

loop(State, Handle) ->
    receive
        {call, {From, Ref}, Req} ->
            {reply, Reply, NewState} = Handle({call, Req}, State),
            From ! {Ref, Reply},
            loop(NewState, Handle);
        {cast, Msg} ->
            {noreply, NewState} = Handle({cast, Msg}, State),
            loop(NewState, Handle);
        stop -> ok
    end.

%% counter (the seed's counter module)
counter({call, {increment, Increment}}, Count) -> {reply, ok, Count + Increment};
counter({call, get_count}, Count) -> {reply, Count, Count};
counter({cast, reset}, _) -> {noreply, 0}.

%% key_value_server (the seed's module; map syntax instead of maps:put/get)
kv({call, {put, Key, Value}}, State) -> {reply, ok, State#{Key => Value}};
kv({call, {get, Key}}, State) ->
    case State of
        #{Key := V} -> {reply, V, State};
        _ -> {reply, undefined, State}
    end;
kv({cast, {delete_all}}, _) -> {noreply, #{}}.

main(_) ->
    start(counter, 0, fun counter/2),
    [ok = call(counter, {increment, I}) || I <- lists:seq(1, 10)],
    io:format("~p~n", [call(counter, get_count)]),
    cast(counter, reset),
    io:format("~p~n", [call(counter, get_count)]),
    start(key_value_server, #{}, fun kv/2),
    ok = call(key_value_server, {put, name, "Joe"}),
    ok = call(key_value_server, {put, {complex, key}, [1, 2, 3]}),
    io:format("~p~n", [call(key_value_server, {get, name})]),
    io:format("~p~n", [call(key_value_server, {get, {complex, key}})]),
    io:format("~p~n", [call(key_value_server, {get, missing})]),
    cast(key_value_server, {delete_all}),
    io:format("~p~n", [call(key_value_server, {get, name})]),
    %% a call to a server that dies
    key_value_server ! stop,
    io:format("~p~n", [catch call(key_value_server, {get, name})]).
