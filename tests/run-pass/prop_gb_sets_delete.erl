%% Property check of gb_sets delete/delete_any/del_element/take_smallest/take_largest/smallest/largest on generated sets.
-module(prop_gb_sets_delete).
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

drain(Set, F) ->
    case gb_sets:is_empty(Set) of
        true -> [];
        false -> {X, S2} = gb_sets:F(Set), [X | drain(S2, F)]
    end.

main(_) ->
    cases(220, 47, fun(I, S) ->
        {L, S1} = gl(S, r(S, 14), fun(X) -> r(X, 30) end),
        {D, _} = gl(S1, r(S1, 8), fun(X) -> r(X, 30) end),
        A = gb_sets:from_list(L),
        B = lists:foldl(fun gb_sets:delete_any/2, A, D),
        C = lists:foldl(fun gb_sets:del_element/2, A, D),
        io:format("~w ~w ~w ~w ~w~n", [I, B, B =:= C, [t(fun() -> gb_sets:delete(X, A) end) || X <- lists:sublist(D, 3)],
                                     [t(fun() -> {gb_sets:smallest(B), gb_sets:largest(B)} end)]]),
        io:format("  ~w ~w~n", [drain(A, take_smallest), drain(A, take_largest)])
    end),
    E = gb_sets:empty(),
    io:format("~w~n", [[t(fun() -> gb_sets:F(E) end) || F <- [smallest, largest, take_smallest, take_largest]]]).
