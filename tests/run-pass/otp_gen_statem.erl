%% gen_statem: state_functions with state enter calls, postpone, next_event,
%% state/event/generic timeouts; handle_event_function; stop forms and call errors.
-module(otp_gen_statem).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, terminate/3, idle/3, busy/3, handle_event/4]).

main(_) ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    T = self(),
    {ok, P} = gen_statem:start_link({local, machine}, ?MODULE, {funs, T}, []),
    io:format("work: ~p~n", [gen_statem:call(machine, {work, 1})]),
    ok = gen_statem:cast(machine, {extra, a}),
    ok = gen_statem:cast(machine, {extra, b}),
    io:format("status: ~p~n", [gen_statem:call(machine, status)]),
    receive back_to_idle -> ok end,
    io:format("chain: ~p~n", [gen_statem:call(machine, chain)]),
    io:format("tick: ~p~n", [gen_statem:call(machine, tick)]),
    receive ticked -> ok end,
    io:format("event timeout: ~p~n", [gen_statem:call(machine, wait_idle)]),
    receive idle_timeout -> ok end,
    io:format("state: ~p~n", [element(1, sys:get_state(machine))]),
    io:format("log:~n"),
    [io:format("  ~p~n", [E]) || E <- gen_statem:call(machine, log)],
    io:format("stop: ~p~n", [gen_statem:call(machine, stop_please)]),
    receive {'EXIT', P, R} -> io:format("exit: ~p~n", [R]) end,
    receive {terminate, TR, TS} -> io:format("terminate: ~p in ~p~n", [TR, TS]) end,

    %% handle_event_function
    {ok, Q} = gen_statem:start_link(?MODULE, {events, T}, []),
    io:format("inc: ~p~n", [[gen_statem:call(Q, inc) || _ <- [1, 2, 3]]]),
    io:format("repeat: ~p~n", [gen_statem:call(Q, repeat)]),
    io:format("timeout call: ~p~n", [(catch gen_statem:call(Q, ignore_me, 20)) =:= {'EXIT', {timeout, {gen_statem, call, [Q, ignore_me, 20]}}}]),
    {'EXIT', {{CR, _}, {gen_statem, call, [Q, crash, infinity]}}} = (catch gen_statem:call(Q, crash)),
    io:format("crash: ~p~n", [CR]),
    receive {'EXIT', Q, QR} -> io:format("crash exit: ~p~n", [element(1, QR)]) end,
    receive {terminate, TR2, TS2} -> io:format("terminate: ~p in ~p~n", [element(1, TR2), TS2]) end,
    io:format("init stop: ~p~n", [gen_statem:start(?MODULE, stop_me, [])]),
    io:format("init ignore: ~p~n", [gen_statem:start(?MODULE, ignore_me, [])]),
    {ok, Z} = gen_statem:start(?MODULE, {events, T}, []),
    ok = gen_statem:stop(Z),
    receive {terminate, TR3, _} -> io:format("stop/1 terminate: ~p~n", [TR3]) end,
    io:format("noproc: ~p~n", [catch gen_statem:call(nobody, hi)]),
    io:format("done~n").

init({funs, T}) -> {ok, idle, #{t => T, log => [], mode => funs}};
init({events, T}) -> put(mode, events), {ok, {count, 0}, #{t => T, mode => events}};
init(stop_me) -> {stop, no_way};
init(ignore_me) -> ignore.

callback_mode() ->
    case get(mode) of
        events -> [handle_event_function, state_enter];
        _ -> [state_functions, state_enter]
    end.

log(E, #{log := L} = D) -> D#{log := [E | L]}.

idle(enter, Old, D) ->
    D1 = log({enter, idle, Old}, D),
    case Old of
        busy -> maps:get(t, D) ! back_to_idle;
        _ -> ok
    end,
    {keep_state, D1};
idle({call, From}, {work, X}, D) ->
    {next_state, busy, log({work, X}, D), [{reply, From, ok}, {state_timeout, 30, done}]};
idle(cast, {extra, X}, D) -> {keep_state, log({extra, X}, D)};
idle({call, From}, chain, D) ->
    {keep_state, log(chain, D),
     [{reply, From, ok}, {next_event, internal, step1}, {next_event, internal, step2}]};
idle(internal, Step, D) -> {keep_state, log({internal, Step}, D)};
idle({call, From}, tick, _D) ->
    {keep_state_and_data, [{reply, From, ok}, {{timeout, tick}, 5, tick1}]};
idle({timeout, tick}, Msg, D) ->
    maps:get(t, D) ! ticked,
    {keep_state, log({generic_timeout, Msg}, D)};
idle({call, From}, wait_idle, _D) ->
    {keep_state_and_data, [{reply, From, ok}, {timeout, 5, nothing_happened}]};
idle(timeout, Msg, D) ->
    maps:get(t, D) ! idle_timeout,
    {keep_state, log({event_timeout, Msg}, D)};
idle({call, From}, log, D) ->
    {keep_state_and_data, {reply, From, lists:reverse(maps:get(log, D))}};
idle({call, From}, stop_please, D) ->
    {stop_and_reply, normal, [{reply, From, stopping}], D}.

busy(enter, Old, D) -> {keep_state, log({enter, busy, Old}, D)};
busy(cast, {extra, X}, D) -> {keep_state, log({postponed, X}, D), [postpone]};
busy({call, From}, status, D) -> {keep_state, log(status, D), [{reply, From, busy}]};
busy(state_timeout, done, D) -> {next_state, idle, log(state_timeout, D)}.

handle_event(enter, _Old, _State, D) -> {keep_state, D};
handle_event({call, From}, inc, {count, N}, D) ->
    {next_state, {count, N + 1}, D, [{reply, From, N + 1}]};
handle_event({call, From}, repeat, {count, N}, D) ->
    {repeat_state, D, [{reply, From, {repeated, N}}]};
handle_event({call, _From}, ignore_me, _, _D) -> keep_state_and_data;
handle_event({call, _From}, crash, {count, N}, _D) -> {ok, _} = maps:find(N, #{}), keep_state_and_data.

terminate(Reason, State, #{t := T}) ->
    T ! {terminate, Reason, State},
    ok.
