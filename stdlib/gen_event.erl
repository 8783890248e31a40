%% gen_event: event managers with installed handlers, written from scratch for ferl
%% after OTP 25's documentation (add/delete/swap handlers, notify, sync_notify, call,
%% which_handlers, handler crashes remove the handler).
-module(gen_event).
-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         start_monitor/0, start_monitor/1, stop/1, stop/3,
         add_handler/3, add_sup_handler/3, delete_handler/3, swap_handler/3,
         swap_sup_handler/3, notify/2, sync_notify/2, call/3, call/4,
         which_handlers/1]).
-export([init_it/6]).

-callback init(Args :: term()) -> term().
-callback handle_event(Event :: term(), State :: term()) -> term().
-callback handle_call(Request :: term(), State :: term()) -> term().
-optional_callbacks([handle_info/2, terminate/2, code_change/3, format_status/1,
                     format_status/2]).
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback terminate(Arg :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-callback format_status(Status :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: term()) -> term().

-define(CALL, '$gen_event_call').

%% handlers: list of {Id, Module, State, SupPid | false}, newest first.

start() -> gen:start(?MODULE, nolink, ?MODULE, [], []).
start(Name) when is_tuple(Name) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], []);
start(Opts) when is_list(Opts) -> gen:start(?MODULE, nolink, ?MODULE, [], Opts).
start(Name, Opts) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], Opts).
start_link() -> gen:start(?MODULE, link, ?MODULE, [], []).
start_link(Name) when is_tuple(Name) -> gen:start(?MODULE, link, Name, ?MODULE, [], []);
start_link(Opts) when is_list(Opts) -> gen:start(?MODULE, link, ?MODULE, [], Opts).
start_link(Name, Opts) -> gen:start(?MODULE, link, Name, ?MODULE, [], Opts).
start_monitor() -> mon(start()).
start_monitor(X) -> mon(start(X)).
mon({ok, Pid}) -> {ok, {Pid, erlang:monitor(process, Pid)}};
mon(Other) -> Other.

stop(M) -> gen_server:stop(M).
stop(M, Reason, Timeout) -> gen_server:stop(M, Reason, Timeout).

add_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args, false}).
add_sup_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args, self()}).
delete_handler(M, Handler, Args) -> rpc(M, {delete_handler, Handler, Args}).
swap_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_handler, H1, A1, H2, A2, false}).
swap_sup_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_handler, H1, A1, H2, A2, self()}).
which_handlers(M) -> rpc(M, which_handlers).
sync_notify(M, Event) -> rpc(M, {sync_notify, Event}).
notify(M, Event) -> gen_server:cast(M, {notify, Event}), ok.
call(M, Handler, Query) -> call(M, Handler, Query, 5000).
call(M, Handler, Query, Timeout) ->
    try gen:call(M, ?CALL, {call, Handler, Query}, Timeout) of
        {ok, Reply} -> Reply
    catch exit:Reason ->
            exit({Reason, {?MODULE, call, [M, Handler, Query, Timeout]}})
    end.

rpc(M, Req) ->
    try gen:call(M, ?CALL, Req, infinity) of
        {ok, Reply} -> Reply
    catch exit:Reason ->
            exit({Reason, {?MODULE, rpc, [M, Req]}})
    end.

%%% ---------------------------------------------------------------- server

init_it(Starter, Parent, Name0, _Mod, _Args, _Opts) ->
    process_flag(trap_exit, true),
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, gen:name(Name0), []).

loop(Parent, Name, Hs) ->
    receive
        {?CALL, From, Req} ->
            {Reply, Hs1} = handle_req(Req, Name, Hs),
            gen:reply(From, Reply),
            loop(Parent, Name, Hs1);
        {'$gen_cast', {notify, Event}} ->
            loop(Parent, Name, dispatch(handle_event, Event, Name, Hs));
        {'EXIT', Parent, Reason} ->
            stop_all(Reason, Name, Hs),
            exit(Reason);
        {system, From, {terminate, Reason}} ->
            _ = From,
            stop_all(Reason, Name, Hs),
            exit(Reason);
        {system, From, get_state} ->
            gen:reply(From, [{M, Id, S} || {Id, M, S, _} <- Hs]),
            loop(Parent, Name, Hs);
        {system, From, _} ->
            gen:reply(From, ok),
            loop(Parent, Name, Hs);
        {'EXIT', Pid, Reason} = Info ->
            case [H || {_, _, _, P} = H <- Hs, P =:= Pid] of
                [] -> loop(Parent, Name, dispatch(handle_info, Info, Name, Hs));
                Sup ->
                    Hs1 = lists:foldl(fun({Id, M, S, _}, Acc) ->
                                              _ = call_terminate(M, {stop, Reason}, S),
                                              lists:keydelete(Id, 1, Acc)
                                      end, Hs, Sup),
                    loop(Parent, Name, Hs1)
            end;
        Info ->
            loop(Parent, Name, dispatch(handle_info, Info, Name, Hs))
    end.

handler_id({M, _} = Id) when is_atom(M) -> {Id, M};
handler_id(M) when is_atom(M) -> {M, M}.

handle_req({add_handler, Handler, Args, Sup}, _Name, Hs) ->
    {Id, M} = handler_id(Handler),
    case lists:keymember(Id, 1, Hs) of
        true -> {{error, already_present}, Hs};
        false ->
            case catch M:init(Args) of
                {ok, S} -> link_sup(Sup), {ok, [{Id, M, S, Sup} | Hs]};
                {ok, S, hibernate} -> link_sup(Sup), {ok, [{Id, M, S, Sup} | Hs]};
                Other -> {Other, Hs}
            end
    end;
