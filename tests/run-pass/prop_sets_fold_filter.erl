%% Property check of sets fold/filter/is_set/is_empty/size on version 1 and 2 sets.
-module(prop_sets_fold_filter).
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
    cases(250, 31, fun(I, S) ->
        {L, _} = gl(S, r(S, 16), fun term/1),
        V = r(S bsr 3, 2) + 1,
        A = sets:from_list(L, [{version, V}]),
        F = sets:filter(fun(X) -> is_number(X) end, A),
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, V, sets:fold(fun(X, Acc) -> [X | Acc] end, [], A),
            sets:to_list(F), sets:is_empty(F), sets:is_set(A), sets:size(F)])
    end),
    io:format("~w~n", [[sets:is_set(X) || X <- [a, #{}, #{a => 1}, {set, 1}, [], sets:new()]]]),
    io:format("~w~n", [[t(fun() -> sets:size(X) end) || X <- [a, [], {}]]]),
    io:format("~w~n", [sets:is_empty(sets:new([{version, 2}]))]).
