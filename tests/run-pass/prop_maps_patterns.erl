%% Property check of map patterns (function heads, case, bound keys, nested maps) and is_map_key/map_get guards on generated maps.
-module(prop_maps_patterns).
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

%% A float of varied magnitude and sign.
flt(S) ->
    M = (S bsr 3) rem 100000 / 1000,
    X = case r(S, 5) of 0 -> M; 1 -> -M; 2 -> M / 100; 3 -> M * 1000; _ -> -M / 10 end,
    X.

classify(#{a := A, b := B}) -> {ab, A, B};
classify(#{a := A}) when is_integer(A) -> {a_int, A};
classify(#{{0} := V, [0] := W}) -> {tuple_list, V, W};
classify(M) when is_map_key(c, M), map_get(c, M) > 3 -> {c_big, map_get(c, M)};
classify(#{}) -> other.

main(_) ->
    cases(300, 337, fun(I, S) ->
        {L, S1} = gl(S, r(S, 8), fun(X) -> {term(X), r(X bsr 3, 9)} end),
        M = maps:from_list(L),
        K = term(S1),
        Inner = #{in => M},
        R = case Inner of
                #{in := #{K := V}} -> {found, V};
                #{in := X} when map_size(X) > 4 -> big;
                _ -> none
            end,
        io:format("~w ~w ~w ~w~n", [I, M, classify(M), R])
    end).