handle_req({delete_handler, Handler, Args}, _Name, Hs) ->
    {Id, _} = handler_id(Handler),
    case lists:keyfind(Id, 1, Hs) of
        false -> {{error, module_not_found}, Hs};
        {Id, M, S, _} -> {call_terminate(M, Args, S), lists:keydelete(Id, 1, Hs)}
    end;
handle_req({swap_handler, H1, A1, H2, A2, Sup}, _Name, Hs) ->
    {Id1, _} = handler_id(H1),
    {Res, Hs1} = case lists:keyfind(Id1, 1, Hs) of
                     false -> {error, Hs};
                     {Id1, M1, S1, _} -> {call_terminate(M1, A1, S1), lists:keydelete(Id1, 1, Hs)}
                 end,
    {Id2, M2} = handler_id(H2),
    case catch M2:init({A2, Res}) of
        {ok, S2} -> link_sup(Sup), {ok, [{Id2, M2, S2, Sup} | Hs1]};
        {ok, S2, hibernate} -> link_sup(Sup), {ok, [{Id2, M2, S2, Sup} | Hs1]};
        Other -> {Other, Hs1}
    end;
handle_req(which_handlers, _Name, Hs) ->
    {[Id || {Id, _, _, _} <- Hs], Hs};
handle_req({sync_notify, Event}, Name, Hs) ->
    {ok, dispatch(handle_event, Event, Name, Hs)};
handle_req({call, Handler, Query}, Name, Hs) ->
    {Id, _} = handler_id(Handler),
    case lists:keyfind(Id, 1, Hs) of
        false -> {{error, bad_module}, Hs};
        {Id, M, S, Sup} ->
            case catch_cb(M, handle_call, Query, S) of
                {ok, {ok, Reply, S1}} -> {Reply, lists:keyreplace(Id, 1, Hs, {Id, M, S1, Sup})};
                {ok, {ok, Reply, S1, hibernate}} ->
                    {Reply, lists:keyreplace(Id, 1, Hs, {Id, M, S1, Sup})};
                {ok, {remove_handler, Reply}} ->
                    _ = call_terminate(M, remove_handler, S),
                    {Reply, lists:keydelete(Id, 1, Hs)};
                {ok, Other} ->
                    remove_crashed(Id, M, S, {bad_return_value, Other}, Name, Query),
                    {{error, {bad_return_value, Other}}, lists:keydelete(Id, 1, Hs)};
                {'EXIT', Why} ->
                    remove_crashed(Id, M, S, Why, Name, Query),
                    {{error, {'EXIT', Why}}, lists:keydelete(Id, 1, Hs)}
            end
    end.

link_sup(false) -> ok;
link_sup(Pid) -> link(Pid).

%% Run every handler (newest first, as OTP) on Event.
dispatch(Fun, Event, Name, Hs) ->
    lists:reverse(dispatch1(Fun, Event, Name, Hs)).

dispatch1(Fun, Event, Name, Hs) ->
    lists:foldl(fun({Id, M, S, Sup}, Acc) ->
                        case catch_cb(M, Fun, Event, S) of
                            {ok, {ok, S1}} -> [{Id, M, S1, Sup} | Acc];
                            {ok, {ok, S1, hibernate}} -> [{Id, M, S1, Sup} | Acc];
                            {ok, remove_handler} ->
                                _ = call_terminate(M, remove_handler, S),
                                Acc;
                            {ok, {swap_handler, A1, S1, H2, A2}} ->
                                Res = call_terminate(M, A1, S1),
                                {Id2, M2} = handler_id(H2),
                                case catch M2:init({A2, Res}) of
                                    {ok, S2} -> [{Id2, M2, S2, Sup} | Acc];
                                    _ -> Acc
                                end;
                            {undef_info, _} -> [{Id, M, S, Sup} | Acc];
                            {ok, Other} ->
                                remove_crashed(Id, M, S, {bad_return_value, Other}, Name, Event),
                                Acc;
                            {'EXIT', Why} ->
                                remove_crashed(Id, M, S, Why, Name, Event),
                                Acc
                        end
                end, [], Hs).

catch_cb(M, Fun, Arg, S) ->
    try {ok, M:Fun(Arg, S)}
    catch throw:R -> {ok, R};
          error:R:St ->
            case {R, St, Fun} of
                {undef, [{M, handle_info, _, _} | _], handle_info} -> {undef_info, S};
                _ -> {'EXIT', {R, St}}
            end;
          exit:R -> {'EXIT', R}
    end.

call_terminate(M, Args, S) ->
    try M:terminate(Args, S)
    catch throw:R -> R;
          error:R:St ->
            case {R, St} of
                {undef, [{M, terminate, _, _} | _]} -> ok;
                _ -> {'EXIT', {R, St}}
            end;
          exit:R -> {'EXIT', R}
    end.

remove_crashed(Id, M, S, Why, Name, Event) ->
    _ = call_terminate(M, {error, {'EXIT', Why}}, S),
    logger:ferl_report(error, "ERROR REPORT",
                       fun() -> io_lib:format("** gen_event handler ~tp crashed.~n"
                                     "** Was installed in ~tp~n"
                                     "** Last event was: ~tp~n"
                                     "** When handler state == ~tp~n"
                                     "** Reason == ~tp~n",
                                     [Id, Name, Event, S, Why]) end).

stop_all(_Reason, _Name, Hs) ->
    lists:foreach(fun({_, M, S, _}) -> _ = call_terminate(M, stop, S) end, Hs).
