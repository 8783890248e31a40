%% Property check of array from_list/1,2, from_orddict/1,2, to_orddict, to_list and new/1,2 options on generated inputs.
-module(prop_array_from).
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
    cases(170, 179, fun(I, S) ->
        {L, S1} = gl(S, r(S, 14), fun(X) -> r(X, 9) end),
        {Od, _} = gl(S1, r(S1, 6), fun(X) -> {r(X, 25), r(X bsr 6, 9)} end),
        A = array:from_list(L, z),
        B = t(fun() -> array:from_orddict(lists:ukeysort(1, Od), z) end),
        io:format("~w ~w ~w ~w ~w~n", [I, A, array:to_orddict(A), B, t(fun() -> array:to_list(B) end)])
    end),
    io:format("~w~n", [[t(fun() -> array:from_orddict(X) end) || X <- [[{1, a}, {0, b}], [{0, a}, {0, b}], [{-1, a}], [a], x]]]),
    io:format("~w~n", [[t(fun() -> array:from_list(X) end) || X <- [[], x, [a | b]]]]),
    io:format("~w~n", [[t(fun() -> array:new(X) end) || X <- [-1, 0, 10, a, [{size, -1}], [{fixed, x}], [{default, 1}, {size, 3}, {fixed, false}], {size, 4}]]]),
    io:format("~w~n", [[t(fun() -> array:new(X, Y) end) || X <- [-1, 0, 3], Y <- [[], fixed, {fixed, false}, bad]]]).
