%% gen_statem: the state machine behaviour, written from scratch for ferl after
%% OTP 25's documentation: state_functions and handle_event_function callback modes,
%% state enter calls, postpone, next_event, event/state/generic timeouts, replies.
-module(gen_statem).
-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/1, reply/2, stop/1, stop/3,
         send_request/2, wait_response/2, receive_response/2, check_response/2]).
-export([init_it/6]).

-callback init(Args :: term()) -> term().
-callback callback_mode() -> term().
-optional_callbacks([terminate/3, code_change/4, handle_event/4, format_status/1,
                     format_status/2]).
-callback terminate(Reason :: term(), State :: term(), Data :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Data :: term(), Extra :: term()) -> term().
-callback handle_event(Type :: term(), Content :: term(), State :: term(), Data :: term()) -> term().
-callback format_status(Status :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: term()) -> term().

%% The server's loop state.
-record(s, {parent, name, mod, mode = state_functions, enter = false,
            state, data, queue = [], postponed = [], timers = #{},
            event_timeout = none, hibernate = false}).

%%% ---------------------------------------------------------------- API

start(Mod, Args, Opts) -> gen:start(?MODULE, nolink, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> gen:start(?MODULE, nolink, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> gen:start(?MODULE, link, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> gen:start(?MODULE, link, Name, Mod, Args, Opts).
start_monitor(Mod, Args, Opts) -> mon(start(Mod, Args, Opts)).
start_monitor(Name, Mod, Args, Opts) -> mon(start(Name, Mod, Args, Opts)).
mon({ok, Pid}) -> {ok, {Pid, erlang:monitor(process, Pid)}};
mon(Other) -> Other.

call(Server, Request) -> call(Server, Request, infinity).
call(Server, Request, Timeout) ->
    T = case Timeout of
            {dirty_timeout, X} -> X;
            {clean_timeout, X} -> X;
            X -> X
        end,
    try gen:call(Server, '$gen_call', Request, T) of
        {ok, Reply} -> Reply
    catch exit:Reason ->
            exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Msg) -> gen_server:cast(Server, Msg).

reply({reply, From, Reply}) -> reply(From, Reply);
reply(Replies) when is_list(Replies) -> [reply(R) || R <- Replies], ok.
reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> gen_server:stop(Server).
stop(Server, Reason, Timeout) -> gen_server:stop(Server, Reason, Timeout).

send_request(Server, Req) -> gen_server:send_request(Server, Req).
wait_response(R, T) -> gen_server:wait_response(R, T).
receive_response(R, T) -> gen_server:receive_response(R, T).
check_response(M, R) -> gen_server:check_response(M, R).

%%% ---------------------------------------------------------------- init

init_it(Starter, Parent, Name0, Mod, Args, _Opts) ->
    Name = gen:name(Name0),
    Res = try Mod:init(Args)
          catch throw:R0 -> R0;
                C0:R0:St0 -> {'$init_crash', C0, R0, St0}
          end,
    case Res of
        {ok, State, Data} -> init_ok(Starter, Parent, Name, Mod, State, Data, []);
        {ok, State, Data, Actions} ->
            init_ok(Starter, Parent, Name, Mod, State, Data, Actions);
        {stop, Reason} ->
            unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        ignore ->
            unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {'$init_crash', Class, Reason, St} ->
            unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, case Class of
                                                  error -> {Reason, St};
                                                  _ -> Reason
                                              end}),
            erlang:raise(Class, Reason, St);
        Else ->
            unregister_name(Name0),
            Error = {bad_return_from_init, Else},
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error)
    end.

unregister_name({local, N}) -> catch unregister(N), ok;
unregister_name(_) -> ok.

init_ok(Starter, Parent, Name, Mod, State, Data, Actions) ->
    {Mode, Enter} = case catch Mod:callback_mode() of
                        M when is_atom(M) -> {M, false};
                        L when is_list(L) ->
                            {case lists:member(handle_event_function, L) of
                                 true -> handle_event_function;
                                 false -> state_functions
                             end, lists:member(state_enter, L)};
                        _ -> {state_functions, false}
                    end,
    proc_lib:init_ack(Starter, {ok, self()}),
    S0 = #s{parent = Parent, name = Name, mod = Mod, mode = Mode, enter = Enter,
            state = State, data = Data},
    S1 = apply_actions(listify(Actions), S0, undefined, false),
    case Enter of
        true -> enter_call(State, S1, []);
        false -> loop(S1)
    end.

