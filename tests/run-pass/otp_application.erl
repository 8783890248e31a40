%% application: load from resource terms, dependencies (not_started, ensure_all_started
%% order), start/stop callbacks with prep_stop, env and keys, which_applications,
%% get_application from inside the application, start failures, unload.
-module(otp_application).
-behaviour(application).
-behaviour(supervisor).
-export([main/1, start/2, prep_stop/1, stop/1, init/1, worker/0]).

main(_) ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    ok = application:load(spec(app_a, [kernel, stdlib], {?MODULE, a}, [{color, blue}, {size, 3}])),
    ok = application:load(spec(app_b, [kernel, stdlib, app_a], {?MODULE, b}, [])),
    ok = application:load(spec(app_c, [kernel], {?MODULE, c}, [])),
    io:format("load again: ~p~n", [application:load(spec(app_a, [], {?MODULE, a}, []))]),
    io:format("start b: ~p~n", [application:start(app_b)]),
    io:format("all started: ~p~n", [application:ensure_all_started(app_b)]),
    io:format("events: ~p~n", [flush()]),
    io:format("all started again: ~p~n", [application:ensure_all_started(app_b)]),
    io:format("start a again: ~p~n", [application:start(app_a)]),
    io:format("ensure_started a: ~p~n", [application:ensure_started(app_a)]),
    io:format("env: ~p ~p ~p~n", [application:get_env(app_a, color), application:get_env(app_a, missing),
                                  application:get_env(app_a, missing, dflt)]),
    ok = application:set_env(app_a, color, red),
    io:format("all env: ~p~n", [application:get_all_env(app_a)]),
    ok = application:unset_env(app_a, size),
    io:format("all env: ~p~n", [application:get_all_env(app_a)]),
    io:format("keys: ~p ~p ~p~n", [application:get_key(app_a, vsn), application:get_key(app_b, applications),
                                   application:get_key(app_b, mod)]),
    io:format("running: ~p~n", [mine(application:which_applications())]),
    io:format("loaded: ~p~n", [lists:sort(mine(application:loaded_applications()))]),
    worker ! {which, self()},
    receive {app, A} -> io:format("worker's application: ~p~n", [A]) end,
    io:format("test's application: ~p~n", [application:get_application()]),
    io:format("start c: ~p~n", [application:start(app_c)]),
    io:format("events: ~p~n", [flush()]),
    io:format("unload running: ~p~n", [application:unload(app_b)]),
    io:format("stop b: ~p~n", [application:stop(app_b)]),
    io:format("events: ~p~n", [flush()]),
    io:format("stop b again: ~p~n", [application:stop(app_b)]),
    io:format("unload b: ~p~n", [application:unload(app_b)]),
    io:format("stop a: ~p~n", [application:stop(app_a)]),
    io:format("events: ~p~n", [flush()]),
    io:format("worker: ~p~n", [whereis(worker)]),
    io:format("running: ~p~n", [mine(application:which_applications())]),
    io:format("load missing: ~p~n", [application:load(nosuch_app)]),
    io:format("done~n").

mine(L) -> [{A, D, V} || {A, D, V} <- L, lists:member(A, [app_a, app_b, app_c])].

spec(Name, Deps, Mod, Env) ->
    {application, Name, [{description, atom_to_list(Name) ++ " test"}, {vsn, "1.0"},
                         {modules, [?MODULE]}, {registered, []}, {applications, Deps},
                         {mod, Mod}, {env, Env}]}.

flush() ->
    receive {event, E} -> [E | flush()] after 0 -> [] end.

start(normal, c) -> tester ! {event, {start, c}}, {error, boom};
start(normal, X) ->
    tester ! {event, {start, X}},
    supervisor:start_link(?MODULE, X).

prep_stop(State) -> tester ! {event, {prep_stop, State}}, State.
stop(State) -> tester ! {event, {stop, State}}, ok.

init(a) ->
    {ok, {#{strategy => one_for_one},
          [#{id => worker, start => {erlang, apply, [fun() -> {ok, spawn_link(fun ?MODULE:worker/0)} end, []]}}]}};
init(b) -> {ok, {#{strategy => one_for_one}, []}}.

worker() ->
    register(worker, self()),
    receive {which, From} -> From ! {app, application:get_application()} end,
    receive stop -> ok end.
