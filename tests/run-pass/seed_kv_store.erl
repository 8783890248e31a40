%% Seed ("Erlang 101", key_value_server): the seed's put/get API and its maps:put /
%% maps:get state handling, served by a plain registered process (no gen_server in ferl's
%% library yet); get of a missing key crashes the server as in the seed (maps:get/2 raises
%% badkey), which the client observes through a monitor.
-module(seed_kv_store).
-export([main/1]).
%% (the seed's put/2 and get/1 clash with the auto-imported BIFs)
-compile({no_auto_import, [put/2, get/1]}).

start() ->
    register(?MODULE, spawn(fun() -> loop(#{}) end)).

put(Key, Value) -> call({put, Key, Value}).
get(Key) -> call({get, Key}).

call(Req) ->
    Ref = monitor(process, ?MODULE),
    ?MODULE ! {Req, self(), Ref},
    receive
        {Ref, Reply} -> demonitor(Ref, [flush]), Reply;
        {'DOWN', Ref, process, _, Reason} -> {server_died, Reason}
    end.

loop(State) ->
    receive
        {{put, Key, Value}, From, Ref} ->
            From ! {Ref, ok},
            loop(maps:put(Key, Value, State));
        {{get, Key}, From, Ref} ->
            Value = try maps:get(Key, State) catch error:{badkey, K} -> exit({badkey, K}) end,
            From ! {Ref, Value},
            loop(State)
    end.

main(_) ->
    true = start(),
    io:format("~p~n", [put(language, "Erlang")]),
    io:format("~p~n", [put(year, 1986)]),
    io:format("~p~n", [get(language)]),
    io:format("~p~n", [get(year)]),
    io:format("~p~n", [get(missing)]),
    io:format("~p~n", [whereis(?MODULE)]).
