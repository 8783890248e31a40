%% application: loading, starting and stopping OTP applications, written from scratch
%% for ferl after OTP 25's documentation. An application is loaded from a resource
%% term ({application, Name, Props}, as in a .app file) given to load/1, or read from
%% Name.app (current directory, then ebin/) when the runtime has a `file` module.
%% kernel and stdlib count as loaded and started. A registered controller process
%% (application_controller) keeps the specs, the environments and the running
%% applications; each running application has a master process linked to its top
%% supervisor (Mod:start/2).
-module(application).
-export([load/1, load/2, unload/1, start/1, start/2, stop/1, ensure_started/1,
         ensure_started/2, ensure_all_started/1, ensure_all_started/2,
         get_env/1, get_env/2, get_env/3, set_env/3, set_env/4, unset_env/2, unset_env/3,
         get_all_env/0, get_all_env/1, get_key/1, get_key/2, get_all_key/0, get_all_key/1,
         which_applications/0, which_applications/1, loaded_applications/0,
         get_application/0, get_application/1]).

-callback start(StartType :: term(), StartArgs :: term()) -> term().
-callback stop(State :: term()) -> term().

-define(CTRL, application_controller).

%%% ---------------------------------------------------------------- API

load(Spec) -> load(Spec, []).
load({application, Name, Props} = Spec, _Distributed) when is_atom(Name), is_list(Props) ->
    case call({load, Name, Props}) of
        {error, {already_loaded, Name}} -> {error, {already_loaded, Spec}};
        R -> R
    end;
load(Name, _Distributed) when is_atom(Name) ->
    case call({is_loaded, Name}) of
        true -> {error, {already_loaded, Name}};
        false ->
            case read_app_file(Name) of
                {ok, {application, Name, Props}} -> call({load, Name, Props});
                {ok, Other} -> {error, {bad_application, Other}};
                {error, _} = E -> E
            end
    end.

unload(Name) -> call({unload, Name}).

start(Name) -> start(Name, temporary).
start(Name, Type) ->
    case ensure_loaded(Name) of
        ok -> call({start, Name, Type});
        E -> E
    end.

ensure_started(Name) -> ensure_started(Name, temporary).
ensure_started(Name, Type) ->
    case start(Name, Type) of
        ok -> ok;
        {error, {already_started, Name}} -> ok;
        E -> E
    end.

ensure_all_started(Name) -> ensure_all_started(Name, temporary).
ensure_all_started(Name, Type) ->
    case all_started(Name, Type, []) of
        {ok, Started} -> {ok, lists:reverse(Started)};
        {error, Reason, Started} ->
            [stop(A) || A <- Started],
            {error, Reason}
    end.

all_started(Name, Type, Started) ->
    case ensure_loaded(Name) of
        ok ->
            {ok, Deps} = get_key(Name, applications),
            case deps_started(Deps, Type, Started) of
                {ok, Started1} ->
                    case start(Name, Type) of
                        ok -> {ok, [Name | Started1]};
                        {error, {already_started, Name}} -> {ok, Started1};
                        {error, R} -> {error, {Name, R}, Started1}
                    end;
                Error -> Error
            end;
        {error, R} -> {error, {Name, R}, Started}
    end.

deps_started([], _Type, Started) -> {ok, Started};
deps_started([D | Ds], Type, Started) ->
    case all_started(D, Type, Started) of
        {ok, S1} -> deps_started(Ds, Type, S1);
        Error -> Error
    end.

stop(Name) -> call({stop, Name}).

get_env(Key) ->
    case get_application() of
        {ok, App} -> get_env(App, Key);
        undefined -> undefined
    end.
get_env(App, Key) -> call({get_env, App, Key}).
get_env(App, Key, Default) ->
    case get_env(App, Key) of
        {ok, V} -> V;
        undefined -> Default
    end.

set_env(App, Key, Val) -> call({set_env, App, Key, Val}).
set_env(App, Key, Val, _Opts) -> set_env(App, Key, Val).
unset_env(App, Key) -> call({unset_env, App, Key}).
unset_env(App, Key, _Opts) -> unset_env(App, Key).

