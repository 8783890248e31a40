%% Property check of ets under concurrent writers: generated workloads of update_counter/insert/delete_object run by several processes on a public table; the final contents are deterministic and printed sorted.
-module(prop_ets_concurrent).
-export([main/1]).
-compile([nowarn_unused_function]).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

r(S, N) -> (S bsr 8) rem N.

%% Len values G(State) over successive generator states; {List, NextState}.
gl(S, Len, G) -> gl(S, Len, G, []).
gl(S, 0, _, A) -> {lists:reverse(A), S};
gl(S, N, G, A) -> S1 = lcg(S), gl(S1, N - 1, G, [G(S1) | A]).

%% F(I, State) for I in 1..N, each case with its own state.
cases(N, S, F) -> cases(1, N, S, F).
cases(I, N, _, _) when I > N -> ok;
cases(I, N, S, F) -> S1 = lcg(S), F(I, S1), cases(I + 1, N, lcg(lcg(S1)), F).

t(F) -> try F() catch C:R -> {C, R} end.

%% A term of mixed type (numbers, atoms, tuples, lists, binaries).
term(S) ->
    case r(S, 8) of
        0 -> r(S bsr 3, 20);
        1 -> element(r(S bsr 5, 4) + 1, {a, b, c, d});
        2 -> r(S bsr 4, 10) / 4;
        3 -> {r(S bsr 6, 3)};
        4 -> [r(S bsr 7, 3)];
        5 -> -r(S bsr 2, 9);
        6 -> <<(r(S bsr 9, 3))>>;
        _ -> r(S bsr 3, 5) * 1.0
    end.

%% A float of varied magnitude and sign.
flt(S) ->
    M = (S bsr 3) rem 100000 / 1000,
    X = case r(S, 5) of 0 -> M; 1 -> -M; 2 -> M / 100; 3 -> M * 1000; _ -> -M / 10 end,
    X.

worker(T, Ops, Parent) ->
    spawn(fun() ->
                  lists:foreach(fun({K, D}) -> ets:update_counter(T, K, {2, D}, {K, 0}),
                                               ets:insert(T, {{seen, K}, true}),
                                               ets:delete_object(T, {{tmp, K}, x}),
                                               ets:insert(T, {{tmp, K}, x}) end, Ops),
                  Parent ! {done, self()}
          end).

main(_) ->
    cases(30, 577, fun(I, S) ->
        Type = element(r(S, 2) + 1, {set, ordered_set}),
        T = ets:new(t, [Type, public, {write_concurrency, true}, {read_concurrency, true}]),
        {Work, _} = gl(S, 2 + r(S, 5), fun(X) -> element(1, gl(X, 30 + r(X, 60), fun(Y) -> {r(Y, 8), r(Y bsr 4, 7) - 3} end)) end),
        Pids = [worker(T, Ops, self()) || Ops <- Work],
        [receive {done, P} -> ok end || P <- Pids],
        Expected = lists:foldl(fun({K, D}, M) -> maps:update_with(K, fun(V) -> V + D end, D, M) end, #{}, lists:append(Work)),
        Got = maps:from_list([{K, V} || {K, V} <- ets:tab2list(T), is_integer(K)]),
        io:format("~w ~w ~w ~w ~w~n", [I, Type, length(Work), Got =:= Expected, lists:sort(ets:tab2list(T))]),
        ets:delete(T)
    end).
