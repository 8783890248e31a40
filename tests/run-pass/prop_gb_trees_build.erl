%% Property check of gb_trees insert/enter/update/from_orddict/balance: printed trees (OTP's shape), to_list, keys, values.
-module(prop_gb_trees_build).
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
    cases(200, 67, fun(I, S) ->
        {L, _} = gl(S, r(S, 12), fun(X) -> {r(X, 30), r(X bsr 4, 9)} end),
        A = lists:foldl(fun({K, V}, T) -> gb_trees:enter(K, V, T) end, gb_trees:empty(), L),
        B = lists:foldl(fun({K, V}, T) -> t(fun() -> gb_trees:insert(K, V, T) end) end, gb_trees:empty(), lists:ukeysort(1, L)),
        C = gb_trees:from_orddict(gb_trees:to_list(A)),
        D = lists:foldl(fun({K, V}, T) -> gb_trees:update(K, -V, T) end, A, lists:sublist(L, 4)),
        io:format("~w ~w ~w~n  ~w ~w ~w ~w~n", [I, A, B, gb_trees:balance(A) =:= C, gb_trees:keys(D), gb_trees:values(D), gb_trees:size(C)])
    end),
    T = gb_trees:from_orddict([{1, a}, {2, b}]),
    io:format("~w~n", [[t(fun() -> gb_trees:insert(K, x, T) end) || K <- [0, 1, 2.0, 3]]]),
    io:format("~w~n", [[t(fun() -> gb_trees:update(K, x, T) end) || K <- [0, 1, 2.0, 3]]]).