get_all_env() ->
    case get_application() of
        {ok, App} -> get_all_env(App);
        undefined -> []
    end.
get_all_env(App) -> call({get_all_env, App}).

get_key(Key) ->
    case get_application() of
        {ok, App} -> get_key(App, Key);
        undefined -> undefined
    end.
get_key(App, Key) -> call({get_key, App, Key}).

get_all_key() ->
    case get_application() of
        {ok, App} -> get_all_key(App);
        undefined -> []
    end.
get_all_key(App) -> call({get_all_key, App}).

which_applications() -> call(which_applications).
which_applications(_Timeout) -> which_applications().
loaded_applications() -> call(loaded_applications).

%% The application of the calling process: the one whose master is among its ancestors.
get_application() -> get_application(self()).
get_application(Pid) when is_pid(Pid) ->
    %% (ferl has no group leaders yet: a process belongs to an application when its
    %% master is among its ancestors, or, for a plain spawned process, among the
    %% ancestors of a process it is linked to)
    Chain = case ancestors(Pid) of
                [] ->
                    Links = case pinfo(Pid, links) of
                                {links, L} -> [P || P <- L, is_pid(P)];
                                _ -> []
                            end,
                    [Pid | Links] ++ lists:append([ancestors(P) || P <- Links]);
                As -> [Pid | As]
            end,
    call({application_of, Chain});
get_application(Module) when is_atom(Module) ->
    call({application_of_module, Module}).

ancestors(Pid) ->
    case pinfo(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$ancestors', 1, D) of
                {_, As} -> [A || A <- As, is_pid(A)] ++
                               [P || A <- As, is_atom(A), P <- [whereis(A)], is_pid(P)];
                false -> []
            end;
        _ -> []
    end.

ensure_loaded(Name) ->
    case call({is_loaded, Name}) of
        true -> ok;
        false ->
            case load(Name) of
                ok -> ok;
                {error, {already_loaded, _}} -> ok;
                E -> E
            end
    end.

read_app_file(Name) ->
    File = atom_to_list(Name) ++ ".app",
    try_files([File, "ebin/" ++ File], File).

try_files([], File) -> {error, {"no such file or directory", File}};
try_files([F | Fs], File) ->
    case catch file:consult(F) of
        {ok, [Term]} -> {ok, Term};
        _ -> try_files(Fs, File)
    end.

%%% ---------------------------------------------------------------- controller

call(Req) ->
    Pid = controller(),
    Ref = erlang:monitor(process, Pid),
    Pid ! {?CTRL, self(), Ref, Req},
    receive
        {Ref, Reply} -> erlang:demonitor(Ref, [flush]), Reply;
        {'DOWN', Ref, _, _, Reason} -> exit({Reason, {application, Req}})
    end.

controller() ->
    case whereis(?CTRL) of
        undefined ->
            P = spawn(fun() -> ctrl_init() end),
            try register(?CTRL, P) of
                true -> P ! registered, P
            catch error:badarg ->
                    exit(P, kill),
                    controller()
            end;
        P -> P
    end.

%% loaded: #{App => Props}; env: #{App => #{Key => Val}}; running: [{App, Type, Master}]
ctrl_init() ->
    receive registered -> ok end,
    process_flag(trap_exit, true),
    Builtin = #{kernel => [{description, "ERTS  CXC 138 10"}, {vsn, "8.5"}],
                stdlib => [{description, "ERTS  CXC 138 10"}, {vsn, "4.3"}]},
    ctrl_loop(#{loaded => Builtin, env => #{},
                running => [{stdlib, permanent, none}, {kernel, permanent, none}]}).

ctrl_loop(S) ->
    receive
        {?CTRL, From, Ref, Req} ->
            {Reply, S1} = ctrl(Req, S),
            From ! {Ref, Reply},
            ctrl_loop(S1);
        {'EXIT', Master, Reason} ->
            ctrl_loop(master_exit(Master, Reason, S));
        _ -> ctrl_loop(S)
    end.

