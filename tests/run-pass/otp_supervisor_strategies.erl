%% supervisor: one_for_one, one_for_all, rest_for_one, simple_one_for_one; restart
%% types; the child API; shutdown order and brutal_kill/timeout; start failures.
%% Children report {started, Id} from their start function (which runs in the
%% supervisor, so events arrive in order) and {stopped, Id, Reason} when they trap
%% the supervisor's shutdown.
-module(otp_supervisor_strategies).
-behaviour(supervisor).
-export([main/1, init/1, wstart/1, wstart/2]).

main(_) ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    process_flag(trap_exit, true),
    lists:foreach(fun strategy/1, [one_for_one, one_for_all, rest_for_one]),
    restart_types(),
    api(),
    simple(),
    shutdowns(),
    start_failures(),
    io:format("done~n").

strategy(Strategy) ->
    io:format("== ~p~n", [Strategy]),
    {ok, Sup} = supervisor:start_link(?MODULE, {Strategy, [a, b, c]}),
    show("start", []),
    kill_and_wait(Sup, b),
    kill_and_wait(Sup, a),
    kill_and_wait(Sup, c),
    unlink(Sup),
    Ref = erlang:monitor(process, Sup),
    exit(Sup, shutdown),
    receive {'DOWN', Ref, process, Sup, R} -> ok end,
    show("shutdown", []),
    io:format("sup exit: ~p~n", [R]).

kill_and_wait(Sup, Id) ->
    Pid = child_pid(Sup, Id),
    exit(Pid, kill),
    receive {started, Id} -> ok end,
    Ids = ids(Sup),
    show(io_lib:format("kill ~p", [Id]), [{started, Id}]),
    io:format("children: ~p~n", [Ids]).

child_pid(Sup, Id) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    Pid.

ids(Sup) ->
    [{Id, status(P)} || {Id, P, _, _} <- supervisor:which_children(Sup)].

status(P) when is_pid(P) -> alive;
status(X) -> X.

%% print the events that arrived (Pre: events already taken out of the mailbox)
show(Label, Pre) ->
    Evs = Pre ++ flush(),
    io:format("~s: ~p~n", [Label, Evs]).

flush() ->
    receive
        {started, _} = E -> [E | flush()];
        {stopped, _, _} = E -> [E | flush()]
    after 0 -> []
    end.

restart_types() ->
    io:format("== restart types~n"),
    {ok, Sup} = supervisor:start_link(?MODULE, {one_for_one, [{p, permanent}, {t, transient}, {tmp, temporary}]}),
    show("start", []),
    [crash(Sup, Id, normal) || Id <- [p, t, tmp]],
    io:format("after normal exits: ~p~n", [ids(Sup)]),
    show("events", []),
    {ok, _} = supervisor:restart_child(Sup, t),
    show("restart t", []),
    crash(Sup, t, boom),
    receive {started, t} -> ok end,
    Ids = ids(Sup),
    show("t crashed", [{started, t}]),
    io:format("children: ~p~n", [Ids]),
    shutdown_sup(Sup).

crash(Sup, Id, Reason) ->
    Pid = child_pid(Sup, Id),
    Ref = erlang:monitor(process, Pid),
    Pid ! {exit, Reason},
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    %% a call after the exit reached the supervisor
    wait_not(Sup, Id, Pid).

wait_not(Sup, Id, Pid) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, Pid, _, _} -> receive after 1 -> wait_not(Sup, Id, Pid) end;
        _ -> ok
    end.

shutdown_sup(Sup) ->
    unlink(Sup),
    Ref = erlang:monitor(process, Sup),
    exit(Sup, shutdown),
    receive {'DOWN', Ref, process, Sup, R} -> ok end,
    show("shutdown", []),
    io:format("sup exit: ~p~n", [R]).

