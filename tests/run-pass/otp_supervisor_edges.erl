%% supervisor edge cases: restarts that fail and are retried, temporary children in
%% one_for_all / rest_for_one groups, {shutdown, _} exits of transient children,
%% children whose start returns ignore, a child that exits during the restart of others.
-module(otp_supervisor_edges).
-behaviour(supervisor).
-export([main/1, init/1, wstart/2, flaky_start/1]).

main(_) ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    process_flag(trap_exit, true),
    %% failing restarts: flaky fails its 2nd and 3rd start
    put(n, 0),
    Counter = spawn_link(fun() -> counter(0) end),
    register(starts, Counter),
    {ok, S1} = supervisor:start_link(?MODULE, {one_for_one, 10, [flaky, a]}),
    show("start", S1),
    kill(S1, flaky),
    wait_started(flaky),
    show("flaky restarted", S1),
    io:format("children: ~p~n", [ids(S1)]),
    stop(S1),
    %% temporary children in groups
    {ok, S2} = supervisor:start_link(?MODULE, {one_for_all, 10, [a, {tmp, temporary}, c]}),
    show("start", S2),
    kill(S2, c),
    wait_started(c),
    show("one_for_all kill c", S2),
    io:format("children: ~p~n", [ids(S2)]),
    stop(S2),
    {ok, S3} = supervisor:start_link(?MODULE, {rest_for_one, 10, [a, b, {tmp, temporary}, c]}),
    show("start", S3),
    kill(S3, b),
    wait_started(c),
    show("rest_for_one kill b", S3),
    io:format("children: ~p~n", [ids(S3)]),
    %% transient exits with {shutdown, _}
    {ok, _} = supervisor:start_child(S3, #{id => tr, start => {?MODULE, wstart, [tr, normal]}, restart => transient}),
    show("start tr", S3),
    exit_child(S3, tr, {shutdown, bye}),
    io:format("children: ~p~n", [ids(S3)]),
    show("tr gone", S3),
    %% ignore
    io:format("ignored child: ~p~n", [supervisor:start_child(S3, #{id => ig, start => {?MODULE, wstart, [ig, ignore]}})]),
    io:format("ignored temporary: ~p~n", [supervisor:start_child(S3, #{id => igt, start => {?MODULE, wstart, [igt, ignore]}, restart => temporary})]),
    io:format("children: ~p~n", [ids(S3)]),
    io:format("restart ignored: ~p~n", [supervisor:restart_child(S3, ig)]),
    io:format("count: ~p~n", [supervisor:count_children(S3)]),
    stop(S3),
    io:format("done~n").

counter(N) ->
    receive {next, From} -> From ! {count, N + 1}, counter(N + 1) end.

stop(S) ->
    unlink(S),
    Ref = erlang:monitor(process, S),
    exit(S, shutdown),
    receive {'DOWN', Ref, process, S, R} -> io:format("stopped: ~p ~p~n", [R, flush()]) end.

kill(S, Id) ->
    {Id, P, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    exit(P, kill).

exit_child(S, Id, Reason) ->
    {Id, P, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    Ref = erlang:monitor(process, P),
    P ! {exit, Reason},
    receive {'DOWN', Ref, process, P, _} -> ok end,
    wait_gone(S, Id, P).

wait_gone(S, Id, P) ->
    case lists:keyfind(Id, 1, supervisor:which_children(S)) of
        {Id, P, _, _} -> timer:sleep(1), wait_gone(S, Id, P);
        _ -> ok
    end.

wait_started(Id) ->
    receive {started, Id} = E -> self() ! {again, E}, ok end.

ids(S) -> [{Id, case P of _ when is_pid(P) -> alive; _ -> P end} || {Id, P, _, _} <- supervisor:which_children(S)].

show(Label, S) ->
    _ = supervisor:which_children(S),
    io:format("~s: ~p~n", [Label, flush()]).

flush() ->
    receive
        {again, E} -> [E | flush()];
        {started, _} = E -> [E | flush()];
        {start_failed, _} = E -> [E | flush()];
        {stopped, _, _} = E -> [E | flush()]
    after 0 -> []
    end.

init({Strategy, Intensity, Children}) ->
    {ok, {#{strategy => Strategy, intensity => Intensity, period => 3600},
          [spec(C) || C <- Children]}}.

spec(flaky) -> #{id => flaky, start => {?MODULE, flaky_start, [flaky]}};
spec({Id, temporary}) -> #{id => Id, start => {?MODULE, wstart, [Id, normal]}, restart => temporary};
spec(Id) -> #{id => Id, start => {?MODULE, wstart, [Id, normal]}}.

flaky_start(Id) ->
    starts ! {next, self()},
    receive {count, N} -> ok end,
    case N of
        2 -> tester ! {start_failed, N}, {error, flaky};
        3 -> tester ! {start_failed, N}, {error, flaky};
        _ -> wstart(Id, normal)
    end.

wstart(_Id, ignore) -> ignore;
wstart(Id, normal) ->
    tester ! {started, Id},
    Self = self(),
    Pid = spawn_link(fun() ->
                             process_flag(trap_exit, true),
                             Self ! {self(), ready},
                             loop(Id)
                     end),
    receive {Pid, ready} -> {ok, Pid} end.

loop(Id) ->
    receive
        {'EXIT', _, R} -> tester ! {stopped, Id, R}, exit(R);
        {exit, R} -> exit(R)
    end.
