%% gen_server: the generic server behaviour, written from scratch for ferl after
%% OTP 25's documentation and observed behaviour (callbacks, return values, exit
%% reasons, the "Generic server ... terminating" error report).
-module(gen_server).
-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3,
         abcast/2, abcast/3, multi_call/2, send_request/2, wait_response/2,
         receive_response/2, check_response/2,
         enter_loop/3, enter_loop/4, enter_loop/5]).
-export([init_it/6, system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, wake_hib/6]).

-callback init(Args :: term()) -> term().
-callback handle_call(Request :: term(), From :: term(), State :: term()) -> term().
-callback handle_cast(Request :: term(), State :: term()) -> term().
-optional_callbacks([handle_info/2, handle_continue/2, terminate/2, code_change/3,
                     format_status/1, format_status/2]).
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback handle_continue(Info :: term(), State :: term()) -> term().
-callback terminate(Reason :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-callback format_status(Status :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: term()) -> term().

%%% ---------------------------------------------------------------- API

start(Mod, Args, Options) -> gen:start(?MODULE, nolink, Mod, Args, Options).
start(Name, Mod, Args, Options) -> gen:start(?MODULE, nolink, Name, Mod, Args, Options).
start_link(Mod, Args, Options) -> gen:start(?MODULE, link, Mod, Args, Options).
start_link(Name, Mod, Args, Options) -> gen:start(?MODULE, link, Name, Mod, Args, Options).

start_monitor(Mod, Args, Options) -> monitor_result(start(Mod, Args, Options)).
start_monitor(Name, Mod, Args, Options) -> monitor_result(start(Name, Mod, Args, Options)).
monitor_result({ok, Pid}) -> {ok, {Pid, erlang:monitor(process, Pid)}};
monitor_result(Other) -> Other.

call(Server, Request) ->
    try gen:call(Server, '$gen_call', Request, 5000) of
        {ok, Reply} -> Reply
    catch exit:Reason ->
            exit({Reason, {?MODULE, call, [Server, Request]}});
          error:Reason:St ->
            exit({{Reason, St}, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout) ->
    try gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply
    catch exit:Reason ->
            exit({Reason, {?MODULE, call, [Server, Request, Timeout]}});
          error:Reason:St ->
            exit({{Reason, St}, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Request) ->
    do_send(Server, {'$gen_cast', Request}),
    ok.

abcast(Name, Request) -> cast(Name, Request), abcast.
abcast(_Nodes, Name, Request) -> cast(Name, Request), abcast.

multi_call(Name, Request) ->
    try call(Name, Request, infinity) of
        Reply -> {[{node(), Reply}], []}
    catch exit:_ -> {[], [node()]}
    end.

do_send(Pid, Msg) when is_pid(Pid) -> Pid ! Msg;
do_send({local, Name}, Msg) -> do_send(Name, Msg);
do_send({Name, _Node}, Msg) when is_atom(Name) -> do_send(Name, Msg);
do_send(Name, Msg) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> ok;
        Pid -> Pid ! Msg
    end.

reply(From, Reply) -> gen:reply(From, Reply).

send_request(Server, Request) ->
    Pid = case Server of
              P when is_pid(P) -> P;
              N -> whereis(gen:name(N))
          end,
    Mref = erlang:monitor(process, Pid),
    Pid ! {'$gen_call', {self(), Mref}, Request},
    Mref.

wait_response(Mref, Timeout) -> receive_resp(Mref, Timeout, false).
receive_response(Mref, Timeout) -> receive_resp(Mref, Timeout, true).
check_response({Mref, Reply}, Mref) ->
    erlang:demonitor(Mref, [flush]),
    {reply, Reply};
check_response({'DOWN', Mref, _, _, Reason}, Mref) ->
    {error, {Reason, Mref}};
check_response(_, _) -> no_reply.

receive_resp(Mref, Timeout, Abandon) ->
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {reply, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            {error, {Reason, Mref}}
    after Timeout ->
            case Abandon of
                true -> erlang:demonitor(Mref, [flush]);
                false -> ok
            end,
            timeout
    end.

stop(Server) -> stop(Server, normal, infinity).
stop(Server, Reason, Timeout) ->
    Pid = case Server of
              P when is_pid(P) -> P;
              N -> case whereis(gen:name(N)) of
                       undefined -> exit(noproc);
                       P -> P
                   end
          end,
    proc_lib:stop(Pid, Reason, Timeout).

enter_loop(Mod, Options, State) -> enter_loop(Mod, Options, State, self(), infinity).
enter_loop(Mod, Options, State, {_, _} = ServerName) ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, Timeout) ->
    enter_loop(Mod, Options, State, self(), Timeout).
enter_loop(Mod, _Options, State, ServerName, Timeout) ->
    Name = gen:name(ServerName),
    Parent = case get('$ancestors') of
                 [P | _] when is_pid(P) -> P;
                 [N | _] when is_atom(N) -> whereis(N);
                 _ -> self()
             end,
    loop_after(Parent, Name, Mod, State, Timeout).

%%% ---------------------------------------------------------------- server

init_it(Starter, Parent, Name0, Mod, Args, _Options) ->
    Name = gen:name(Name0),
    Res = try Mod:init(Args)
          catch throw:R0 -> R0;
                C0:R0:St0 -> {'$init_crash', C0, R0, St0}
          end,
    case Res of
        {ok, State} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, Mod, State, infinity);
        {ok, State, Timeout} when Timeout =:= infinity; is_integer(Timeout) ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, Mod, State, Timeout);
        {ok, State, hibernate} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, Mod, State, infinity);
        {ok, State, {continue, C}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            continue(Parent, Name, Mod, State, C);
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
            Why = case Class of
                      error -> {Reason, St};
                      exit -> Reason
                  end,
            proc_lib:init_ack(Starter, {error, Why}),
            erlang:raise(Class, Reason, St);
        Else ->
            unregister_name(Name0),
            Error = {bad_return_value, Else},
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error)
    end.

