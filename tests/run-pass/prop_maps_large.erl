%% Property check of maps with many keys (up to 200) through size, get, remove, and sorted to_list/keys.
-module(prop_maps_large).
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
    cases(120, 31337, fun(I, S) ->
        {L, S1} = gl(S, r(S, 200), fun(X) -> {r(X, 300), r(X bsr 4, 7)} end),
        M = maps:from_list(L),
        {Rm, _} = gl(S1, 30, fun(X) -> r(X, 300) end),
        M2 = lists:foldl(fun maps:remove/2, M, Rm),
        M3 = maps:filter(fun(K, _) -> K rem 3 =:= 0 end, M2),
        Sum = maps:fold(fun(K, V, A) -> K * V + A end, 0, M),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, maps:size(M), maps:size(M2), Sum,
                                        lists:sort(maps:to_list(M3)),
                                        lists:sort(maps:keys(maps:map(fun(_, V) -> V end, M2))) =:= lists:sort(maps:keys(M2))]),
        io:format("  ~w ~w~n", [[maps:get(K, M, x) || K <- lists:seq(0, 20)], M3 =:= maps:from_list(lists:reverse(maps:to_list(M3)))])
    end).
