%% Property check of the errors of the maps BIFs and functions for generated bad arguments (badmap, badkey, badarg).
-module(prop_maps_errors).
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

bad(S) -> element(r(S, 7) + 1, {a, 1, [], [{a, 1}], {x}, <<>>, 2.5}).

main(_) ->
    cases(75, 331, fun(I, S) ->
        B = bad(S), K = term(lcg(S)), M = maps:from_list([{term(S bsr 3), 1}]),
        io:format("~w ~w ~w~n  ~w~n  ~w~n  ~w~n", [I, B, K,
            [t(fun() -> maps:F(K, B) end) || F <- [get, find, is_key, remove, take]],
            [t(fun() -> maps:put(K, 0, B) end), t(fun() -> maps:update(K, 0, B) end), t(fun() -> maps:get(K, B, d) end),
             t(fun() -> maps:update(K, 0, M) end), t(fun() -> maps:get(K, M) end), t(fun() -> B#{K => 1} end), t(fun() -> M#{K := 1} end)],
            [t(fun() -> maps:F(B) end) || F <- [keys, values, to_list, size, from_list, iterator, next]] ++
            [t(fun() -> maps:merge(B, M) end), t(fun() -> maps:merge(M, B) end), t(fun() -> maps:from_keys(B, 0) end),
             t(fun() -> map_size(B) end), t(fun() -> is_map_key(K, B) end)]])
    end).
