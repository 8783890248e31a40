%% gen_server: start forms, call/cast/info, timeouts, init results, continue,
%% stop and terminate, deferred replies, crashes and exit reasons, sys basics.
-module(otp_gen_server).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         terminate/2, code_change/3]).

main(_) ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    T = self(),
    %% named server, call / cast / info
    {ok, P} = gen_server:start_link({local, counter}, ?MODULE, {counter, T}, []),
    io:format("whereis ok: ~p~n", [whereis(counter) =:= P]),
    io:format("call: ~p~n", [gen_server:call(counter, {add, 5})]),
    ok = gen_server:cast(counter, {add, 10}),
    counter ! {add, 100},
    io:format("get: ~p~n", [gen_server:call(counter, get)]),
    io:format("call/3: ~p~n", [gen_server:call(P, get, 1000)]),
    io:format("again: ~p~n", [gen_server:start({local, counter}, ?MODULE, {counter, T}, []) =:= {error, {already_started, P}}]),
    io:format("thrown reply: ~p~n", [gen_server:call(counter, throw_me)]),
    io:format("deferred: ~p~n", [gen_server:call(counter, deferred)]),
    io:format("state: ~p~n", [maps:get(n, sys:get_state(counter))]),
    ok = sys:suspend(counter),
    ok = gen_server:cast(counter, {add, 1}),
    io:format("suspended state: ~p~n", [maps:get(n, sys:get_state(counter))]),
    ok = sys:resume(counter),
    io:format("resumed get: ~p~n", [gen_server:call(counter, get)]),
    %% timeout from a call result: handle_info(timeout)
    ok = gen_server:call(counter, {reply_with_timeout, 10}),
    receive {timeout_seen, N0} -> io:format("timeout seen: ~p~n", [N0]) end,
    %% stop from handle_call with a reply: terminate runs, the reply arrives
    io:format("stop reply: ~p~n", [gen_server:call(counter, stop_me)]),
    receive {terminate, R1, S1} -> io:format("terminate: ~p ~p~n", [R1, S1]) end,
    receive {'EXIT', P, R1x} -> io:format("exit: ~p~n", [R1x]) end,
    io:format("whereis after stop: ~p~n", [whereis(counter)]),

    %% noproc and cast to nothing
    io:format("noproc: ~p~n", [catch gen_server:call(nosuch, hello)]),
    io:format("cast to nothing: ~p~n", [gen_server:cast(nosuch, hello)]),

    %% call timeout (in a helper process, so a late reply cannot reach us)
    H = spawn(fun() ->
                      {ok, Slow} = gen_server:start(?MODULE, {counter, T}, []),
                      R = (catch gen_server:call(Slow, {sleep, 200}, 20)),
                      %% stopped first: its terminate message reaches T before ours
                      gen_server:stop(Slow),
                      case R of
                          {'EXIT', {timeout, {gen_server, call, [Slow, {sleep, 200}, 20]}}} ->
                              T ! {self(), timeout_ok};
                          Other -> T ! {self(), Other}
                      end
              end),
    receive {H, What} -> io:format("call timeout: ~p~n", [What]) end,
    receive {terminate, normal, 0} -> ok end,

    %% init results
    io:format("init ignore: ~p~n", [gen_server:start(?MODULE, ignore_me, [])]),
    io:format("init stop: ~p~n", [gen_server:start(?MODULE, {stop_me, bad_config}, [])]),
    io:format("init bad: ~p~n", [gen_server:start(?MODULE, bad_return, [])]),
    {error, {crash_in_init, _}} = gen_server:start(?MODULE, crash_in_init, []),
    io:format("init crash: error~n"),
    io:format("name free after ignore: ~p~n",
              [gen_server:start({local, nm}, ?MODULE, ignore_me, [])]),
    io:format("whereis nm: ~p~n", [whereis(nm)]),
    {ok, C} = gen_server:start(?MODULE, {continue_me, T}, []),
    io:format("continue state: ~p~n", [gen_server:call(C, get)]),
    {ok, C2} = gen_server:start(?MODULE, {hibernate_me, T}, []),
    io:format("hibernate state: ~p~n", [gen_server:call(C2, get)]),
    ok = gen_server:stop(C2),
    receive {terminate, normal, 7} -> ok end,

    %% stop/1 and stop/3: terminate gets the reason
    ok = gen_server:stop(C),
    receive {terminate, R2, _} -> io:format("stop/1 terminate: ~p~n", [R2]) end,
    {ok, C3} = gen_server:start(?MODULE, {counter, T}, []),
    ok = gen_server:stop(C3, {shutdown, done}, infinity),
    receive {terminate, R3, _} -> io:format("stop/3 terminate: ~p~n", [R3]) end,
    io:format("stop dead: ~p~n", [catch gen_server:stop(C3)]),

    %% a crash in handle_call: the caller exits with the reason, the linked
    %% process gets it, terminate/2 ran
    {ok, Cr} = gen_server:start_link(?MODULE, {counter, T}, []),
    {'EXIT', {{{badmatch, error}, _}, {gen_server, call, [Cr, crash]}}} = (catch gen_server:call(Cr, crash)),
    io:format("crash: caller exit matched~n"),
    receive {terminate, {{badmatch, error}, St}, _} when is_list(St) -> io:format("crash terminate ok~n") end,
    receive {'EXIT', Cr, {{badmatch, error}, _}} -> io:format("crash exit signal ok~n") end,

    %% bad return from handle_cast
    {ok, B} = gen_server:start_link(?MODULE, {counter, T}, []),
    gen_server:cast(B, bad),
    receive {'EXIT', B, BR} -> io:format("bad return: ~p~n", [BR]) end,
    receive {terminate, BR2, _} -> io:format("bad return terminate: ~p~n", [BR2]) end,

    %% {stop, Reason, State} from handle_info
    {ok, I} = gen_server:start_link(?MODULE, {counter, T}, []),
    I ! {stop_with, {shutdown, bye}},
    receive {terminate, IR, _} -> io:format("info stop terminate: ~p~n", [IR]) end,
    receive {'EXIT', I, IR2} -> io:format("info stop exit: ~p~n", [IR2]) end,

    %% the parent's exit: terminate runs when the server traps exits
    Parent = spawn(fun() ->
                           {ok, W} = gen_server:start_link(?MODULE, {trapping, T}, []),
                           T ! {child, W},
                           receive stop -> exit(shutdown) end
                   end),
    W = receive {child, W0} -> W0 end,
    Ref = erlang:monitor(process, W),
    Parent ! stop,
    receive {terminate, PR, _} -> io:format("parent exit terminate: ~p~n", [PR]) end,
    receive {'DOWN', Ref, process, W, DR} -> io:format("server down: ~p~n", [DR]) end,

    %% the server dies while a call waits
    {ok, D} = gen_server:start(?MODULE, {counter, T}, []),
    {'EXIT', {gone, {gen_server, call, [D, {exit_with, gone}]}}} = (catch gen_server:call(D, {exit_with, gone})),
    io:format("died in call: exit matched~n"),
    receive {terminate, DR2, _} -> io:format("died terminate: ~p~n", [DR2]) end,
    io:format("done~n").