listify(L) when is_list(L) -> L;
listify(X) -> [X].

%%% ---------------------------------------------------------------- loop

loop(#s{queue = [Ev | Rest]} = S) ->
    event(Ev, S#s{queue = Rest, event_timeout = none});
loop(#s{event_timeout = none} = S) ->
    receive Msg -> msg(Msg, S) end;
loop(#s{event_timeout = {T, Content}} = S) ->
    receive Msg -> msg(Msg, S#s{event_timeout = none})
    after T -> event({timeout, Content}, S#s{event_timeout = none})
    end.

msg({'$gen_call', From, Req}, S) -> event({{call, From}, Req}, S#s{event_timeout = none});
msg({'$gen_cast', Req}, S) -> event({cast, Req}, S#s{event_timeout = none});
msg({'EXIT', Parent, Reason} = Msg, #s{parent = Parent} = S) ->
    terminate(exit, Reason, [], Msg, S);
msg({system, From, Req}, S) -> system(Req, From, S);
msg({timeout, Ref, {'$gen_statem_timeout', Type}} = Msg, #s{timers = Ts} = S) ->
    case maps:find(Type, Ts) of
        {ok, {Ref, Content}} ->
            event({Type, Content}, S#s{timers = maps:remove(Type, Ts), event_timeout = none});
        _ -> event({info, Msg}, S#s{event_timeout = none})
    end;
msg(Info, S) -> event({info, Info}, S#s{event_timeout = none}).

system(get_state, From, S) ->
    gen:reply(From, {S#s.state, S#s.data}), loop(S);
system({replace_state, F}, From, S) ->
    {St, D} = try F({S#s.state, S#s.data}) catch _:_ -> {S#s.state, S#s.data} end,
    gen:reply(From, {St, D}), loop(S#s{state = St, data = D});
system(suspend, From, S) -> gen:reply(From, ok), suspended(S);
system(resume, From, S) -> gen:reply(From, ok), loop(S);
system(get_status, From, S) ->
    gen:reply(From, {status, self(), {module, ?MODULE},
                     [[], running, S#s.parent, [],
                      [{header, "Status for state machine"},
                       {data, [{"Status", running}, {"Parent", S#s.parent}]},
                       {data, [{"State", {S#s.state, S#s.data}}]}]]}),
    loop(S);
system({terminate, R}, From, S) -> terminate(exit, R, [], {system, From, {terminate, R}}, S);
system({change_code, _, Old, Extra}, From, #s{mod = Mod} = S) ->
    case catch Mod:code_change(Old, S#s.state, S#s.data, Extra) of
        {ok, St, D} -> gen:reply(From, ok), loop(S#s{state = St, data = D});
        Else -> gen:reply(From, Else), loop(S)
    end;
system(Req, From, S) -> gen:reply(From, {error, {unknown_system_msg, Req}}), loop(S).

suspended(S) ->
    receive
        {system, From, resume} -> gen:reply(From, ok), loop(S);
        {system, From, get_state} -> gen:reply(From, {S#s.state, S#s.data}), suspended(S);
        {system, From, {terminate, R}} -> terminate(exit, R, [], {system, From, R}, S);
        {system, From, _} -> gen:reply(From, ok), suspended(S);
        {'EXIT', Parent, Reason} = Msg when Parent =:= S#s.parent ->
            terminate(exit, Reason, [], Msg, S)
    end.

%%% ---------------------------------------------------------------- events

event({Type, Content} = Ev, #s{mod = Mod, state = State, data = Data} = S) ->
    Res = try
              case S#s.mode of
                  state_functions -> {ok, Mod:State(Type, Content, Data)};
                  handle_event_function -> {ok, Mod:handle_event(Type, Content, State, Data)}
              end
          catch throw:R0 -> {ok, R0};
                C0:R0:St0 -> {'EXIT', C0, R0, St0}
          end,
    case Res of
        {ok, Result} -> result(Result, Ev, S);
        {'EXIT', C, R2, St2} -> terminate(C, R2, St2, Ev, S)
    end.

result(Result, Ev, #s{state = State, data = Data} = S) ->
    case Result of
        {next_state, NS, ND} -> transition(NS, ND, [], Ev, S);
        {next_state, NS, ND, A} -> transition(NS, ND, listify(A), Ev, S);
        {keep_state, ND} -> transition(State, ND, [], Ev, S);
        {keep_state, ND, A} -> transition(State, ND, listify(A), Ev, S);
        keep_state_and_data -> transition(State, Data, [], Ev, S);
        {keep_state_and_data, A} -> transition(State, Data, listify(A), Ev, S);
        {repeat_state, ND} -> repeat(ND, [], Ev, S);
        {repeat_state, ND, A} -> repeat(ND, listify(A), Ev, S);
        repeat_state_and_data -> repeat(Data, [], Ev, S);
        {repeat_state_and_data, A} -> repeat(Data, listify(A), Ev, S);
        stop -> terminate(exit, normal, [], Ev, S);
        {stop, R} -> terminate(exit, R, [], Ev, S);
        {stop, R, ND} -> terminate(exit, R, [], Ev, S#s{data = ND});
        {stop_and_reply, R, Replies} ->
            reply(listify(Replies)), terminate(exit, R, [], Ev, S);
        {stop_and_reply, R, Replies, ND} ->
            reply(listify(Replies)), terminate(exit, R, [], Ev, S#s{data = ND});
        Other -> terminate(error, {bad_return_from_state_function, Other}, [], Ev, S)
    end.

repeat(ND, Actions, Ev, #s{state = State} = S) ->
    S1 = apply_actions(Actions, S#s{data = ND}, Ev, false),
    S2 = after_event(S1, Ev, false),
    case S#s.enter of
        true -> enter_call(State, S2, Ev);
        false -> loop(S2)
    end.

transition(NS, ND, Actions, Ev, #s{state = State} = S) ->
    S1 = apply_actions(Actions, S#s{data = ND}, Ev, false),
    Changed = NS =/= State,
    S2 = after_event(S1#s{state = NS}, Ev, Changed),
    case Changed andalso S#s.enter of
        true -> enter_call(State, S2, Ev);
        false -> loop(S2)
    end.

%% postponed event and the queue after a state change
after_event(S, Ev, Changed) ->
    {Postpone, S1} = case get('$gen_statem_postpone') of
                         true -> erase('$gen_statem_postpone'), {true, S};
                         _ -> {false, S}
                     end,
    Post = case Postpone of
               true when Ev =/= [] -> [Ev | S1#s.postponed];
               _ -> S1#s.postponed
           end,
    case Changed of
        true ->
            Timers = case maps:find(state_timeout, S1#s.timers) of
                         {ok, {Ref, _}} when not S1#s.hibernate ->
                             case get('$gen_statem_state_timeout_set') of
                                 true -> S1#s.timers;
                                 _ -> cancel_timer(Ref), maps:remove(state_timeout, S1#s.timers)
                             end;
                         _ -> S1#s.timers
                     end,
            erase('$gen_statem_state_timeout_set'),
            NextEvs = get_next(),
            S1#s{queue = NextEvs ++ lists:reverse(Post) ++ S1#s.queue, postponed = [],
                 timers = Timers};
        false ->
            erase('$gen_statem_state_timeout_set'),
            NextEvs = get_next(),
            S1#s{queue = NextEvs ++ S1#s.queue, postponed = Post}
    end.

get_next() ->
    case erase('$gen_statem_next') of
        undefined -> [];
        L -> lists:reverse(L)
    end.

enter_call(OldState, #s{mod = Mod, state = State, data = Data} = S, Ev) ->
    Res = try
              case S#s.mode of
                  state_functions -> {ok, Mod:State(enter, OldState, Data)};
                  handle_event_function -> {ok, Mod:handle_event(enter, OldState, State, Data)}
              end
          catch throw:R0 -> {ok, R0};
                C0:R0:St0 -> {'EXIT', C0, R0, St0}
          end,
    case Res of
        {'EXIT', C, R2, St2} -> terminate(C, R2, St2, Ev, S);
        {ok, Result} ->
            case Result of
                {next_state, State, ND} -> enter_done(ND, [], S);
                {next_state, State, ND, A} -> enter_done(ND, listify(A), S);
                {keep_state, ND} -> enter_done(ND, [], S);
                {keep_state, ND, A} -> enter_done(ND, listify(A), S);
                keep_state_and_data -> enter_done(Data, [], S);
                {keep_state_and_data, A} -> enter_done(Data, listify(A), S);
                {repeat_state, ND} -> enter_done(ND, [], S);
                {repeat_state, ND, A} -> enter_done(ND, listify(A), S);
                repeat_state_and_data -> enter_done(Data, [], S);
                {repeat_state_and_data, A} -> enter_done(Data, listify(A), S);
                stop -> terminate(exit, normal, [], Ev, S);
                {stop, R} -> terminate(exit, R, [], Ev, S);
                {stop, R, ND} -> terminate(exit, R, [], Ev, S#s{data = ND});
                {stop_and_reply, R, Rs} -> reply(listify(Rs)), terminate(exit, R, [], Ev, S);
                {stop_and_reply, R, Rs, ND} ->
                    reply(listify(Rs)), terminate(exit, R, [], Ev, S#s{data = ND});
                Other -> terminate(error, {bad_return_from_state_function, Other}, [], Ev, S)
            end
    end.

enter_done(ND, Actions, S) ->
    S1 = apply_actions(Actions, S#s{data = ND}, [], true),
    erase('$gen_statem_postpone'),
    erase('$gen_statem_state_timeout_set'),
    loop(S1#s{queue = get_next() ++ S1#s.queue}).

%%% ---------------------------------------------------------------- actions

apply_actions([], S, _Ev, _Enter) -> S;
apply_actions([A | Rest], S, Ev, Enter) ->
    apply_actions(Rest, action(A, S, Ev, Enter), Ev, Enter).

action(postpone, S, _, _) -> put('$gen_statem_postpone', true), S;
action({postpone, true}, S, _, _) -> put('$gen_statem_postpone', true), S;
action({postpone, false}, S, _, _) -> S;
action(hibernate, S, _, _) -> S;
action({hibernate, _}, S, _, _) -> S;
action({reply, From, Reply}, S, _, _) -> gen:reply(From, Reply), S;
action({next_event, Type, Content}, S, _, _) ->
    Old = case get('$gen_statem_next') of
              undefined -> [];
              L -> L
          end,
    put('$gen_statem_next', [{ev_type(Type), Content} | Old]),
    S;
action(T, S, Ev, E) when is_integer(T); T =:= infinity -> action({timeout, T, T}, S, Ev, E);
action({timeout, T, Msg}, S, _, _) when is_integer(T); T =:= infinity -> event_timeout(T, Msg, S);
action({timeout, T, Msg, _Opts}, S, _, _) when is_integer(T); T =:= infinity -> event_timeout(T, Msg, S);
action({timeout, cancel}, S, _, _) -> S#s{event_timeout = none};
action({timeout, update, Msg}, S, _, _) ->
    case S#s.event_timeout of
        {T, _} -> S#s{event_timeout = {T, Msg}};
        none -> S
    end;
action({state_timeout, cancel}, S, _, _) -> cancel(state_timeout, S);
action({state_timeout, update, Msg}, S, _, _) -> update(state_timeout, Msg, S);
action({state_timeout, T, Msg}, S, _, _) when is_integer(T); T =:= infinity ->
    put('$gen_statem_state_timeout_set', true),
    set_timer(state_timeout, T, Msg, S);
action({state_timeout, T, Msg, _Opts}, S, _, _) ->
    put('$gen_statem_state_timeout_set', true),
    set_timer(state_timeout, T, Msg, S);
action({{timeout, Name}, cancel}, S, _, _) -> cancel({timeout, Name}, S);
action({{timeout, Name}, update, Msg}, S, _, _) -> update({timeout, Name}, Msg, S);
action({{timeout, Name}, T, Msg}, S, _, _) when is_integer(T); T =:= infinity -> set_timer({timeout, Name}, T, Msg, S);
action({{timeout, Name}, T, Msg, _Opts}, S, _, _) -> set_timer({timeout, Name}, T, Msg, S);
action(Bad, _S, _, _) -> erlang:error({bad_action_from_state_function, Bad}).

ev_type({call, From}) -> {call, From};
ev_type(T) -> T.

event_timeout(infinity, _Msg, S) -> S#s{event_timeout = none};
event_timeout(T, Msg, S) -> S#s{event_timeout = {T, Msg}}.

set_timer(Type, T, Msg, S) ->
    S1 = cancel(Type, S),
    case T of
        infinity -> S1;
        0 ->
            %% a zero timeout is queued behind the events already queued
            S1#s{queue = S1#s.queue ++ [{Type, Msg}]};
        _ ->
            Ref = erlang:start_timer(T, self(), {'$gen_statem_timeout', Type}),
            S1#s{timers = maps:put(Type, {Ref, Msg}, S1#s.timers)}
    end.

cancel(Type, S) ->
    Q = [E || E <- S#s.queue, not is_zero_timeout(E, Type)],
    case maps:find(Type, S#s.timers) of
        {ok, {Ref, _}} ->
            cancel_timer(Ref),
            S#s{timers = maps:remove(Type, S#s.timers), queue = Q};
        error -> S#s{queue = Q}
    end.

is_zero_timeout({Type, _}, Type) -> true;
is_zero_timeout(_, _) -> false.

update(Type, Msg, S) ->
    case maps:find(Type, S#s.timers) of
        {ok, {Ref, _}} -> S#s{timers = maps:put(Type, {Ref, Msg}, S#s.timers)};
        error -> S#s{queue = S#s.queue ++ [{Type, Msg}]}
    end.

cancel_timer(Ref) ->
    case erlang:cancel_timer(Ref) of
        false -> receive {timeout, Ref, _} -> ok after 0 -> ok end;
        _ -> ok
    end.

%%% ---------------------------------------------------------------- terminate

terminate(Class, Reason, St, Ev, #s{mod = Mod, state = State, data = Data} = S) ->
    Res = try {ok, Mod:terminate(Reason, State, Data)}
          catch error:undef:USt ->
                  case USt of
                      [{Mod, terminate, _, _} | _] -> {ok, ok};
                      _ -> {'EXIT', error, undef, USt}
                  end;
                throw:_ -> {ok, ok};
                C:R:S2 -> {'EXIT', C, R, S2}
          end,
    {C3, R3, St3} = case Res of
                        {ok, _} -> {Class, Reason, St};
                        {'EXIT', C4, R4, St4} -> {C4, R4, St4}
                    end,
    report(C3, R3, St3, Ev, S),
    erlang:raise(C3, R3, St3).

report(exit, normal, _, _, _) -> ok;
report(exit, shutdown, _, _, _) -> ok;
report(exit, {shutdown, _}, _, _, _) -> ok;
report(Class, Reason, St, Ev, S) ->
    Why = case Class of
              error -> {Reason, St};
              throw -> {{nocatch, Reason}, St};
              exit -> Reason
          end,
    logger:ferl_report(error, "ERROR REPORT", fun() -> report_text(Class, Why, Ev, S) end).

report_text(Class, Why, Ev, S) ->
    Name = case S#s.name of
               P when is_pid(P) -> pid_to_list(P);
               N -> io_lib:format("~tp", [N])
           end,
    Text = io_lib:format("** State machine ~ts terminating~n"
                         "** Last event = ~tp~n"
                         "** When server state  = ~tp~n"
                         "** Reason for termination = ~w:~tp~n"
                         "** Callback mode = ~p~n",
                         [Name, Ev, {S#s.state, S#s.data}, Class, Why, S#s.mode]),
    Text.