api() ->
    io:format("== api~n"),
    {ok, Sup} = supervisor:start_link({local, api_sup}, ?MODULE, {one_for_one, [a]}),
    show("start", []),
    {ok, B} = supervisor:start_child(api_sup, #{id => b, start => {?MODULE, wstart, [b]}}),
    {ok, _} = supervisor:start_child(api_sup, {c, {?MODULE, wstart, [c]}, transient, 1000, worker, [?MODULE]}),
    show("started b c", []),
    {error, {already_started, B}} = supervisor:start_child(api_sup, #{id => b, start => {?MODULE, wstart, [b]}}),
    io:format("dup start: already_started~n"),
    io:format("bad spec: ~p~n", [supervisor:start_child(api_sup, #{id => d, start => {?MODULE, wstart, [d]}, restart => sometimes})]),
    io:format("count: ~p~n", [supervisor:count_children(api_sup)]),
    io:format("children: ~p~n", [ids(api_sup)]),
    io:format("terminate b: ~p~n", [supervisor:terminate_child(api_sup, b)]),
    show("after terminate", []),
    io:format("children: ~p~n", [ids(api_sup)]),
    io:format("count: ~p~n", [supervisor:count_children(api_sup)]),
    io:format("dup start stopped: ~p~n", [supervisor:start_child(api_sup, #{id => b, start => {?MODULE, wstart, [b]}})]),
    io:format("delete running: ~p~n", [supervisor:delete_child(api_sup, a)]),
    io:format("restart running: ~p~n", [supervisor:restart_child(api_sup, a)]),
    {ok, _} = supervisor:restart_child(api_sup, b),
    show("restart b", []),
    io:format("terminate c: ~p~n", [supervisor:terminate_child(api_sup, c)]),
    io:format("delete c: ~p~n", [supervisor:delete_child(api_sup, c)]),
    io:format("delete c again: ~p~n", [supervisor:delete_child(api_sup, c)]),
    io:format("terminate x: ~p~n", [supervisor:terminate_child(api_sup, x)]),
    io:format("restart x: ~p~n", [supervisor:restart_child(api_sup, x)]),
    io:format("childspec a: ~p~n", [supervisor:get_childspec(api_sup, a)]),
    show("events", []),
    io:format("children: ~p~n", [ids(api_sup)]),
    io:format("check ok: ~p~n", [supervisor:check_childspecs([#{id => q, start => {m, f, []}}])]),
    io:format("check bad: ~p~n", [supervisor:check_childspecs([#{id => q, start => {m, f, []}, type => boss}])]),
    shutdown_sup(Sup).

simple() ->
    io:format("== simple_one_for_one~n"),
    {ok, Sup} = supervisor:start_link(?MODULE, simple),
    {ok, P1} = supervisor:start_child(Sup, [s1]),
    {ok, _P2} = supervisor:start_child(Sup, [s2]),
    {ok, P3} = supervisor:start_child(Sup, [s3]),
    show("start", []),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    io:format("which: ~p~n", [[{Id, status(P), T, M} || {Id, P, T, M} <- supervisor:which_children(Sup)]]),
    exit(P1, kill),
    receive {started, s1} -> ok end,
    _ = supervisor:count_children(Sup),
    show("kill s1", [{started, s1}]),
    io:format("terminate s3: ~p~n", [supervisor:terminate_child(Sup, P3)]),
    io:format("terminate s3 again: ~p~n", [supervisor:terminate_child(Sup, P3)]),
    io:format("terminate by id: ~p~n", [supervisor:terminate_child(Sup, s2)]),
    io:format("terminate other: ~p~n", [supervisor:terminate_child(Sup, whereis(tester))]),
    show("terminated", []),
    io:format("delete: ~p~n", [supervisor:delete_child(Sup, s1)]),
    io:format("restart: ~p~n", [supervisor:restart_child(Sup, s1)]),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    shutdown_sup(Sup).

shutdowns() ->
    io:format("== shutdowns~n"),
    {ok, Sup} = supervisor:start_link(?MODULE, {one_for_one, [{stubborn, 50}, {brutal, brutal_kill}, {inf, infinity}]}),
    show("start", []),
    io:format("terminate stubborn: ~p~n", [supervisor:terminate_child(Sup, stubborn)]),
    io:format("terminate brutal: ~p~n", [supervisor:terminate_child(Sup, brutal)]),
    show("terminated", []),
    io:format("children: ~p~n", [ids(Sup)]),
    shutdown_sup(Sup).

start_failures() ->
    io:format("== start failures~n"),
    io:format("failing child: ~p~n", [supervisor:start_link(?MODULE, {one_for_one, [a, {bad, fail}, c]})]),
    show("events", []),
    io:format("ignore: ~p~n", [supervisor:start_link(?MODULE, ignore)]),
    io:format("bad flags: ~p~n", [supervisor:start_link(?MODULE, bad_flags)]),
    io:format("ignored child: ~p~n", [element(1, supervisor:start_link(?MODULE, {one_for_one, [{ig, ignore}]}))]),
    receive {'EXIT', _, _} -> ok after 0 -> ok end,
    flush_exits().

flush_exits() ->
    receive {'EXIT', _, _} -> flush_exits() after 0 -> ok end.

%%% supervisor callback

init({Strategy, Children}) ->
    Flags = #{strategy => Strategy, intensity => 100, period => 10},
    {ok, {Flags, [spec(C) || C <- Children]}};
init(simple) ->
    {ok, {{simple_one_for_one, 10, 10},
          [#{id => ignored, start => {?MODULE, wstart, []}, shutdown => 1000}]}};
init(ignore) -> ignore;
init(bad_flags) -> {ok, {{one_for_two, 1, 1}, []}}.

spec({Id, permanent}) -> #{id => Id, start => {?MODULE, wstart, [Id]}, restart => permanent};
spec({Id, transient}) -> #{id => Id, start => {?MODULE, wstart, [Id]}, restart => transient};
spec({Id, temporary}) -> {Id, {?MODULE, wstart, [Id]}, temporary, 5000, worker, [?MODULE]};
spec({Id, fail}) -> #{id => Id, start => {?MODULE, wstart, [Id, fail]}};
spec({Id, ignore}) -> #{id => Id, start => {?MODULE, wstart, [Id, ignore]}};
spec({stubborn = Id, T}) -> #{id => Id, start => {?MODULE, wstart, [Id, stubborn]}, shutdown => T};
spec({Id, T}) -> #{id => Id, start => {?MODULE, wstart, [Id]}, shutdown => T};
spec(Id) -> #{id => Id, start => {?MODULE, wstart, [Id]}}.

%%% workers

wstart(Id) -> wstart(Id, normal).
wstart(Id, fail) -> tester ! {started, Id}, {error, {cannot_start, Id}};
wstart(_Id, ignore) -> ignore;
wstart(Id, Kind) ->
    tester ! {started, Id},
    Self = self(),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), Self ! {self(), ready}, wloop(Id, Kind) end),
    receive {Pid, ready} -> {ok, Pid} end.

wloop(Id, Kind) ->
    receive
        {'EXIT', _, R} when Kind =:= stubborn -> tester ! {stopped, Id, R}, wloop(Id, Kind);
        {'EXIT', _, R} -> tester ! {stopped, Id, R}, exit(R);
        {exit, R} -> exit(R)
    end.
