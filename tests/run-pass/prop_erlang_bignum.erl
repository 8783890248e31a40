%% Property check of big integer arithmetic (+, -, *, div, rem, bsl, bsr, band, bor, bxor, bnot, abs, integer_to_list in bases, comparisons) on generated numbers of up to 160 bits.
-module(prop_erlang_bignum).
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

big(S) ->
    Bits = r(S, 160),
    V = lists:foldl(fun(_, {A, X}) -> X1 = lcg(X), {(A bsl 31) bor X1, X1} end, {0, S}, lists:seq(1, Bits div 31 + 1)),
    N = element(1, V) bsr (31 * (Bits div 31 + 1) - Bits),
    case r(S bsr 3, 2) of 0 -> N; _ -> -N end.

main(_) ->
    cases(85, 491, fun(I, S) ->
        A = big(S), B = big(lcg(lcg(S))), Sh = r(S bsr 5, 200),
        io:format("~w ~w ~w~n  ~w~n", [I, A, B, [A + B, A - B, A * B, t(fun() -> A div B end), t(fun() -> A rem B end), A bsl Sh, A bsr Sh,
            A band B, A bor B, A bxor B, bnot A, abs(B), A < B, A == B, integer_to_list(A, 36)]])
    end).
