%% Property check of ets:foldl/3, foldr/3 on ordered_set tables and sorted folds over set and bag tables, with info/2 (size, type, keypos).
-module(prop_ets_fold).
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
    cases(200, 313, fun(I, S) ->
        Type = element(r(S, 4) + 1, {set, ordered_set, bag, duplicate_bag}),
        T = ets:new(t, [Type, {keypos, 2}]),
        {Objs, _} = gl(S, r(S, 12), fun(X) -> {o, r(X, 10), r(X bsr 4, 3)} end),
        ets:insert(T, Objs),
        L = ets:foldl(fun(O, A) -> [O | A] end, [], T),
        R = ets:foldr(fun(O, A) -> [O | A] end, [], T),
        Out = case Type of ordered_set -> {L, R}; _ -> {lists:sort(L), lists:sort(R)} end,
        io:format("~w ~w ~w ~w~n", [I, Out, ets:foldl(fun({_, K, V}, A) -> K * V + A end, 0, T),
                                  [ets:info(T, X) || X <- [size, type, keypos, protection, named_table]]]),
        ets:delete(T)
    end).
