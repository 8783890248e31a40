%% supervisor restart intensity: a middle supervisor that exceeds its intensity exits
%% with `shutdown`, its parent restarts it (one restart of its own), and when the top
%% supervisor's intensity is exceeded it exits with `shutdown` as well.
-module(otp_sup_escalation).
-behaviour(supervisor).
-export([main/1, init/1, start_mid/0, wstart/1]).

main(_) ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    process_flag(trap_exit, true),
    {ok, Top} = supervisor:start_link({local, top}, ?MODULE, top),
    show("start", top),
    Rounds = [{1, w1}, {2, w2}, {3, w1}, {4, w2}, {5, w2}, {6, w1}, {7, w1}, {8, w1}],
    lists:foreach(fun({N, Id}) -> kill(N, Id, Top) end, Rounds),
    io:format("top alive: ~p~n", [is_process_alive(Top)]),
    io:format("done~n").

kill(N, Id, Top) ->
    case whereis(mid) of
        undefined -> io:format("~p: no mid~n", [N]);
        Mid ->
            {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Mid)),
            exit(Pid, kill),
            case collect(Id, Top, []) of
                {ok, Evs} ->
                    _ = supervisor:which_children(top),
                    io:format("~p kill ~p: ~p~n", [N, Id, Evs ++ flush()]);
                {exit, Evs, R} ->
                    io:format("~p kill ~p: ~p, top exit ~p~n", [N, Id, Evs ++ flush(), R])
            end
    end.

%% the events in arrival order up to {started, Id} (or the top supervisor's exit)
collect(Id, Top, Acc) ->
    receive
        {started, Id} = E -> {ok, lists:reverse([E | Acc])};
        {started, _} = E -> collect(Id, Top, [E | Acc]);
        {stopped, _, _} = E -> collect(Id, Top, [E | Acc]);
        {'EXIT', Top, R} -> {exit, lists:reverse(Acc), R}
    end.

show(Label, Sup) ->
    _ = supervisor:which_children(Sup),
    io:format("~s: ~p~n", [Label, flush()]).

flush() ->
    receive
        {started, _} = E -> [E | flush()];
        {stopped, _, _} = E -> [E | flush()]
    after 0 -> []
    end.

init(top) ->
    {ok, {#{strategy => one_for_one, intensity => 1, period => 3600},
          [#{id => mid, start => {?MODULE, start_mid, []}, type => supervisor}]}};
init(mid) ->
    {ok, {#{strategy => one_for_one, intensity => 2, period => 3600},
          [#{id => w1, start => {?MODULE, wstart, [w1]}},
           #{id => w2, start => {?MODULE, wstart, [w2]}}]}}.

start_mid() ->
    tester ! {started, mid},
    supervisor:start_link({local, mid}, ?MODULE, mid).

wstart(Id) ->
    tester ! {started, Id},
    Self = self(),
    Pid = spawn_link(fun() ->
                             process_flag(trap_exit, true),
                             Self ! {self(), ready},
                             receive {'EXIT', _, R} -> tester ! {stopped, Id, R}, exit(R) end
                     end),
    receive {Pid, ready} -> {ok, Pid} end.
