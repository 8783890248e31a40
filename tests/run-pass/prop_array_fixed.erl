%% Property check of fixed arrays: set/get inside and outside the bounds, fix/relax/is_fix, with the errors.
-module(prop_array_fixed).
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
    cases(200, 163, fun(I, S) ->
        N = r(S, 30),
        A0 = array:new(N, [{default, d}]),
        {Ops, _} = gl(S, 6, fun(X) -> {r(X, 35) - 2, r(X bsr 5, 9)} end),
        {A, Tr} = lists:foldl(fun({Ix, V}, {Ar, Acc}) ->
                                      case t(fun() -> array:set(Ix, V, Ar) end) of
                                          {error, E} -> {Ar, [E | Acc]};
                                          Ar2 -> {Ar2, [Ix | Acc]}
                                      end
                              end, {A0, []}, Ops),
        R = array:relax(A),
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, N, lists:reverse(Tr), array:sparse_to_orddict(A),
            [t(fun() -> array:get(Ix, A) end) || Ix <- [-1, 0, N - 1, N, N + 5]],
            {array:is_fix(A), array:is_fix(R), array:is_fix(array:fix(R))},
            [t(fun() -> array:get(N + 3, X) end) || X <- [R, array:set(N + 1, z, R)]]])
    end).
