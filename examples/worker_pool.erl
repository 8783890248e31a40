%% The seeds' worker pool, working: a simple_one_for_one supervisor starts worker
%% gen_servers on demand; tasks are spread over them; a worker that crashes on a bad
%% task is restarted by the supervisor while the others keep working.
%%   ferl run examples/worker_pool.erl [WORKERS] [TASKS]
-module(worker_pool).
-behaviour(gen_server). % and a supervisor callback module (init(pool|sup))
-export([main/1, start_worker/1, init/1, handle_call/3, handle_cast/2]).

main(Args) ->
    {Workers, Tasks} = case Args of
                           [W, T] -> {list_to_integer(W), list_to_integer(T)};
                           _ -> {4, 20}
                       end,
    {ok, Sup} = supervisor:start_link({local, pool_sup}, ?MODULE, pool),
    Pids = [begin {ok, P} = supervisor:start_child(Sup, [N]), P end
            || N <- lists:seq(1, Workers)],
    Results = [task(lists:nth(1 + I rem Workers, Pids), I) || I <- lists:seq(1, Tasks)],
    io:format("squares: ~p~n", [Results]),
    %% a bad task crashes its worker; the pool still has all its workers
    Bad = hd(Pids),
    {'EXIT', {{Why, _Stack}, _Call}} = (catch gen_server:call(Bad, {square, not_a_number})),
    io:format("bad task: the worker crashed with ~p~n", [Why]),
    wait_count(Sup, Workers),
    io:format("workers after the crash: ~p~n",
              [proplists:get_value(active, supervisor:count_children(Sup))]),
    [{_, New, _, _} | _] = supervisor:which_children(Sup),
    io:format("new worker answers: ~p~n", [gen_server:call(New, {square, 12})]).

task(Pid, I) -> gen_server:call(Pid, {square, I}).

wait_count(Sup, N) ->
    case proplists:get_value(active, supervisor:count_children(Sup)) of
        N -> ok;
        _ -> timer:sleep(1), wait_count(Sup, N)
    end.

start_worker(N) -> gen_server:start_link(?MODULE, {worker, N}, []).

init(pool) ->
    {ok, {{simple_one_for_one, 5, 3600},
          [{worker, {?MODULE, start_worker, []}, permanent, 1000, worker, [?MODULE]}]}};
init({worker, N}) -> {ok, N}.

handle_call({square, X}, _From, N) -> {reply, X * X, N}.
handle_cast(_, N) -> {noreply, N}.
