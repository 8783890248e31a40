%% Property check of ordsets from_list/add_element/del_element/is_element/is_set/size on generated lists of mixed terms (1 and 1.0 included).
-module(prop_ordsets_build).
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

el(S) -> case r(S, 3) of 0 -> r(S bsr 4, 6); 1 -> r(S bsr 4, 6) * 1.0; _ -> term(S bsr 2) end.

main(_) ->
    cases(250, 113, fun(I, S) ->
        {L, S1} = gl(S, r(S, 12), fun el/1),
        {Q, _} = gl(S1, 4, fun el/1),
        A = ordsets:from_list(L),
        B = lists:foldl(fun ordsets:add_element/2, ordsets:new(), L),
        C = lists:foldl(fun ordsets:del_element/2, A, Q),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, A, B, C, [ordsets:is_element(X, A) || X <- Q], ordsets:size(C)])
    end),
    io:format("~w~n", [[t(fun() -> ordsets:is_set(X) end) || X <- [[], [1, 2], [2, 1], [1, 1], [1, 1.0], [1.0, 1], a, [a | b]]]]).
