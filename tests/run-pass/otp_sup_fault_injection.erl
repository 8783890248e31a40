%% Fault injection: N worker crashes (argument, default 2000) spread by a fixed
%% pseudo-random sequence over three supervisors (one_for_one, one_for_all,
%% rest_for_one) under a top supervisor; every restart event is recorded in order and
%% the totals and a hash of the whole sequence are printed. Then one supervisor is
%% pushed past its intensity: it exits with `shutdown` and the top one restarts it.
-module(otp_sup_fault_injection).
-behaviour(supervisor).
-export([main/1, init/1, start_mid/2, wstart/2]).

main(Args) ->
    N = case Args of
            [S] -> list_to_integer(S);
            [] -> 2000
        end,
    logger:set_primary_config(level, none),
    register(tester, self()),
    process_flag(trap_exit, true),
    {ok, _Top} = supervisor:start_link({local, fi_top}, ?MODULE, top),
    Start = flush([]),
    io:format("start: ~p~n", [Start]),
    {Hash, Counts} = loop(N, 12345, 0, #{}),
    io:format("crashes: ~p~n", [N]),
    io:format("events hash: ~p~n", [Hash]),
    io:format("counts: ~p~n", [lists:sort(maps:to_list(Counts))]),
    io:format("top children: ~p~n", [[Id || {Id, P, _, _} <- supervisor:which_children(fi_top), is_pid(P)]]),
    %% escalation: four quick kills in m_one (intensity 3)
    Evs = [kill_one(m_one_small, w1) || _ <- [1, 2, 3, 4]],
    io:format("escalation: ~p~n", [Evs]),
    io:format("top children: ~p~n", [[Id || {Id, P, _, _} <- supervisor:which_children(fi_top), is_pid(P)]]),
    io:format("done~n").

sups() -> {m_one, m_all, m_rest}.

loop(0, _Seed, Hash, Counts) -> {Hash, Counts};
loop(K, Seed, Hash, Counts) ->
    Seed1 = (Seed * 1103515245 + 12345) rem 2147483648,
    Sup = element(1 + (Seed1 div 65536) rem 3, sups()),
    W = element(1 + (Seed1 div 7) rem 4, {w1, w2, w3, w4}),
    Evs = kill_one(Sup, W),
    Counts1 = lists:foldl(fun(E, C) -> maps:update_with(E, fun(X) -> X + 1 end, 1, C) end,
                          Counts, Evs),
    loop(K - 1, Seed1, erlang:phash2({Hash, Evs}), Counts1).

kill_one(Sup, W) ->
    case whereis(Sup) of
        undefined -> [{no_sup, Sup}];
        SupPid ->
            {W, Pid, _, _} = lists:keyfind(W, 1, supervisor:which_children(SupPid)),
            exit(Pid, kill),
            Evs = collect({Sup, W}, []),
            %% wait until the restart is complete: the top supervisor (when the
            %% middle one was restarted) and the middle one (one_for_all and
            %% rest_for_one start more children after the victim)
            _ = supervisor:which_children(fi_top),
            _ = supervisor:which_children(Sup),
            Evs ++ flush([])
    end.

collect(Key, Acc) ->
    receive
        {started, Key} = E -> lists:reverse([E | Acc]);
        {started, _} = E -> collect(Key, [E | Acc]);
        {stopped, _, _} = E -> collect(Key, [E | Acc])
    end.

flush(Acc) ->
    receive
        {started, _} = E -> flush([E | Acc]);
        {stopped, _, _} = E -> flush([E | Acc])
    after 0 -> lists:reverse(Acc)
    end.

init(top) ->
    {ok, {#{strategy => one_for_one, intensity => 10, period => 3600},
          [mid(m_one, one_for_one, 1000000000), mid(m_all, one_for_all, 1000000000),
           mid(m_rest, rest_for_one, 1000000000), mid(m_one_small, one_for_one, 3)]}};
init({mid, Name, Strategy, Intensity}) ->
    {ok, {#{strategy => Strategy, intensity => Intensity, period => 3600},
          [#{id => W, start => {?MODULE, wstart, [Name, W]}} || W <- [w1, w2, w3, w4]]}}.

mid(Name, Strategy, Intensity) ->
    #{id => Name, start => {?MODULE, start_mid, [Name, {Strategy, Intensity}]},
      type => supervisor}.

start_mid(Name, {Strategy, Intensity}) ->
    tester ! {started, Name},
    supervisor:start_link({local, Name}, ?MODULE, {mid, Name, Strategy, Intensity}).

wstart(Sup, W) ->
    tester ! {started, {Sup, W}},
    Self = self(),
    Pid = spawn_link(fun() ->
                             process_flag(trap_exit, true),
                             Self ! {self(), ready},
                             receive {'EXIT', _, R} -> tester ! {stopped, {Sup, W}, R}, exit(R) end
                     end),
    receive {Pid, ready} -> {ok, Pid} end.
