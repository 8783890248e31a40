%% Property check of big gb_sets: thousands of generated adds and deletes, union/intersection of big sets, heights (shapes as OTP's) and checksums of to_list.
-module(prop_gb_sets_large).
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

height(nil) -> 0;
height({_, L, R}) -> 1 + max(height(L), height(R)).

ck(L) -> lists:foldl(fun(K, A) -> (A * 31 + K) rem 1000000007 end, 0, L).

main(_) ->
    cases(30, 373, fun(I, S) ->
        {Ks, S1} = gl(S, 200 + r(S, 800), fun(X) -> r(X, 5000) end),
        {Ds, _} = gl(S1, r(S1, 600), fun(X) -> r(X, 5000) end),
        A = lists:foldl(fun gb_sets:add/2, gb_sets:new(), Ks),
        B = gb_sets:from_list(Ds),
        U = gb_sets:union(A, B), N = gb_sets:intersection(A, B), D = gb_sets:difference(A, B),
        io:format("~w ~w~n", [I, [{gb_sets:size(X), height(element(2, X)), ck(gb_sets:to_list(X))} || X <- [A, B, U, N, D]]])
    end).
