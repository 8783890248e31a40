%% Property check of ets:take/2, delete_all_objects/1, named tables (whereis, rename, info name/named_table) and insert_new on generated tables of every type.
-module(prop_ets_take_misc).
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
    cases(200, 521, fun(I, S) ->
        Type = element(r(S, 4) + 1, {set, ordered_set, bag, duplicate_bag}),
        T = ets:new(prop_take_tab, [Type, named_table]),
        {Objs, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 5), r(X bsr 4, 3)} end),
        ets:insert(prop_take_tab, Objs),
        K = r(S1, 6),
        Tk = ets:take(T, K),
        Sz = ets:info(T, size),
        New = ets:rename(T, prop_renamed),
        Info = [ets:info(New, X) || X <- [name, named_table, size, type]],
        W = {ets:whereis(prop_take_tab), is_reference(ets:whereis(prop_renamed))},
        true = ets:delete_all_objects(New),
        io:format("~w ~w ~w ~w ~w ~w ~w ~w~n", [I, Type, lists:sort(Objs), lists:sort(Tk), Sz, Info, W, ets:tab2list(New)]),
        ets:delete(New)
    end),
    io:format("~w~n", [[t(fun() -> ets:take(X, 1) end) || X <- [nonexistent, 1]]]).
