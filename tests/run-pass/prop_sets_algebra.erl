%% Property check of sets union/intersection/subtract/is_disjoint/is_subset (and union/1, intersection/1) on version 1 and 2 sets, also mixed.
-module(prop_sets_algebra).
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

mk(L, 1) -> sets:from_list(L);
mk(L, 2) -> sets:from_list(L, [{version, 2}]).

srt(X) -> lists:sort(sets:to_list(X)).

main(_) ->
    cases(240, 29, fun(I, S) ->
        {L1, S1} = gl(S, r(S, 10), fun(X) -> r(X, 15) end),
        {L2, S2} = gl(S1, r(S1, 10), fun(X) -> r(X, 15) end),
        {L3, _} = gl(S2, r(S2, 6), fun(X) -> r(X, 15) end),
        Va = r(S bsr 3, 2) + 1, Vb = r(S bsr 5, 2) + 1,
        A = mk(L1, Va), B = mk(L2, Vb), C = mk(L3, Va),
        io:format("~w ~w ~w ~w ~w ~w ~w ~w ~w ~w~n", [I, Va, Vb, srt(sets:union(A, B)), srt(sets:intersection(A, B)),
            srt(sets:subtract(A, B)), sets:is_disjoint(A, B), sets:is_subset(C, A),
            srt(sets:union([A, B, C])), srt(sets:intersection([A, B, C]))]),
        case Va =:= Vb of
            true -> io:format("  ~w ~w~n", [sets:to_list(sets:union(A, B)), sets:to_list(sets:intersection(B, A))]);
            false -> ok
        end
    end),
    io:format("~w~n", [[t(fun() -> sets:union(X) end) || X <- [[], a]]]),
    io:format("~w~n", [[t(fun() -> sets:intersection(X) end) || X <- [[], a]]]).
