%% Property check of ets ordered_set tables: generated inserts and deletes (1 and 1.0 are the same key), tab2list order, first/next/last/prev walks, lookup.
-module(prop_ets_ordered_set).
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

key(S) -> case r(S, 4) of 0 -> r(S bsr 3, 8) * 1.0; 1 -> element(r(S bsr 3, 3) + 1, {a, b, {c}}); _ -> r(S bsr 3, 8) end.

walk(_, '$end_of_table', _) -> [];
walk(T, K, F) -> [K | walk(T, ets:F(T, K), F)].

main(_) ->
    cases(200, 283, fun(I, S) ->
        T = ets:new(t, [ordered_set]),
        {Rs, S1} = gl(S, r(S, 14), fun(X) -> case r(X, 4) of 0 -> ets:delete(T, key(X bsr 2)); 1 -> ets:insert_new(T, {key(X bsr 2), n}); _ -> ets:insert(T, {key(X bsr 2), X rem 10}) end end),
        Q = key(S1),
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, Rs, ets:tab2list(T), walk(T, ets:first(T), next), walk(T, ets:last(T), prev),
                                           ets:lookup(T, Q), {ets:next(T, Q), ets:prev(T, Q)}]),
        ets:delete(T)
    end).
