%% Property check of ets set tables: generated sequences of insert/insert_new/delete/delete_object/update_counter/update_element against lookup/member/info(size) and the sorted contents.
-module(prop_ets_set).
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

op(T, S) ->
    K = r(S bsr 3, 12),
    case r(S, 7) of
        0 -> ets:insert(T, {K, r(S bsr 7, 5), x});
        1 -> ets:insert_new(T, {K, 0, y});
        2 -> ets:delete(T, K);
        3 -> ets:delete_object(T, {K, r(S bsr 7, 5), x});
        4 -> t(fun() -> ets:update_counter(T, K, {2, r(S bsr 7, 7) - 3}) end);
        5 -> t(fun() -> ets:update_element(T, K, {3, z}) end);
        _ -> t(fun() -> ets:update_counter(T, K, {2, 1, 3, 0}, {K, 9, d}) end)
    end.

main(_) ->
    cases(200, 281, fun(I, S) ->
        T = ets:new(t, [set]),
        {Rs, _} = gl(S, r(S, 14), fun(X) -> op(T, X) end),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, Rs, lists:sort(ets:tab2list(T)), ets:info(T, size),
                                         [ets:member(T, K) || K <- [0, 1, 2, 3]], ets:lookup(T, r(S, 12))]),
        ets:delete(T)
    end).
