%% Property check of the term order on tuples, lists, maps, binaries and bitstrings (size first for tuples and maps, map keys compared in map-key order): comparisons, sort, usort.
-module(prop_term_order_compound).
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

small(S) ->
    case r(S, 4) of
        0 -> r(S bsr 3, 3);
        1 -> r(S bsr 3, 3) * 1.0;
        2 -> element(r(S bsr 3, 2) + 1, {a, b});
        _ -> [r(S bsr 3, 2)]
    end.

cmp(S) ->
    {Es, _} = gl(S, r(S bsr 2, 4), fun small/1),
    case r(S, 5) of
        0 -> list_to_tuple(Es);
        1 -> Es;
        2 -> maps:from_list([{K, r(S bsr 9, 2)} || K <- Es]);
        3 -> << <<(r(X, 4))>> || X <- lists:seq(1, length(Es)) >>;
        _ -> << <<(r(X, 2)):1>> || X <- lists:seq(S rem 3, length(Es) + 2) >>
    end.

main(_) ->
    cases(280, 269, fun(I, S) ->
        {L, _} = gl(S, r(S, 5) + 2, fun cmp/1),
        [A, B | _] = L,
        io:format("~w ~w ~w ~w ~w~n", [I, L, {A < B, A == B, A =:= B}, lists:sort(fun(X, Y) -> X =< Y end, L), lists:usort(L)])
    end).
