%% Seed ("Erlang 101", publisher-subscriber): a broker process keeps subscriptions per
%% topic; subscribers receive only the topics they registered for; dead subscribers are
%% removed through monitors.
-module(pub_sub).
-export([main/1]).

broker(Subs) ->
    receive
        {subscribe, Topic, Pid} ->
            monitor(process, Pid),
            broker([{Topic, Pid} | Subs]);
        {publish, Topic, Msg} ->
            [Pid ! {Topic, Msg} || {T, Pid} <- Subs, T =:= Topic],
            broker(Subs);
        {'DOWN', _, process, Pid, _} ->
            broker([S || {_, P} = S <- Subs, P =/= Pid]);
        {count, From} ->
            From ! {count, length(Subs)},
            broker(Subs)
    end.

subscriber(Parent, Name) ->
    receive
        {Topic, Msg} -> Parent ! {got, Name, Topic, Msg}, subscriber(Parent, Name);
        quit -> ok
    end.

count(B) -> B ! {count, self()}, receive {count, N} -> N end.

main(_) ->
    Self = self(),
    B = spawn(fun() -> broker([]) end),
    S1 = spawn(fun() -> subscriber(Self, s1) end),
    S2 = spawn(fun() -> subscriber(Self, s2) end),
    B ! {subscribe, news, S1},
    B ! {subscribe, news, S2},
    B ! {subscribe, sports, S2},
    io:format("~p~n", [count(B)]),
    B ! {publish, news, "election"},
    B ! {publish, sports, "match"},
    B ! {publish, weather, "rain"},
    Got = [receive {got, N, T, M} -> {N, T, M} end || _ <- [1, 2, 3]],
    io:format("~p~n", [lists:sort(Got)]),
    Ref = monitor(process, S2),
    S2 ! quit,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    io:format("~p~n", [wait_count(B, 1)]),
    B ! {publish, sports, "final"},
    B ! {publish, news, "results"},
    receive {got, N2, T2, M2} -> io:format("~p~n", [{N2, T2, M2}]) end,
    io:format("~p~n", [receive X -> X after 50 -> nothing_else end]).

wait_count(B, Want) ->
    case count(B) of
        Want -> Want;
        _ -> receive after 1 -> ok end, wait_count(B, Want)
    end.
