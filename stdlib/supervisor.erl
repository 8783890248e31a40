%% supervisor: the supervisor behaviour, written from scratch for ferl after OTP 25's
%% documentation and observed behaviour. A supervisor is a gen_server (callback module
%% `supervisor`) that traps exits, starts its children in order and restarts them by
%% its strategy within the restart intensity; past it, it shuts down with `shutdown`.
-module(supervisor).
-behaviour(gen_server).
-export([start_link/2, start_link/3, start_child/2, restart_child/2, delete_child/2,
         terminate_child/2, which_children/1, count_children/1, check_childspecs/1,
         check_childspecs/2, get_childspec/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

-callback init(Args :: term()) -> term().

-record(child, {pid = undefined, id, mfa, restart = permanent, shutdown = 5000,
                type = worker, modules = []}).
%% children: static children, most recently started first (as which_children shows them).
%% dynamic: for simple_one_for_one, #{Pid => Args}, and dyn_order (newest first).
-record(state, {name, strategy, children = [], intensity = 1, period = 5,
                restarts = [], module, args, dynamic = #{}, dyn_order = []}).

%%% ---------------------------------------------------------------- API

start_link(Mod, Args) ->
    gen_server:start_link(supervisor, {self, Mod, Args}, []).
start_link(SupName, Mod, Args) ->
    gen_server:start_link(SupName, supervisor, {SupName, Mod, Args}, []).

start_child(Sup, Spec) -> call(Sup, {start_child, Spec}).
restart_child(Sup, Id) -> call(Sup, {restart_child, Id}).
delete_child(Sup, Id) -> call(Sup, {delete_child, Id}).
terminate_child(Sup, Id) -> call(Sup, {terminate_child, Id}).
which_children(Sup) -> call(Sup, which_children).
count_children(Sup) -> call(Sup, count_children).
get_childspec(Sup, Id) -> call(Sup, {get_childspec, Id}).

call(Sup, Req) -> gen_server:call(Sup, Req, infinity).

check_childspecs(Specs) -> check_childspecs(Specs, undefined).
check_childspecs(Specs, _AutoShutdown) when is_list(Specs) ->
    case check_specs(Specs, []) of
        {ok, _} -> ok;
        Error -> Error
    end;
check_childspecs(X, _) -> {error, {badarg, X}}.

%%% ---------------------------------------------------------------- init

init({SupName, Mod, Args}) ->
    process_flag(trap_exit, true),
    Name = case SupName of
               self -> {self(), Mod};
               _ -> SupName
           end,
    case Mod:init(Args) of
        {ok, {Flags, Specs}} ->
            case check_flags(Flags) of
                {ok, Strategy, Intensity, Period} ->
                    State = #state{name = Name, strategy = Strategy, intensity = Intensity,
                                   period = Period, module = Mod, args = Args},
                    case check_specs(Specs, []) of
                        {ok, Children} when Strategy =:= simple_one_for_one ->
                            case Children of
                                [_] -> {ok, State#state{children = Children}};
                                _ -> {stop, {bad_start_spec, Specs}}
                            end;
                        {ok, Children} ->
                            case start_children(Children, [], Name) of
                                {ok, Started} ->
                                    {ok, State#state{children = Started}};
                                {error, Started, Id, Reason} ->
                                    terminate_children(Started, Name),
                                    {stop, {shutdown, {failed_to_start_child, Id, Reason}}}
                            end;
                        {error, Why} ->
                            {stop, {start_spec, Why}}
                    end;
                {error, Why} ->
                    {stop, {supervisor_data, Why}}
            end;
        ignore -> ignore;
        Other -> {stop, {bad_return, {Mod, init, Other}}}
    end.

check_flags(#{} = F) ->
    Strategy = maps:get(strategy, F, one_for_one),
    Intensity = maps:get(intensity, F, 1),
    Period = maps:get(period, F, 5),
    check_flags({Strategy, Intensity, Period});
check_flags({Strategy, Intensity, Period}) ->
    case lists:member(Strategy, [one_for_one, one_for_all, rest_for_one,
                                 simple_one_for_one]) of
        false -> {error, {invalid_strategy, Strategy}};
        true when not (is_integer(Intensity) andalso Intensity >= 0) ->
            {error, {invalid_intensity, Intensity}};
        true when not (is_integer(Period) andalso Period > 0) ->
            {error, {invalid_period, Period}};
        true -> {ok, Strategy, Intensity, Period}
    end;
check_flags(What) -> {error, {bad_flags, What}}.

check_specs([], Acc) -> {ok, Acc};
check_specs([Spec | Rest], Acc) ->
    case check_spec(Spec) of
        {ok, Child} ->
            case lists:keymember(Child#child.id, #child.id, Acc) of
                true -> {error, {duplicate_child_name, Child#child.id}};
                false -> check_specs(Rest, [Child | Acc])
            end;
        Error -> Error
    end;
check_specs(Bad, _) -> {error, {bad_child_specs, Bad}}.

%% Children are kept newest first; check_specs returns them in reverse spec order,
%% i.e. as if they had been started in order.
check_spec(#{} = S) ->
    case {maps:find(id, S), maps:find(start, S)} of
        {{ok, Id}, {ok, Start}} ->
            Type = maps:get(type, S, worker),
            Default = case Type of
                          supervisor -> infinity;
                          _ -> 5000
                      end,
            {M, _, _} = Start1 = normalize_start(Start),
            check_child(Id, Start1, maps:get(restart, S, permanent),
                        maps:get(shutdown, S, Default), Type, maps:get(modules, S, [M]));
        {error, _} -> {error, {missing_id, S}};
        _ -> {error, {missing_start, S}}
    end;
check_spec({Id, Start, Restart, Shutdown, Type, Modules}) ->
    check_child(Id, Start, Restart, Shutdown, Type, Modules);
check_spec(Other) -> {error, {invalid_child_spec, Other}}.

normalize_start({M, F, A}) -> {M, F, A};
normalize_start(Other) -> {Other, undefined, undefined}.

check_child(Id, {M, F, A} = MFA, Restart, Shutdown, Type, Modules) ->
    if
        not (is_atom(M) andalso is_atom(F) andalso is_list(A)) ->
            {error, {invalid_mfa, MFA}};
        not (Restart =:= permanent orelse Restart =:= transient orelse
             Restart =:= temporary) ->
            {error, {invalid_restart_type, Restart}};
        not (Shutdown =:= brutal_kill orelse Shutdown =:= infinity orelse
             (is_integer(Shutdown) andalso Shutdown >= 0)) ->
            {error, {invalid_shutdown, Shutdown}};
        not (Type =:= worker orelse Type =:= supervisor) ->
            {error, {invalid_child_type, Type}};
        not (Modules =:= dynamic orelse is_list(Modules)) ->
            {error, {invalid_modules, Modules}};
        true ->
            {ok, #child{id = Id, mfa = MFA, restart = Restart, shutdown = Shutdown,
                        type = Type, modules = Modules}}
    end;
check_child(_, MFA, _, _, _, _) -> {error, {invalid_mfa, MFA}}.

%% Start children (given newest-first, so start from the end); returns them newest first.
start_children(Children, _Acc, Name) ->
    start_in_order(lists:reverse(Children), [], Name).

start_in_order([], Started, _Name) -> {ok, Started};
start_in_order([C | Rest], Started, Name) ->
    case do_start_child(C#child.mfa) of
        {ok, undefined} when C#child.restart =:= temporary ->
            start_in_order(Rest, Started, Name);
        {ok, Pid} ->
            start_in_order(Rest, [C#child{pid = Pid} | Started], Name);
        {ok, Pid, _Extra} ->
            start_in_order(Rest, [C#child{pid = Pid} | Started], Name);
        {error, Reason} ->
            report(start_error, Reason, C, Name),
            {error, Started, C#child.id, Reason}
    end.

do_start_child({M, F, A}) ->
    case catch apply_mfa(M, F, A) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) -> {ok, Pid, Extra};
        ignore -> {ok, undefined};
        {error, Reason} -> {error, Reason};
        What -> {error, What}
    end.

%%% ---------------------------------------------------------------- calls

handle_call({start_child, Args}, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{mfa = {M, F, A}} = C] = S#state.children,
    Full = A ++ Args,
    case do_start_child({M, F, Full}) of
        {ok, undefined} -> {reply, {ok, undefined}, S};
        {ok, Pid} -> {reply, {ok, Pid}, add_dynamic(Pid, Full, C, S)};
        {ok, Pid, Extra} -> {reply, {ok, Pid, Extra}, add_dynamic(Pid, Full, C, S)};
        {error, _} = E -> {reply, E, S}
    end;
handle_call({start_child, Spec}, _From, S) ->
    case check_spec(Spec) of
        {ok, C} ->
            case find(C#child.id, S) of
                #child{pid = undefined} -> {reply, {error, already_present}, S};
                #child{pid = Pid} -> {reply, {error, {already_started, Pid}}, S};
                false ->
                    case do_start_child(C#child.mfa) of
                        {ok, undefined} when C#child.restart =:= temporary ->
                            {reply, {ok, undefined}, S};
                        {ok, Pid} ->
                            {reply, {ok, Pid}, add_child(C#child{pid = Pid}, S)};
                        {ok, Pid, Extra} ->
                            {reply, {ok, Pid, Extra}, add_child(C#child{pid = Pid}, S)};
                        {error, _} = E -> {reply, E, S}
                    end
            end;
        Error -> {reply, Error, S}
    end;

handle_call({terminate_child, Pid}, _From, #state{strategy = simple_one_for_one} = S) ->
    case is_pid(Pid) andalso maps:is_key(Pid, S#state.dynamic) of
        true ->
            [C] = S#state.children,
            shutdown(C#child{pid = Pid}, S#state.name),
            {reply, ok, del_dynamic(Pid, S)};
        false when is_pid(Pid) ->
            case is_process_alive(Pid) of
                true -> {reply, {error, not_found}, S};
                false -> {reply, ok, S}
            end;
        false -> {reply, {error, simple_one_for_one}, S}
    end;
handle_call({terminate_child, Id}, _From, S) ->
    case find_by_id_or_pid(Id, S) of
        false -> {reply, {error, not_found}, S};
        #child{pid = Pid} = C ->
            case Pid of
                undefined -> ok;
                _ -> shutdown(C, S#state.name)
            end,
            case C#child.restart of
                temporary -> {reply, ok, remove_child(C#child.id, S)};
                _ -> {reply, ok, replace_child(C#child{pid = undefined}, S)}
            end
    end;

handle_call({restart_child, _}, _From, #state{strategy = simple_one_for_one} = S) ->
    {reply, {error, simple_one_for_one}, S};
handle_call({restart_child, Id}, _From, S) ->
    case find(Id, S) of
        #child{pid = undefined} = C ->
            case do_start_child(C#child.mfa) of
                {ok, Pid} -> {reply, {ok, Pid}, replace_child(C#child{pid = Pid}, S)};
                {ok, Pid, Extra} ->
                    {reply, {ok, Pid, Extra}, replace_child(C#child{pid = Pid}, S)};
                {error, _} = E -> {reply, E, S}
            end;
        #child{pid = restarting} -> {reply, {error, restarting}, S};
        #child{} -> {reply, {error, running}, S};
        false -> {reply, {error, not_found}, S}
    end;

handle_call({delete_child, _}, _From, #state{strategy = simple_one_for_one} = S) ->
    {reply, {error, simple_one_for_one}, S};
handle_call({delete_child, Id}, _From, S) ->
    case find(Id, S) of
        #child{pid = undefined} -> {reply, ok, remove_child(Id, S)};
        #child{pid = restarting} -> {reply, {error, restarting}, S};
        #child{} -> {reply, {error, running}, S};
        false -> {reply, {error, not_found}, S}
    end;

handle_call({get_childspec, Id}, _From, S) ->
    C = case S#state.strategy of
            simple_one_for_one ->
                [C0] = S#state.children,
                case is_pid(Id) andalso maps:is_key(Id, S#state.dynamic) of
                    true -> C0;
                    false -> false
                end;
            _ -> find_by_id_or_pid(Id, S)
        end,
    case C of
        false -> {reply, {error, not_found}, S};
        _ -> {reply, {ok, spec_map(C)}, S}
    end;

handle_call(which_children, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{type = T, modules = Mods}] = S#state.children,
    {reply, [{undefined, P, T, Mods} || P <- S#state.dyn_order], S};
handle_call(which_children, _From, S) ->
    {reply, [{C#child.id, C#child.pid, C#child.type, C#child.modules}
             || C <- S#state.children], S};

handle_call(count_children, _From, #state{strategy = simple_one_for_one} = S) ->
    [#child{type = T}] = S#state.children,
    N = maps:size(S#state.dynamic),
    {Sups, Workers} = case T of
                          supervisor -> {N, 0};
                          worker -> {0, N}
                      end,
    {reply, [{specs, 1}, {active, N}, {supervisors, Sups}, {workers, Workers}], S};
handle_call(count_children, _From, S) ->
    Cs = S#state.children,
    Active = length([C || C <- Cs, is_pid(C#child.pid)]),
    Sups = length([C || C <- Cs, C#child.type =:= supervisor]),
    Workers = length([C || C <- Cs, C#child.type =:= worker]),
    {reply, [{specs, length(Cs)}, {active, Active}, {supervisors, Sups},
             {workers, Workers}], S};

handle_call(Req, _From, S) ->
    logger:ferl_report(error, "ERROR REPORT",
                       fun() -> io_lib:format("Supervisor received unexpected message: ~tp~n", [Req]) end),
    {reply, ok, S}.

handle_cast({try_again_restart, Key}, S) ->
    case find_restarting(Key, S) of
        false -> {noreply, S};
        C -> restart(C, S)
    end;
handle_cast(_, S) -> {noreply, S}.

handle_info({'EXIT', Pid, Reason}, S) ->
    case child_of(Pid, S) of
        false -> {noreply, S};
        C -> child_exited(C, Reason, S)
    end;
handle_info(Msg, S) ->
    logger:ferl_report(error, "ERROR REPORT",
                       fun() -> io_lib:format("Supervisor received unexpected message: ~tp~n", [Msg]) end),
    {noreply, S}.

terminate(_Reason, #state{strategy = simple_one_for_one} = S) ->
    [C] = S#state.children,
    terminate_dynamic(C, maps:keys(S#state.dynamic), S#state.name);
terminate(_Reason, S) ->
    terminate_children(S#state.children, S#state.name).

code_change(_, S, _) -> {ok, S}.

%%% ---------------------------------------------------------------- children

find(Id, S) -> lists:keyfind(Id, #child.id, S#state.children).

find_by_id_or_pid(Pid, S) when is_pid(Pid) ->
    lists:keyfind(Pid, #child.pid, S#state.children);
find_by_id_or_pid(Id, S) -> find(Id, S).

add_child(C, S) -> S#state{children = [C | S#state.children]}.

replace_child(C, S) ->
    S#state{children = lists:keyreplace(C#child.id, #child.id, S#state.children, C)}.

remove_child(Id, S) ->
    S#state{children = lists:keydelete(Id, #child.id, S#state.children)}.

add_dynamic(Pid, Args, _C, S) ->
    S#state{dynamic = maps:put(Pid, Args, S#state.dynamic),
            dyn_order = [Pid | S#state.dyn_order]}.

del_dynamic(Pid, S) ->
    S#state{dynamic = maps:remove(Pid, S#state.dynamic),
            dyn_order = lists:delete(Pid, S#state.dyn_order)}.

%% The child record (with its actual arguments for a dynamic child) of an exited pid.
child_of(Pid, #state{strategy = simple_one_for_one} = S) ->
    case maps:find(Pid, S#state.dynamic) of
        {ok, Args} ->
            [#child{mfa = {M, F, _}} = C] = S#state.children,
            case C#child.restart of
                %% OTP keeps no arguments for temporary dynamic children
                temporary -> C#child{pid = Pid, mfa = {M, F, undefined}};
                _ -> C#child{pid = Pid, mfa = {M, F, Args}}
            end;
        error -> false
    end;
child_of(Pid, S) ->
    lists:keyfind(Pid, #child.pid, S#state.children).

find_restarting({dyn, Ref}, S) ->
    case maps:find(Ref, S#state.dynamic) of
        {ok, Args} ->
            [#child{mfa = {M, F, _}} = C] = S#state.children,
            C#child{pid = Ref, mfa = {M, F, Args}};
        error -> false
    end;
find_restarting(Id, S) ->
    case find(Id, S) of
        #child{pid = restarting} = C -> C;
        _ -> false
    end.

child_exited(C, Reason, S) ->
    Name = S#state.name,
    case {C#child.restart, Reason} of
        {permanent, _} ->
            report(child_terminated, Reason, C, Name),
            restart(C, S);
        {_, normal} -> dont_restart(C, S);
        {_, shutdown} -> dont_restart(C, S);
        {_, {shutdown, _}} -> dont_restart(C, S);
        {transient, _} ->
            report(child_terminated, Reason, C, Name),
            restart(C, S);
        {temporary, _} ->
            report(child_terminated, Reason, C, Name),
            dont_restart(C, S)
    end.

dont_restart(C, #state{strategy = simple_one_for_one} = S) ->
    {noreply, del_dynamic(C#child.pid, S)};
dont_restart(#child{restart = temporary} = C, S) ->
    {noreply, remove_child(C#child.id, S)};
dont_restart(C, S) ->
    {noreply, replace_child(C#child{pid = undefined}, S)}.

%% Count the restart; past the intensity the supervisor shuts down.
restart(C, S) ->
    Now = erlang:monotonic_time(second),
    Recent = [T || T <- S#state.restarts, T >= Now - S#state.period],
    Restarts = [Now | Recent],
    S1 = S#state{restarts = Restarts},
    case length(Restarts) > S#state.intensity of
        true ->
            report(shutdown, reached_max_restart_intensity, C, S#state.name),
            S2 = case S#state.strategy of
                     simple_one_for_one -> del_dynamic(C#child.pid, S1);
                     _ -> replace_child(C#child{pid = undefined}, S1)
                 end,
            {stop, shutdown, S2};
        false ->
            do_restart(S#state.strategy, C, S1)
    end.

do_restart(simple_one_for_one, C, S) ->
    Old = C#child.pid,
    {M, F, Args} = C#child.mfa,
    S1 = del_dynamic(Old, S),
    case do_start_child({M, F, Args}) of
        {ok, undefined} -> {noreply, S1};
        {ok, Pid} -> {noreply, add_dynamic(Pid, Args, C, S1)};
        {ok, Pid, _} -> {noreply, add_dynamic(Pid, Args, C, S1)};
        {error, Reason} ->
            report(start_error, Reason, C, S#state.name),
            Ref = make_ref(),
            S2 = S1#state{dynamic = maps:put(Ref, Args, S1#state.dynamic)},
            try_again({dyn, Ref}),
            {noreply, S2}
    end;
do_restart(one_for_one, C, S) ->
    case do_start_child(C#child.mfa) of
        {ok, Pid} -> {noreply, replace_child(C#child{pid = Pid}, S)};
        {ok, Pid, _} -> {noreply, replace_child(C#child{pid = Pid}, S)};
        {error, Reason} ->
            report(start_error, Reason, C, S#state.name),
            try_again(C#child.id),
            {noreply, replace_child(C#child{pid = restarting}, S)}
    end;
do_restart(Strategy, C, S) ->
    %% children are newest first: the ones started after C come before it
    {After, [_ | Before]} = lists:splitwith(fun(X) -> X#child.id =/= C#child.id end,
                                            S#state.children),
    ToStop = case Strategy of
                 one_for_all -> After ++ Before;
                 rest_for_one -> After
             end,
    terminate_children(ToStop, S#state.name),
    Group = case Strategy of
                one_for_all -> After ++ [C#child{pid = undefined} | Before];
                rest_for_one -> After ++ [C#child{pid = undefined}]
            end,
    Kept = case Strategy of
               one_for_all -> [];
               rest_for_one -> Before
           end,
    %% temporary children that were stopped are not restarted
    Group1 = [X || X <- Group, X#child.restart =/= temporary orelse X#child.id =:= C#child.id],
    restart_group(lists:reverse(Group1), Kept, C, S).

%% Start the group (oldest first) on top of Kept.
restart_group([], Kept, _C, S) ->
    {noreply, S#state{children = Kept}};
restart_group([X | Rest], Kept, C, S) ->
    case do_start_child(X#child.mfa) of
        {ok, Pid} -> restart_group(Rest, [X#child{pid = Pid} | Kept], C, S);
        {ok, Pid, _} -> restart_group(Rest, [X#child{pid = Pid} | Kept], C, S);
        {error, Reason} ->
            report(start_error, Reason, X, S#state.name),
            %% the rest stay stopped and are started again with X
            Pending = lists:reverse([X#child{pid = restarting} | Rest]),
            try_again(X#child.id),
            {noreply, S#state{children = Pending ++ Kept}}
    end.

try_again(Key) ->
    gen_server:cast(self(), {try_again_restart, Key}).

%%% ---------------------------------------------------------------- shutdown

terminate_children(Children, Name) ->
    lists:foreach(fun(#child{pid = Pid} = C) when is_pid(Pid) -> shutdown(C, Name);
                     (_) -> ok
                  end, Children).

shutdown(#child{pid = Pid, shutdown = How} = C, Name) ->
    Mref = erlang:monitor(process, Pid),
    unlink(Pid),
    %% an exit that is already here means the child died before we asked
    Early = receive {'EXIT', Pid, R0} -> {died, R0} after 0 -> none end,
    case How of
        brutal_kill -> exit(Pid, kill);
        _ -> exit(Pid, shutdown)
    end,
    Got = case How of
              brutal_kill -> wait_down(Mref, infinity);
              infinity -> wait_down(Mref, infinity);
              T ->
                  case wait_down(Mref, T) of
                      timeout ->
                          exit(Pid, kill),
                          wait_down(Mref, infinity);
                      R -> R
                  end
          end,
    Expected = case How of
                   brutal_kill -> killed;
                   _ -> shutdown
               end,
    Reason = case Early of
                 {died, R1} -> R1;
                 none -> Got
             end,
    case Reason of
        Expected -> ok;
        normal when Early =/= none -> ok;
        shutdown -> ok;
        {shutdown, _} -> ok;
        _ -> report(shutdown_error, Reason, C, Name)
    end,
    ok.

wait_down(Mref, T) ->
    receive {'DOWN', Mref, process, _, R} -> R
    after T -> timeout
    end.

terminate_dynamic(C, Pids, Name) ->
    How = C#child.shutdown,
    Mrefs = [begin
                 M = erlang:monitor(process, P),
                 unlink(P),
                 case How of
                     brutal_kill -> exit(P, kill);
                     _ -> exit(P, shutdown)
                 end,
                 {P, M}
             end || P <- Pids],
    lists:foreach(
      fun({P, M}) ->
              R = case How of
                      T when is_integer(T) ->
                          case wait_down(M, T) of
                              timeout -> exit(P, kill), wait_down(M, infinity);
                              R0 -> R0
                          end;
                      _ -> wait_down(M, infinity)
                  end,
              case R of
                  shutdown -> ok;
                  killed when How =:= brutal_kill -> ok;
                  _ -> report(shutdown_error, R, C#child{pid = P}, Name)
              end
      end, Mrefs),
    ok.

%%% ---------------------------------------------------------------- reports

spec_map(C) ->
    #{id => C#child.id, start => C#child.mfa, restart => C#child.restart,
      shutdown => C#child.shutdown, type => C#child.type, modules => C#child.modules,
      significant => false}.

report(Context, Reason, C, Name) ->
    case logger:allow(error) of
        false -> ok;
        true ->
            Offender = [{pid, C#child.pid}, {id, C#child.id}, {mfargs, C#child.mfa},
                        {restart_type, C#child.restart}, {significant, false},
                        {shutdown, C#child.shutdown}, {child_type, C#child.type}],
            Text = io_lib:format("    supervisor: ~tp~n    errorContext: ~tp~n"
                                 "    reason: ~tp~n    offender: ~tp~n",
                                 [Name, Context, Reason, Offender]),
            logger:ferl_report(error, "SUPERVISOR REPORT", Text)
    end.

%% apply(M, F, Args) by the length of Args (ferl: a dynamic apply/3 is not yet in the
%% export table of executables, a remote call with a variable module is)
apply_mfa(M, F, []) -> M:F();
apply_mfa(M, F, [A]) -> M:F(A);
apply_mfa(M, F, [A, B]) -> M:F(A, B);
apply_mfa(M, F, [A, B, C]) -> M:F(A, B, C);
apply_mfa(M, F, [A, B, C, D]) -> M:F(A, B, C, D);
apply_mfa(M, F, [A, B, C, D, E]) -> M:F(A, B, C, D, E);
apply_mfa(M, F, [A, B, C, D, E, G]) -> M:F(A, B, C, D, E, G);
apply_mfa(M, F, [A, B, C, D, E, G, H]) -> M:F(A, B, C, D, E, G, H);
apply_mfa(M, F, [A, B, C, D, E, G, H, I]) -> M:F(A, B, C, D, E, G, H, I);
apply_mfa(M, F, Args) -> apply(M, F, Args).