unregister_name({local, Name}) -> catch unregister(Name), ok;
unregister_name(_) -> ok.

loop_after(Parent, Name, Mod, State, {continue, C}) ->
    continue(Parent, Name, Mod, State, C);
loop_after(Parent, Name, Mod, State, hibernate) ->
    loop(Parent, Name, Mod, State, infinity);
loop_after(Parent, Name, Mod, State, Timeout) ->
    loop(Parent, Name, Mod, State, Timeout).

wake_hib(Parent, Name, Mod, State, _Hib, _Debug) ->
    loop(Parent, Name, Mod, State, infinity).

loop(Parent, Name, Mod, State, Timeout) ->
    receive
        Msg -> handle_msg(Msg, Parent, Name, Mod, State)
    after Timeout ->
            handle_msg(timeout, Parent, Name, Mod, State)
    end.

continue(Parent, Name, Mod, State, C) ->
    case try_dispatch(Mod, handle_continue, C, State) of
        {ok, {noreply, NState}} ->
            loop(Parent, Name, Mod, NState, infinity);
        {ok, {noreply, NState, Next}} ->
            case valid_next(Next) of
                true -> loop_after(Parent, Name, Mod, NState, Next);
                false -> terminate(exit, {bad_return_value, {noreply, NState, Next}}, [],
                                   Name, {continue, C}, Mod, State)
            end;
        {ok, {stop, Reason, NState}} ->
            terminate(exit, Reason, [], Name, {continue, C}, Mod, NState);
        {ok, Other} ->
            terminate(exit, {bad_return_value, Other}, [], Name, {continue, C}, Mod, State);
        {'EXIT', Class, Reason, St} ->
            terminate(Class, Reason, St, Name, {continue, C}, Mod, State)
    end.

valid_next(infinity) -> true;
valid_next(T) when is_integer(T), T >= 0 -> true;
valid_next(hibernate) -> true;
valid_next({continue, _}) -> true;
valid_next(_) -> false.

handle_msg({'$gen_call', From, Request} = Msg, Parent, Name, Mod, State) ->
    Result = try {ok, Mod:handle_call(Request, From, State)}
             catch throw:R -> {ok, R};
                   Class:R:St -> {'EXIT', Class, R, St}
             end,
    case Result of
        {ok, {reply, Reply, NState}} ->
            gen:reply(From, Reply),
            loop(Parent, Name, Mod, NState, infinity);
        {ok, {reply, Reply, NState, Next}} ->
            case valid_next(Next) of
                true ->
                    gen:reply(From, Reply),
                    loop_after(Parent, Name, Mod, NState, Next);
                false ->
                    terminate(exit, {bad_return_value, {reply, Reply, NState, Next}}, [],
                              Name, Msg, Mod, State)
            end;
        {ok, {stop, Reason, Reply, NState}} ->
            try terminate(exit, Reason, [], Name, Msg, Mod, NState)
            after gen:reply(From, Reply)
            end;
        _ -> handle_common_reply(Result, Parent, Name, Msg, Mod, State)
    end;
