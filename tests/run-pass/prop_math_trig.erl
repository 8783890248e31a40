%% Property check of math sin/cos/tan/asin/acos/atan/atan2 on generated floats and integers, with the errors outside the domains.
-module(prop_math_trig).
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

main(_) ->
    cases(150, 223, fun(I, S) ->
        X = flt(S), Y = flt(lcg(S)), N = r(S, 21) - 10, U = X / 100,
        io:format("~w ~w ~w ~w~n  ~w~n", [I, X, Y, [math:sin(X), math:cos(X), math:tan(X), math:atan(X), math:sin(N), math:cos(N)],
            [t(fun() -> math:asin(U) end), t(fun() -> math:acos(U) end), math:atan2(X, Y), math:atan2(N, X), t(fun() -> math:atan2(N, 0) end)]])
    end),
    io:format("~w~n", [[t(fun() -> math:F(X) end) || F <- [sin, cos, tan, asin, acos, atan], X <- [0, 1, -1, 1.0000001, a, "1", 1 bsl 80]]]),
    io:format("~w~n", [[t(fun() -> math:atan2(X, Y) end) || X <- [0, 0.0, -0.0, 1, a], Y <- [0, 0.0, -0.0, -1, a]]]).
