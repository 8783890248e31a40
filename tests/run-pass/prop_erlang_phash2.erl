%% Property check of erlang:phash2/1,2 on generated terms of every printable type (the hash values OTP computes).
-module(prop_erlang_phash2).
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

deep(S, 0) -> term(S);
deep(S, D) ->
    case r(S, 6) of
        0 -> {deep(lcg(S), D - 1), deep(lcg(lcg(S)), D - 1)};
        1 -> [deep(lcg(S), D - 1), deep(lcg(lcg(S)), D - 1)];
        2 -> #{deep(lcg(S), 0) => deep(lcg(lcg(S)), D - 1)};
        3 -> (1 bsl (60 + r(S bsr 3, 40))) + r(S bsr 5, 1000);
        4 -> list_to_binary(lists:seq(1, r(S bsr 3, 20)));
        _ -> term(S)
    end.

main(_) ->
    cases(300, 397, fun(I, S) ->
        T = deep(S, 3),
        io:format("~w ~w ~w ~w~n", [I, T, erlang:phash2(T), erlang:phash2(T, 1000)])
    end).