ctrl({load, Name, Props}, #{loaded := L, env := E} = S) ->
    case maps:is_key(Name, L) of
        true -> {{error, {already_loaded, Name}}, S};
        false ->
            Env = maps:from_list(proplists:get_value(env, Props, [])),
            {ok, S#{loaded := L#{Name => Props}, env := E#{Name => Env}}}
    end;
ctrl({unload, Name}, #{loaded := L, env := E, running := R} = S) ->
    case {maps:is_key(Name, L), lists:keymember(Name, 1, R)} of
        {false, _} -> {{error, {not_loaded, Name}}, S};
        {true, true} -> {{error, {running, Name}}, S};
        {true, false} -> {ok, S#{loaded := maps:remove(Name, L), env := maps:remove(Name, E)}}
    end;
ctrl({is_loaded, Name}, #{loaded := L} = S) -> {maps:is_key(Name, L), S};
ctrl({start, Name, Type}, #{loaded := L, running := R} = S) ->
    case lists:keymember(Name, 1, R) of
        true -> {{error, {already_started, Name}}, S};
        false ->
            Props = maps:get(Name, L),
            Deps = proplists:get_value(applications, Props, []),
            case [D || D <- Deps, not lists:keymember(D, 1, R)] of
                [D | _] -> {{error, {not_started, D}}, S};
                [] ->
                    case start_master(Name, Props) of
                        {ok, Master} -> {ok, S#{running := [{Name, Type, Master} | R]}};
                        {error, Reason} ->
                            {Mod, Args} = proplists:get_value(mod, Props),
                            {{error, {Reason, {Mod, start, [normal, Args]}}}, S}
                    end
            end
    end;
ctrl({stop, Name}, #{running := R} = S) ->
    case lists:keyfind(Name, 1, R) of
        false -> {{error, {not_started, Name}}, S};
        {Name, _, none} -> {ok, S#{running := lists:keydelete(Name, 1, R)}};
        {Name, _, Master} ->
            unlink(Master),
            Ref = erlang:monitor(process, Master),
            Master ! {stop, self()},
            receive {'DOWN', Ref, _, _, _} -> ok end,
            receive {'EXIT', Master, _} -> ok after 0 -> ok end,
            report_exit(Name, stopped, temporary),
            {ok, S#{running := lists:keydelete(Name, 1, R)}}
    end;
ctrl({get_env, App, Key}, #{env := E} = S) ->
    case maps:find(Key, maps:get(App, E, #{})) of
        {ok, V} -> {{ok, V}, S};
        error -> {undefined, S}
    end;
ctrl({set_env, App, Key, Val}, #{env := E} = S) ->
    {ok, S#{env := E#{App => maps:put(Key, Val, maps:get(App, E, #{}))}}};
ctrl({unset_env, App, Key}, #{env := E} = S) ->
    {ok, S#{env := E#{App => maps:remove(Key, maps:get(App, E, #{}))}}};
ctrl({get_all_env, App}, #{env := E} = S) ->
    {lists:sort(maps:to_list(maps:get(App, E, #{}))), S};
ctrl({get_key, App, Key}, #{loaded := L} = S) ->
    case maps:find(App, L) of
        {ok, Props} ->
            case lists:keyfind(Key, 1, all_keys(App, Props)) of
                {Key, V} -> {{ok, V}, S};
                false -> {undefined, S}
            end;
        error -> {undefined, S}
    end;
ctrl({get_all_key, App}, #{loaded := L} = S) ->
    case maps:find(App, L) of
        {ok, Props} -> {{ok, all_keys(App, Props)}, S};
        error -> {undefined, S}
    end;
ctrl(which_applications, #{loaded := L, running := R} = S) ->
    {[{A, proplists:get_value(description, maps:get(A, L), ""),
       proplists:get_value(vsn, maps:get(A, L), "")} || {A, _, _} <- R], S};
ctrl(loaded_applications, #{loaded := L} = S) ->
    {[{A, proplists:get_value(description, P, ""), proplists:get_value(vsn, P, "")}
      || {A, P} <- maps:to_list(L)], S};
ctrl({application_of, Chain}, #{running := R} = S) ->
    case [A || {A, _, M} <- R, is_pid(M), lists:member(M, Chain)] of
        [A | _] -> {{ok, A}, S};
        [] -> {undefined, S}
    end;
ctrl({application_of_module, Mod}, #{loaded := L} = S) ->
    case [A || {A, P} <- maps:to_list(L), lists:member(Mod, proplists:get_value(modules, P, []))] of
        [A | _] -> {{ok, A}, S};
        [] -> {undefined, S}
    end.

all_keys(_App, Props) ->
    Defaults = [{description, ""}, {id, []}, {vsn, ""}, {modules, []}, {maxP, infinity},
                {maxT, infinity}, {registered, []}, {included_applications, []},
                {optional_applications, []}, {applications, []}, {env, []}, {mod, []},
                {start_phases, undefined}],
    [{K, proplists:get_value(K, Props, D)} || {K, D} <- Defaults].

%% The master: runs Mod:start(normal, Args), stays linked to the top supervisor, and on
%% {stop, _} calls prep_stop, shuts the supervisor down and calls Mod:stop(State).
start_master(Name, Props) ->
    case proplists:get_value(mod, Props, []) of
        [] ->
            Ctrl = self(),
            M = spawn_link(fun() -> Ctrl ! {self(), started}, master_idle() end),
            receive {M, started} -> {ok, M} end;
        {Mod, Args} ->
            Ctrl = self(),
            M = spawn_link(fun() -> master_init(Ctrl, Name, Mod, Args) end),
            receive
                {M, {ok, _}} -> {ok, M};
                {M, {error, Reason}} ->
                    receive {'EXIT', M, _} -> ok end,
                    {error, Reason}
            end
    end.

master_idle() ->
    receive {stop, _} -> exit(normal) end.

master_init(Ctrl, _Name, Mod, Args) ->
    process_flag(trap_exit, true),
    put('$ancestors', [Ctrl]),
    case catch Mod:start(normal, Args) of
        {ok, Pid} when is_pid(Pid) ->
            Ctrl ! {self(), {ok, Pid}},
            master_loop(Mod, Pid, []);
        {ok, Pid, State} when is_pid(Pid) ->
            Ctrl ! {self(), {ok, Pid}},
            master_loop(Mod, Pid, State);
        {error, Reason} ->
            Ctrl ! {self(), {error, Reason}},
            exit(normal);
        {'EXIT', Reason} ->
            Ctrl ! {self(), {error, {'EXIT', Reason}}},
            exit(normal);
        Other ->
            Ctrl ! {self(), {error, {bad_return, {{Mod, start, [normal, Args]}, Other}}}},
            exit(normal)
    end.

master_loop(Mod, Sup, State) ->
    receive
        {stop, _From} ->
            State1 = try Mod:prep_stop(State)
                     catch error:undef:St ->
                             case St of
                                 [{Mod, prep_stop, _, _} | _] -> State;
                                 _ -> State
                             end
                     end,
            unlink(Sup),
            Ref = erlang:monitor(process, Sup),
            exit(Sup, shutdown),
            receive {'DOWN', Ref, _, _, _} -> ok end,
            _ = (catch Mod:stop(State1)),
            exit(normal);
        {'EXIT', Sup, Reason} ->
            _ = (catch Mod:stop(State)),
            exit(Reason);
        _ -> master_loop(Mod, Sup, State)
    end.

master_exit(Master, Reason, #{running := R} = S) ->
    case lists:keyfind(Master, 3, R) of
        {App, Type, Master} ->
            report_exit(App, Reason, Type),
            case Type of
                temporary -> ok;
                transient when Reason =:= normal -> ok;
                _ -> erlang:halt(1)
            end,
            S#{running := lists:keydelete(App, 1, R)};
        false -> S
    end.

report_exit(App, Reason, Type) ->
    logger:ferl_report(notice, "INFO REPORT",
                       fun() -> io_lib:format("    application: ~tp~n    exited: ~tp~n    type: ~tp~n",
                                              [App, Reason, Type]) end).

%% process_info of any process (ferl: compiled code answers process_info/2 only for the
%% calling process; another one is asked with a request and a reply message)
pinfo(Pid, Item) when Pid =:= self() -> erlang:process_info(Pid, Item);
pinfo(Pid, Item) ->
    Ref = ferl_proc:info_request(Pid, Item),
    receive {Ref, Result} -> Result end.
