%% Property check of sets (version 1, OTP's hash table record) built by from_list/add_element/del_element: printed form, to_list order, size, is_element.
-module(prop_sets_v1_build).
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
    cases(180, 17, fun(I, S) ->
        {L, S1} = gl(S, r(S, 9), fun term/1),
        {D, _} = gl(S1, r(S1, 6), fun term/1),
        A = sets:from_list(L),
        B = lists:foldl(fun sets:add_element/2, sets:new(), lists:reverse(L)),
        C = lists:foldl(fun sets:del_element/2, A, D),
        io:format("~w ~w ~w ~w ~w~n  ~w ~w~n", [I, sets:to_list(A), A =:= B, sets:size(C), sets:to_list(C),
                                    [sets:is_element(X, C) || X <- D ++ L], C])
    end).
