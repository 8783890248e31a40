%% gen_event: handlers added, notified (async and sync), called, deleted, swapped;
%% a crashing handler is removed; handler ids {Module, Id}.
-module(otp_gen_event).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

main(_) ->
    logger:set_primary_config(level, none),
    {ok, M} = gen_event:start_link({local, events}),
    T = self(),
    ok = gen_event:add_handler(events, ?MODULE, {start, T, first}),
    ok = gen_event:add_handler(events, {?MODULE, two}, {start, T, second}),
    io:format("init fails: ~p~n", [gen_event:add_handler(events, {?MODULE, bad}, fail)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    ok = gen_event:notify(events, hello),
    ok = gen_event:sync_notify(events, world),
    io:format("events: ~p~n", [collect(4)]),
    io:format("call: ~p~n", [gen_event:call(events, ?MODULE, count)]),
    io:format("call two: ~p~n", [gen_event:call(events, {?MODULE, two}, count)]),
    io:format("call missing: ~p~n", [gen_event:call(events, {?MODULE, nope}, count)]),
    M ! some_info,
    ok = gen_event:sync_notify(events, after_info),
    io:format("events: ~p~n", [collect(4)]),
    ok = gen_event:sync_notify(events, {crash, second}),
    io:format("events: ~p~n", [collect(2)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    io:format("swap: ~p~n", [gen_event:swap_handler(events, {?MODULE, swapped_out}, {{?MODULE, three}, swapped_in})]),
    io:format("events: ~p~n", [collect(1)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    io:format("delete: ~p~n", [gen_event:delete_handler(events, {?MODULE, three}, bye)]),
    io:format("delete missing: ~p~n", [gen_event:delete_handler(events, {?MODULE, three}, bye)]),
    ok = gen_event:sync_notify(events, remove_me),
    io:format("events: ~p~n", [collect(1)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    unlink(M),
    ok = gen_event:stop(events),
    io:format("stopped: ~p~n", [whereis(events)]),
    io:format("done~n").

collect(0) -> [];
collect(N) -> receive {ev, E} -> [E | collect(N - 1)] end.

init({start, T, Tag}) -> {ok, #{t => T, tag => Tag, n => 0}};
init({swapped_in, {T, _Tag}}) -> {ok, #{t => T, tag => third, n => 0}};
init(fail) -> {error, no_good}.

handle_event({crash, Tag}, #{tag := Tag}) -> error(crashed);
handle_event(remove_me, #{t := T, tag := Tag}) -> T ! {ev, {removing, Tag}}, remove_handler;
handle_event(E, #{t := T, tag := Tag, n := N} = S) ->
    T ! {ev, {Tag, E}},
    {ok, S#{n := N + 1}}.

handle_call(count, #{n := N} = S) -> {ok, N, S}.

handle_info(I, #{t := T, tag := Tag} = S) ->
    T ! {ev, {Tag, info, I}},
    {ok, S}.

terminate(swapped_out, #{t := T, tag := Tag}) -> T ! {ev, {terminate, Tag, swapped_out}}, {T, Tag};
terminate(Arg, #{t := T, tag := Tag}) ->
    T ! {ev, {terminate, Tag, case Arg of {error, _} -> error; _ -> Arg end}},
    ok.
