%% Property check of comparisons between integers, floats and bignums (==, =:=, <, =<, max, min, sort, usort) on generated numbers, including values near 2^53 and 2^64.
-module(prop_term_order_numbers).
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

num(S) ->
    case r(S, 7) of
        0 -> r(S bsr 3, 21) - 10;
        1 -> (r(S bsr 3, 21) - 10) * 1.0;
        2 -> (1 bsl 53) + r(S bsr 3, 5) - 2;
        3 -> float((1 bsl 53) + r(S bsr 3, 5) - 2);
        4 -> (1 bsl 64) * (r(S bsr 3, 3) - 1) + r(S bsr 6, 3) - 1;
        5 -> float((1 bsl 64) * (r(S bsr 3, 3) - 1));
        _ -> (r(S bsr 3, 21) - 10) / 4
    end.

main(_) ->
    cases(150, 263, fun(I, S) ->
        {L, _} = gl(S, r(S, 6) + 2, fun num/1),
        [A, B | _] = L,
        io:format("~w ~w ~w~n  ~w ~w ~w~n", [I, L, {A == B, A =:= B, A /= B, A =/= B, A < B, A =< B, A > B, A >= B},
            {max(A, B), min(A, B), max(B, A), min(B, A)}, lists:sort(fun(X, Y) -> X =< Y end, L), lists:usort(L)])
    end).
