%% Property check of arrays with large and sparse indices (up to 10^6): set/get/size/sparse_size/sparse_to_orddict/sparse_foldl and the tree depth (shape as OTP's).
-module(prop_array_large).
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

depth(T) when is_tuple(T), tuple_size(T) =:= 11 -> 1 + depth(element(1, T));
depth(T) when is_tuple(T) -> 1;
depth(_) -> 0.

main(_) ->
    cases(120, 421, fun(I, S) ->
        {Ops, S1} = gl(S, r(S, 12), fun(X) -> {r(X, 1000000), r(X bsr 5, 99)} end),
        A = lists:foldl(fun({Ix, V}, Ar) -> array:set(Ix, V, Ar) end, array:new(), Ops),
        {Q, _} = gl(S1, 3, fun(X) -> r(X, 1000000) end),
        {array, Sz, Max, _, Tree} = A,
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, Sz, Max, depth(Tree), array:sparse_size(A), array:sparse_to_orddict(A),
            {[array:get(Ix, A) || Ix <- Q], array:sparse_foldl(fun(Ix, V, Acc) -> Ix + V + Acc end, 0, A)}])
    end).
