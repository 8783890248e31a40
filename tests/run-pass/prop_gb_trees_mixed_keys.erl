%% Property check of gb_trees with keys compared by == (1 and 1.0 are one key): insert/enter/update/lookup/delete_any, with key_exists errors.
-module(prop_gb_trees_mixed_keys).
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

key(S) -> case r(S, 2) of 0 -> r(S bsr 3, 6); _ -> r(S bsr 3, 6) * 1.0 end.

main(_) ->
    cases(250, 353, fun(I, S) ->
        {Ops, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 4), key(X bsr 2), r(X bsr 7, 9)} end),
        T = lists:foldl(fun({0, K, V}, A) -> try gb_trees:insert(K, V, A) catch error:E -> put(errs, [E | get(errs)]), A end;
                           ({1, K, V}, A) -> gb_trees:enter(K, V, A);
                           ({2, K, V}, A) -> try gb_trees:update(K, V, A) catch error:_ -> A end;
                           ({_, K, _}, A) -> gb_trees:delete_any(K, A)
                        end, (put(errs, []) =:= x) orelse gb_trees:empty(), Ops),
        io:format("~w ~w ~w ~w ~w~n", [I, T, lists:reverse(get(errs)), [gb_trees:lookup(key(S1 bsr X), T) || X <- [1, 2, 3]], gb_trees:to_list(T)])
    end).
