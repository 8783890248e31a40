%% Property check of erlang arithmetic BIFs (round/trunc/ceil/floor/abs/float/div/rem/band/bor/bxor/bsl/bsr) on generated small, big and float numbers.
-module(prop_erlang_arith).
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
    case r(S, 5) of
        0 -> r(S bsr 3, 2000) - 1000;
        1 -> (r(S bsr 3, 1000000) - 500000) * (1 bsl (r(S bsr 13, 90)));
        2 -> flt(S);
        3 -> -(1 bsl 59) + r(S bsr 3, 3) - 1;
        _ -> flt(S) * 1.0e15
    end.

main(_) ->
    cases(120, 239, fun(I, S) ->
        A = num(S), B = num(lcg(S)), Sh = r(S bsr 4, 140) - 70,
        io:format("~w ~w ~w~n  ~w~n  ~w~n", [I, A, B,
            [t(fun() -> erlang:F(A) end) || F <- [round, trunc, ceil, floor, abs, float]],
            [t(fun() -> A + B end), t(fun() -> A - B end), t(fun() -> A * B end), t(fun() -> A / B end),
             t(fun() -> A div B end), t(fun() -> A rem B end), t(fun() -> A band B end), t(fun() -> A bor B end),
             t(fun() -> A bxor B end), t(fun() -> A bsl Sh end), t(fun() -> A bsr Sh end), t(fun() -> bnot A end)]])
    end).
