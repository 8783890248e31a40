%% Property check of ordsets union/intersection/subtract/is_subset/is_disjoint (and the list forms), fold and filter on generated sets.
-module(prop_ordsets_algebra).
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
    cases(250, 127, fun(I, S) ->
        {L1, S1} = gl(S, r(S, 10), fun(X) -> r(X, 20) end),
        {L2, S2} = gl(S1, r(S1, 10), fun(X) -> r(X, 20) end),
        {L3, _} = gl(S2, r(S2, 4), fun(X) -> r(X, 20) end),
        A = ordsets:from_list(L1), B = ordsets:from_list(L2), C = ordsets:from_list(L3),
        io:format("~w ~w ~w ~w ~w ~w ~w ~w ~w ~w~n", [I, ordsets:union(A, B), ordsets:intersection(A, B), ordsets:subtract(A, B),
            ordsets:is_subset(C, A), ordsets:is_disjoint(B, C), ordsets:union([A, B, C]), ordsets:intersection([A, B, C]),
            ordsets:fold(fun(X, Acc) -> X - Acc end, 0, A), ordsets:filter(fun(X) -> X rem 3 =:= 0 end, B)])
    end),
    io:format("~w~n", [[t(fun() -> ordsets:F(X) end) || F <- [union, intersection], X <- [[], [[1]]]]]).
