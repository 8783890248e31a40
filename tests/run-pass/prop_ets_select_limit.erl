%% Property check of ets:select/3, match/3, match_object/3 with limits and their continuations (select/1, match/1, match_object/1) on ordered_set tables: the chunks, and whether the table's end is reported.
-module(prop_ets_select_limit).
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

drain('$end_of_table', _) -> ['$end_of_table'];
drain({L, Cont}, F) -> [L | drain(case Cont of '$end_of_table' -> '$end_of_table'; _ -> F(Cont) end, F)].

main(_) ->
    cases(250, 509, fun(I, S) ->
        T = ets:new(t, [ordered_set]),
        {Objs, S1} = gl(S, r(S, 20), fun(X) -> {r(X, 30), r(X bsr 5, 3)} end),
        ets:insert(T, Objs),
        Lim = 1 + r(S1, 7), V = r(S1 bsr 4, 3),
        MS = [{{'$1', '$2'}, [{'=/=', '$2', V}], [{{'$2', '$1'}}]}],
        io:format("~w ~w ~w~n  ~w~n  ~w~n", [I, Lim, drain(ets:select(T, MS, Lim), fun ets:select/1),
            drain(ets:match(T, {'$1', V}, Lim), fun ets:match/1), drain(ets:match_object(T, {'_', V}, Lim), fun ets:match_object/1)]),
        ets:delete(T)
    end).
