%% Property check of gb_trees iterator/1, iterator_from/2 and next/1 on generated trees.
-module(prop_gb_trees_iter).
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

walk(It) ->
    case gb_trees:next(It) of
        none -> [];
        {K, V, It2} -> [{K, V} | walk(It2)]
    end.

main(_) ->
    cases(250, 79, fun(I, S) ->
        {L, _} = gl(S, r(S, 14), fun(X) -> {r(X, 40), r(X bsr 5, 5)} end),
        A = gb_trees:from_orddict(lists:ukeysort(1, L)),
        From = r(S bsr 4, 45) - 2,
        io:format("~w ~w ~w ~w~n", [I, walk(gb_trees:iterator(A)) =:= gb_trees:to_list(A), From,
                                  walk(gb_trees:iterator_from(From, A))])
    end),
    T = gb_trees:from_orddict([{1, a}, {2, b}, {3, c}]),
    io:format("~w~n~w~n", [gb_trees:iterator(T), gb_trees:iterator_from(2, T)]).
