%% Property check of ets lookup_element/3, update_element/3 (single and lists), insert with lists of objects and insert_new with lists, on tables with generated key positions.
-module(prop_ets_elements).
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

main(_) ->
    cases(250, 457, fun(I, S) ->
        Type = element(r(S, 4) + 1, {set, ordered_set, bag, duplicate_bag}),
        Kp = 1 + r(S bsr 2, 3),
        T = ets:new(t, [Type, {keypos, Kp}]),
        {Objs, S1} = gl(S, r(S, 8), fun(X) -> {r(X, 4), r(X bsr 3, 4), r(X bsr 6, 4)} end),
        R1 = t(fun() -> ets:insert(T, Objs) end),
        {New, S2} = gl(S1, r(S1, 3), fun(X) -> {r(X, 6), r(X bsr 3, 6), r(X bsr 6, 6)} end),
        R2 = t(fun() -> ets:insert_new(T, New) end),
        K = r(S2, 5), P = 1 + r(S2 bsr 4, 4),
        R3 = [t(fun() -> ets:lookup_element(T, K, P) end), t(fun() -> ets:update_element(T, K, {P, u}) end),
              t(fun() -> ets:update_element(T, K, [{1 + r(S2 bsr 7, 3), v}, {3, w}]) end)],
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, Type, Kp, R1, R2, R3, lists:sort(ets:tab2list(T))]),
        ets:delete(T)
    end).
