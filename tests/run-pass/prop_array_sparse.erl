%% Property check of arrays with defaults: reset, sparse_to_list, sparse_to_orddict, sparse_size, default/1 on generated arrays.
-module(prop_array_sparse).
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
    cases(200, 167, fun(I, S) ->
        {Ops, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 40), case r(X bsr 6, 4) of 0 -> dflt; V -> V end} end),
        A = lists:foldl(fun({Ix, V}, Ar) -> array:set(Ix, V, Ar) end, array:new({default, dflt}), Ops),
        {Rs, _} = gl(S1, 4, fun(X) -> r(X, 45) end),
        B = lists:foldl(fun(Ix, Ar) -> t(fun() -> array:reset(Ix, Ar) end) end, A, Rs),
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, array:sparse_to_list(A), array:sparse_to_orddict(A), array:sparse_size(A),
            t(fun() -> array:sparse_to_list(B) end), t(fun() -> array:size(B) end), array:default(A)])
    end),
    F = array:new(3, fixed),
    io:format("~w~n", [[t(fun() -> array:reset(Ix, F) end) || Ix <- [-1, 0, 2, 3, 4]]]),
    io:format("~w~n", [[t(fun() -> array:reset(Ix, array:new()) end) || Ix <- [-1, 0, 100]]]).
