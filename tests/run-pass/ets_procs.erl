-module(ets_procs).
-export([main/1]).

p(X) -> io:format("~p~n", [X]).

other(F) ->
    Self = self(),
    Pid = spawn(fun() -> Self ! {self(), try F() catch C:R -> {C, R} end} end),
    receive {Pid, R} -> R end.

main(_) ->
    Pub = ets:new(pub, [public]),
    Prot = ets:new(prot, [protected]),
    Priv = ets:new(priv, [private]),
    [ets:insert(T, {k, v}) || T <- [Pub, Prot, Priv]],
    p([other(fun() -> ets:lookup(T, k) end) || T <- [Pub, Prot, Priv]]),
    p([other(fun() -> ets:insert(T, {k2, v2}) end) || T <- [Pub, Prot, Priv]]),
    p([other(fun() -> ets:delete(T) end) || T <- [Prot, Priv]]),
    p(other(fun() -> ets:info(Priv, size) end)),

    %% a table dies with its owner
    Self = self(),
    {Owner, Ref} = spawn_monitor(fun() ->
                                         T = ets:new(owned, [public, named_table]),
                                         ets:insert(T, {a, 1}),
                                         Self ! {made, T},
                                         receive stop -> ok end
                                 end),
    receive {made, Name} -> p(ets:lookup(Name, a)) end,
    Owner ! stop,
    receive {'DOWN', Ref, process, Owner, normal} -> ok end,
    p(ets:info(owned)),
    p(try ets:lookup(owned, a) catch error:R -> R end),
    p(ets:whereis(owned)),

    %% concurrent writers: update_counter is atomic
    C = ets:new(counter, [public, set]),
    ets:insert(C, {n, 0}),
    Pids = [spawn_monitor(fun() -> [ets:update_counter(C, n, 1) || _ <- lists:seq(1, 1000)] end)
            || _ <- lists:seq(1, 8)],
    [receive {'DOWN', R2, process, P2, normal} -> ok end || {P2, R2} <- Pids],
    p(ets:lookup(C, n)),
    %% concurrent inserts of distinct keys
    W = [spawn_monitor(fun() -> [ets:insert(C, {{I, J}, J}) || J <- lists:seq(1, 200)] end)
         || I <- lists:seq(1, 4)],
    [receive {'DOWN', R3, process, P3, normal} -> ok end || {P3, R3} <- W],
    p(ets:info(C, size)),
    p(lists:sum([V || {{_, _}, V} <- ets:tab2list(C)])),

    %% give_away and heir
    G = ets:new(gift, [protected]),
    ets:insert(G, {x, 1}),
    Receiver = spawn(fun() ->
                             receive {'ETS-TRANSFER', Tab, From, Data} ->
                                     Self ! {got, Tab =:= G, From =:= Self, Data,
                                             ets:info(Tab, owner) =:= self()},
                                     ets:insert(Tab, {y, 2}),
                                     Self ! inserted,
                                     receive stop -> ok end
                             end
                     end),
    p(ets:give_away(G, Receiver, hello)),
    receive {got, _, _, _, _} = Got -> p(Got) end,
    receive inserted -> ok end,
    p(lists:sort(ets:tab2list(G))),
    p(try ets:insert(G, {z, 3}) catch error:R4 -> R4 end),
    p(try ets:give_away(G, self(), again) catch error:R5 -> R5 end),
    Receiver ! stop,

    H = spawn(fun() -> receive {'ETS-TRANSFER', T, _, D} -> Self ! {heir_got, D, ets:lookup(T, k)} end end),
    {Dier, DRef} = spawn_monitor(fun() ->
                                         T = ets:new(inherited, [{heir, H, my_data}]),
                                         ets:insert(T, {k, kept})
                                 end),
    receive {'DOWN', DRef, process, Dier, _} -> ok end,
    receive {heir_got, _, _} = HG -> p(HG) end,
    ok.
