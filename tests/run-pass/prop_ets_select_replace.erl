%% Property check of ets:select_replace/2 (key-keeping specs, rejected specs, every table type) and select_reverse/2,3 on generated tables.
-module(prop_ets_select_replace).
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

ms(S) ->
    G = case r(S, 3) of 0 -> []; 1 -> [{'>', '$2', r(S bsr 3, 5)}]; _ -> [{'=:=', {'rem', '$1', 2}, 0}] end,
    B = case r(S bsr 5, 6) of
            0 -> '$_';
            1 -> {{'$1', {'+', '$2', 10}}};
            2 -> {{'$1', r(S bsr 8, 3), extra}};
            3 -> {{'$2', '$1'}};
            4 -> {{'$1'}};
            _ -> '$1'
        end,
    [{{'$1', '$2'}, G, [B]}].

drain('$end_of_table') -> [];
drain({L, C}) -> [L | drain(ets:select_reverse(C))].

main(_) ->
    cases(250, 587, fun(I, S) ->
        Type = element(r(S, 4) + 1, {set, ordered_set, bag, duplicate_bag}),
        T = ets:new(t, [Type]),
        {Objs, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 6), r(X bsr 4, 6)} end),
        ets:insert(T, Objs),
        MS = ms(S1),
        R = t(fun() -> ets:select_replace(T, MS) end),
        Contents = case Type of duplicate_bag -> [ets:lookup(T, K) || K <- lists:seq(0, 5)]; _ -> lists:sort(ets:tab2list(T)) end,
        Rev = case Type of ordered_set -> drain(ets:select_reverse(T, [{'_', [], ['$_']}], 1 + r(S1, 3))); _ -> ets:select_reverse(T, [{'_', [], ['$_']}]) =:= ets:select(T, [{'_', [], ['$_']}]) end,
        io:format("~w ~w ~w ~w ~w ~w~n", [I, Type, MS, R, Contents, Rev]),
        ets:delete(T)
    end).