handle_msg({'EXIT', Parent, Reason} = Msg, Parent, Name, Mod, State) ->
    terminate(exit, Reason, [], Name, Msg, Mod, State);
handle_msg({system, From, Req}, Parent, Name, Mod, State) ->
    handle_system(Req, From, Parent, Name, Mod, State);
handle_msg({'$gen_cast', Request} = Msg, Parent, Name, Mod, State) ->
    Result = try_dispatch(Mod, handle_cast, Request, State),
    handle_common_reply(Result, Parent, Name, Msg, Mod, State);
handle_msg(Info, Parent, Name, Mod, State) ->
    Result = try_dispatch(Mod, handle_info, Info, State),
    handle_common_reply(Result, Parent, Name, Info, Mod, State).

try_dispatch(Mod, handle_info, Msg, State) ->
    try {ok, Mod:handle_info(Msg, State)}
    catch throw:R -> {ok, R};
          error:undef:St ->
            case St of
                [{Mod, handle_info, _, _} | _] ->
                    logger:ferl_report(
                      warning, "WARNING REPORT",
                      fun() -> io_lib:format("** Undefined handle_info in ~p~n"
                                             "** Unhandled message: ~tp~n", [Mod, Msg]) end),
                    {ok, {noreply, State}};
                _ -> {'EXIT', error, undef, St}
            end;
          Class:R:St -> {'EXIT', Class, R, St}
    end;
try_dispatch(Mod, Fun, Msg, State) ->
    try {ok, Mod:Fun(Msg, State)}
    catch throw:R -> {ok, R};
          Class:R:St -> {'EXIT', Class, R, St}
    end.

handle_common_reply(Result, Parent, Name, Msg, Mod, State) ->
    case Result of
        {ok, {noreply, NState}} ->
            loop(Parent, Name, Mod, NState, infinity);
        {ok, {noreply, NState, Next}} ->
            case valid_next(Next) of
                true -> loop_after(Parent, Name, Mod, NState, Next);
                false -> terminate(exit, {bad_return_value, {noreply, NState, Next}}, [],
                                   Name, Msg, Mod, State)
            end;
        {ok, {stop, Reason, NState}} ->
            terminate(exit, Reason, [], Name, Msg, Mod, NState);
        {'EXIT', Class, Reason, St} ->
            terminate(Class, Reason, St, Name, Msg, Mod, State);
        {ok, BadReply} ->
            terminate(exit, {bad_return_value, BadReply}, [], Name, Msg, Mod, State)
    end.

%%% ---------------------------------------------------------------- sys messages

handle_system(Req, From, Parent, Name, Mod, State) ->
    case Req of
        get_state ->
            gen:reply(From, State),
            loop(Parent, Name, Mod, State, infinity);
        {replace_state, Fun} ->
            NState = try Fun(State) catch _:_ -> State end,
            gen:reply(From, NState),
            loop(Parent, Name, Mod, NState, infinity);
        get_status ->
            gen:reply(From, {status, self(), {module, ?MODULE},
                             [get(), running, Parent, [],
                              [{header, "Status for generic server " ++ name_text(Name)},
                               {data, [{"Status", running}, {"Parent", Parent}]},
                               {data, [{"State", State}]}]]}),
            loop(Parent, Name, Mod, State, infinity);
        suspend ->
            gen:reply(From, ok),
            suspended(Parent, Name, Mod, State);
        resume ->
            gen:reply(From, ok),
            loop(Parent, Name, Mod, State, infinity);
        {terminate, Reason} ->
            terminate(exit, Reason, [], Name, {system, From, Req}, Mod, State);
        {change_code, _Module, OldVsn, Extra} ->
            case catch Mod:code_change(OldVsn, State, Extra) of
                {ok, NState} ->
                    gen:reply(From, ok),
                    loop(Parent, Name, Mod, NState, infinity);
                Else ->
                    gen:reply(From, Else),
                    loop(Parent, Name, Mod, State, infinity)
            end;
        _ ->
            gen:reply(From, {error, {unknown_system_msg, Req}}),
            loop(Parent, Name, Mod, State, infinity)
    end.

