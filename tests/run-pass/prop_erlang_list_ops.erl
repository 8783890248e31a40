%% Property check of the list operators and BIFs ++, --, length, hd, tl, list_to_tuple on generated lists of mixed terms (-- removes the first =:= equal element), with the errors.
-module(prop_erlang_list_ops).
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

el(S) -> case r(S, 3) of 0 -> r(S bsr 3, 5); 1 -> r(S bsr 3, 5) * 1.0; _ -> term(S bsr 2) end.

main(_) ->
    cases(300, 487, fun(I, S) ->
        {A, S1} = gl(S, r(S, 9), fun el/1),
        {B, _} = gl(S1, r(S1, 6), fun el/1),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, A, B, A ++ B, A -- B, [length(A), t(fun() -> hd(A) end), t(fun() -> tl(B) end)]])
    end),
    io:format("~w~n", [[t(fun() -> X ++ Y end) || X <- [[1], [], [1 | 2], a], Y <- [[2], a]]]),
    io:format("~w~n", [[t(fun() -> X -- Y end) || X <- [[1], [], [1 | 2], a], Y <- [[1], a, [1 | 2]]]]),
    io:format("~w~n", [[t(fun() -> F(X) end) || F <- [fun length/1, fun hd/1, fun tl/1], X <- [[], [1 | 2], a, [a]]]]).
