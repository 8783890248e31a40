%% Property check of maps:merge/2, merge_with/3, intersect/2, intersect_with/3 on pairs of generated maps.
-module(prop_maps_merge).
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

gmap(S) -> {L, S2} = gl(S, r(S, 7), fun(X) -> {term(X), r(X bsr 3, 100)} end), {maps:from_list(L), S2}.

main(_) ->
    cases(200, 99, fun(I, S) ->
        {A, S1} = gmap(S),
        {B, _} = gmap(S1),
        F = fun(K, V1, V2) -> {K, V1 - V2} end,
        io:format("~w ~w ~w~n  ~w~n  ~w~n  ~w~n  ~w~n", [I, A, B, maps:merge(A, B), maps:merge_with(F, A, B),
                                                      maps:intersect(A, B), maps:intersect_with(F, B, A)])
    end),
    Bad = [a, [], 1],
    F = fun(_, X, _) -> X end,
    io:format("~w~n", [[t(fun() -> maps:merge(X, Y) end) || X <- [#{} | Bad], Y <- [#{a => 1} | Bad]]]),
    io:format("~w~n", [[t(fun() -> maps:merge_with(F, X, Y) end) || X <- [#{} | Bad], Y <- [#{a => 1} | Bad]]]),
    io:format("~w~n", [[t(fun() -> maps:intersect(X, Y) end) || X <- [#{} | Bad], Y <- [#{a => 1} | Bad]]]),
    io:format("~w~n", [[t(fun() -> maps:intersect_with(F, X, Y) end) || X <- [#{} | Bad], Y <- [#{a => 1} | Bad]]]),
    io:format("~w~n", [[t(fun() -> maps:merge_with(G, #{a => 1}, #{a => 2}) end) || G <- [x, fun(_, _) -> 1 end]]]),
    io:format("~w~n", [[t(fun() -> maps:intersect_with(G, #{a => 1}, #{a => 2}) end) || G <- [x, fun(_, _) -> 1 end]]]).