%% While suspended only system messages (and the parent's exit) are handled.
suspended(Parent, Name, Mod, State) ->
    receive
        {system, From, resume} ->
            gen:reply(From, ok),
            loop(Parent, Name, Mod, State, infinity);
        {system, From, Req} when Req =/= suspend ->
            handle_system_suspended(Req, From, Parent, Name, Mod, State);
        {system, From, suspend} ->
            gen:reply(From, ok),
            suspended(Parent, Name, Mod, State);
        {'EXIT', Parent, Reason} = Msg ->
            terminate(exit, Reason, [], Name, Msg, Mod, State)
    end.

handle_system_suspended(get_state, From, Parent, Name, Mod, State) ->
    gen:reply(From, State),
    suspended(Parent, Name, Mod, State);
handle_system_suspended({replace_state, Fun}, From, Parent, Name, Mod, State) ->
    NState = try Fun(State) catch _:_ -> State end,
    gen:reply(From, NState),
    suspended(Parent, Name, Mod, NState);
handle_system_suspended({terminate, Reason} = Req, From, _Parent, Name, Mod, State) ->
    terminate(exit, Reason, [], Name, {system, From, Req}, Mod, State);
handle_system_suspended(Req, From, Parent, Name, Mod, State) ->
    gen:reply(From, {error, {unknown_system_msg, Req}}),
    suspended(Parent, Name, Mod, State).

system_continue(Parent, _Debug, [Name, State, Mod, Timeout]) ->
    loop(Parent, Name, Mod, State, Timeout).
system_terminate(Reason, _Parent, _Debug, [Name, State, Mod, _Time]) ->
    terminate(exit, Reason, [], Name, [], Mod, State).
system_get_state([_Name, State, _Mod, _Time]) -> {ok, State}.
system_replace_state(Fun, [Name, State, Mod, Time]) ->
    NState = Fun(State),
    {ok, NState, [Name, NState, Mod, Time]}.

%%% ---------------------------------------------------------------- terminate

terminate(Class, Reason, St, Name, Msg, Mod, State) ->
    TermReason = case Class of
                     error -> {Reason, St};
                     throw -> {{nocatch, Reason}, St};
                     exit -> Reason
                 end,
    Res = try {ok, Mod:terminate(TermReason, State)}
          catch error:undef:USt ->
                  case USt of
                      [{Mod, terminate, _, _} | _] -> {ok, ok};
                      _ -> {'EXIT', error, undef, USt}
                  end;
                throw:_ -> {ok, ok};
                C:R:S -> {'EXIT', C, R, S}
          end,
    case Res of
        {ok, _} ->
            report(Class, Reason, St, Name, Msg, State),
            erlang:raise(Class, Reason, St);
        {'EXIT', C2, R2, S2} ->
            report(C2, R2, S2, Name, Msg, State),
            erlang:raise(C2, R2, S2)
    end.

report(exit, normal, _, _, _, _) -> ok;
report(exit, shutdown, _, _, _, _) -> ok;
report(exit, {shutdown, _}, _, _, _, _) -> ok;
report(Class, Reason, St, Name, Msg, State) ->
    Why = case Class of
              error -> {Reason, St};
              throw -> {{nocatch, Reason}, St};
              exit -> Reason
          end,
    logger:ferl_report(error, "ERROR REPORT",
                       fun() -> report_text(Why, Name, Msg, State) end).

report_text(Why, Name, Msg, State) ->
    LastMsg = case Msg of
                  {'$gen_call', _, Req} -> Req;
                  {'$gen_cast', Req} -> {'$gen_cast', Req};
                  _ -> Msg
              end,
    Client = case Msg of
                 {'$gen_call', {Pid, _}, _} when is_pid(Pid) ->
                     case is_process_alive(Pid) of
                         true -> io_lib:format("** Client ~p stacktrace~n** ~tp~n", [Pid, []]);
                         false -> io_lib:format("** Client ~p is dead~n", [Pid])
                     end;
                 _ -> []
             end,
    Text = [io_lib:format("** Generic server ~ts terminating \n"
                          "** Last message in was ~tp~n"
                          "** When Server state == ~tp~n"
                          "** Reason for termination ==~n"
                          "** ~tp~n",
                          [name_text(Name), LastMsg, State, Why]),
            Client],
    Text.

name_text(Name) when is_pid(Name) -> pid_to_list(Name);
name_text(Name) -> io_lib:format("~tp", [Name]).
