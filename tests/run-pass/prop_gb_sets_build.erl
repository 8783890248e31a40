%% Property check of gb_sets built by insert/add/add_element/from_list/from_ordset/balance: printed trees (OTP's shape), to_list, size.
-module(prop_gb_sets_build).
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
    cases(220, 43, fun(I, S) ->
        {L, _} = gl(S, r(S, 11), fun(X) -> r(X, 40) end),
        A = gb_sets:from_list(L),
        B = lists:foldl(fun gb_sets:add/2, gb_sets:new(), L),
        U = lists:usort(L),
        C = lists:foldl(fun gb_sets:insert/2, gb_sets:empty(), U),
        io:format("~w ~w ~w ~w~n  ~w ~w ~w~n", [I, A, B, gb_sets:to_list(B), C, gb_sets:balance(C) =:= gb_sets:from_ordset(U),
                                          gb_sets:size(gb_sets:balance(B))])
    end),
    io:format("~w~n", [[t(fun() -> gb_sets:insert(X, gb_sets:from_list([1, 2, 3])) end) || X <- [0, 2, 2.0, 4]]]),
    io:format("~w~n", [[gb_sets:singleton(X) || X <- [a, 1, {}]]]).