%% callbacks

init({counter, T}) -> {ok, #{n => 0, t => T}};
init({trapping, T}) -> process_flag(trap_exit, true), {ok, #{n => 0, t => T}};
init(ignore_me) -> ignore;
init({stop_me, R}) -> {stop, R};
init(bad_return) -> what;
init(crash_in_init) -> error(crash_in_init);
init({continue_me, T}) -> {ok, #{n => 1, t => T}, {continue, more}};
init({hibernate_me, T}) -> {ok, #{n => 7, t => T}, hibernate}.

handle_call({add, K}, _From, #{n := N} = S) -> {reply, N + K, S#{n := N + K}};
handle_call(get, _From, #{n := N} = S) -> {reply, N, S};
handle_call(throw_me, _From, S) -> throw({reply, thrown, S});
handle_call(deferred, From, S) ->
    self() ! {reply_later, From},
    {noreply, S};
handle_call({reply_with_timeout, T}, _From, S) -> {reply, ok, S, T};
handle_call(stop_me, _From, S) -> {stop, normal, stopping, S};
handle_call({sleep, T}, _From, S) -> timer:sleep(T), {reply, slept, S};
handle_call(crash, _From, S) -> {ok, _} = maps:find(missing, S), {reply, ok, S};
handle_call({exit_with, R}, _From, _S) -> exit(R).

handle_cast({add, K}, #{n := N} = S) -> {noreply, S#{n := N + K}};
handle_cast(bad, _S) -> bad_value.

handle_info({add, K}, #{n := N} = S) -> {noreply, S#{n := N + K}};
handle_info({reply_later, From}, S) ->
    gen_server:reply(From, later),
    {noreply, S};
handle_info(timeout, #{n := N, t := T} = S) ->
    T ! {timeout_seen, N},
    {noreply, S};
handle_info({stop_with, R}, S) -> {stop, R, S}.

handle_continue(more, #{n := N} = S) -> {noreply, S#{n := N * 10}, {continue, again}};
handle_continue(again, #{n := N} = S) -> {noreply, S#{n := N + 1}}.

terminate(Reason, #{n := N, t := T}) ->
    T ! {terminate, Reason, N},
    ok.

code_change(_Old, S, _Extra) -> {ok, S}.
