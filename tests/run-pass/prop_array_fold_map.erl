%% Property check of array foldl/foldr/sparse_foldl/sparse_foldr/map/sparse_map on generated arrays (fold order and visited indices).
-module(prop_array_fold_map).
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
    cases(160, 173, fun(I, S) ->
        {Ops, _} = gl(S, r(S, 8), fun(X) -> {r(X, 12), r(X bsr 5, 9)} end),
        A = lists:foldl(fun({Ix, V}, Ar) -> array:set(Ix, V, Ar) end, array:new({default, 0}), Ops),
        F = fun(Ix, V, Acc) -> [{Ix, V} | Acc] end,
        io:format("~w ~w ~w ~w ~w~n  ~w ~w~n", [I, array:foldl(F, [], A), array:foldr(F, [], A),
            array:sparse_foldl(F, [], A), array:sparse_foldr(F, [], A),
            array:to_list(array:map(fun(Ix, V) -> Ix * 10 + V end, A)),
            array:sparse_to_orddict(array:sparse_map(fun(Ix, V) -> Ix - V end, A))])
    end),
    A = array:from_list([1, 2]),
    io:format("~w~n", [[t(fun() -> array:G(x, [], A) end) || G <- [foldl, foldr, sparse_foldl, sparse_foldr]]]),
    io:format("~w~n", [[t(fun() -> array:G(x, A) end) || G <- [map, sparse_map]]]).
