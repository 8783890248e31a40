%% Property check of gb_trees lookup/get/is_defined/smallest/largest/take_smallest/take_largest on generated trees.
-module(prop_gb_trees_lookup).
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

main(_) ->
    cases(160, 73, fun(I, S) ->
        {L, S1} = gl(S, r(S, 9), fun(X) -> {r(X, 30) / 2, r(X bsr 4, 9)} end),
        {Q, _} = gl(S1, 6, fun(X) -> r(X, 16) end),
        A = lists:foldl(fun({K, V}, T) -> gb_trees:enter(K, V, T) end, gb_trees:empty(), L),
        io:format("~w ~w ~w ~w~n  ~w~n", [I, [gb_trees:lookup(K, A) || K <- Q], [t(fun() -> gb_trees:get(K, A) end) || K <- Q],
            [gb_trees:is_defined(K, A) || K <- Q],
            [t(fun() -> gb_trees:F(A) end) || F <- [smallest, largest]] ++ [t(fun() -> element(3, gb_trees:F(A)) =:= gb_trees:delete(element(1, gb_trees:F(A)), A) end) || F <- [take_smallest, take_largest]]])
    end),
    E = gb_trees:empty(),
    io:format("~w~n", [[t(fun() -> gb_trees:F(E) end) || F <- [smallest, largest, take_smallest, take_largest, is_empty, size]]]).
