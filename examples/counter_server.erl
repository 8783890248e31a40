%% The seeds' gen_server examples, working: a counter and a key-value store, both
%% gen_servers registered under their module's name and started by one supervisor
%% (one_for_one, 10 restarts in 10 s, as in the seeds' my_app_sup).
%%   ferl run examples/counter_server.erl
-module(counter_server).
-behaviour(gen_server). % and a supervisor callback module (init(pool|sup))
-export([main/1]).
-export([start_link/0, increment/1, get_count/0, put/2, get/1]).
-export([start_kv/0, init/1, handle_call/3, handle_cast/2, terminate/2, code_change/3]).

main(_) ->
    {ok, _Sup} = supervisor:start_link({local, counter_sup}, ?MODULE, sup),
    ok = increment(5),
    ok = increment(37),
    io:format("count: ~p~n", [get_count()]),
    ok = ?MODULE:put(language, "Erlang"),
    ok = ?MODULE:put(runtime, ferl),
    io:format("language: ~s, runtime: ~p~n", [?MODULE:get(language), ?MODULE:get(runtime)]),
    %% fault tolerance: kill the counter; its supervisor starts a fresh one
    Old = whereis(counter),
    exit(Old, kill),
    wait_restart(counter, Old),
    io:format("counter restarted, count: ~p~n", [get_count()]),
    io:format("children: ~p~n", [[Id || {Id, _, _, _} <- supervisor:which_children(counter_sup)]]).

wait_restart(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> ok;
        _ -> timer:sleep(1), wait_restart(Name, Old)
    end.

%% counter API
start_link() -> gen_server:start_link({local, counter}, ?MODULE, counter, []).
increment(N) -> gen_server:call(counter, {increment, N}).
get_count() -> gen_server:call(counter, get_count).

%% key-value API
start_kv() -> gen_server:start_link({local, kv_store}, ?MODULE, kv, []).
put(Key, Value) -> gen_server:call(kv_store, {put, Key, Value}).
get(Key) -> gen_server:call(kv_store, {get, Key}).

%% supervisor and gen_server callbacks
init(sup) ->
    {ok, {{one_for_one, 10, 10},
          [{counter, {?MODULE, start_link, []}, permanent, 5000, worker, [?MODULE]},
           {kv_store, {?MODULE, start_kv, []}, permanent, 5000, worker, [?MODULE]}]}};
init(counter) -> {ok, {counter, 0}};
init(kv) -> {ok, {kv, #{}}}.

handle_call({increment, N}, _From, {counter, Count}) -> {reply, ok, {counter, Count + N}};
handle_call(get_count, _From, {counter, Count} = S) -> {reply, Count, S};
handle_call({put, K, V}, _From, {kv, Map}) -> {reply, ok, {kv, maps:put(K, V, Map)}};
handle_call({get, K}, _From, {kv, Map} = S) -> {reply, maps:get(K, Map, undefined), S}.

handle_cast(_Request, State) -> {noreply, State}.
terminate(_Reason, _State) -> ok.
code_change(_OldVsn, State, _Extra) -> {ok, State}.
