%% Property check of gb_trees under generated sequences of enter/insert/delete_any/update/take_smallest/take_largest/balance, printing the tree (OTP's shape) after the sequence and the sizes after every step.
-module(prop_gb_trees_ops_seq).
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

step(S, T) ->
    K = r(S bsr 3, 20),
    case r(S, 8) of
        0 -> gb_trees:delete_any(K, T);
        1 -> case gb_trees:is_empty(T) of true -> T; false -> element(3, gb_trees:take_smallest(T)) end;
        2 -> case gb_trees:is_empty(T) of true -> T; false -> element(3, gb_trees:take_largest(T)) end;
        3 -> gb_trees:balance(T);
        4 -> case gb_trees:is_defined(K, T) of true -> gb_trees:update(K, u, T); false -> gb_trees:insert(K, i, T) end;
        _ -> gb_trees:enter(K, e, T)
    end.

main(_) ->
    cases(200, 479, fun(I, S) ->
        {Ops, _} = gl(S, 12, fun(X) -> X end),
        {Tr, T} = lists:mapfoldl(fun(X, A) -> B = step(X, A), {gb_trees:size(B), B} end, gb_trees:empty(), Ops),
        io:format("~w ~w ~w~n", [I, Tr, T])
    end).
