%% Property check of maps:get/2,3, find, is_key, put, remove, take, update on generated maps of mixed keys.
-module(prop_maps_access).
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
    cases(200, 11, fun(I, S) ->
        {M, S1} = gmap(S),
        K = term(lcg(S1)), V = r(S1, 50),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, M, maps:find(K, M), maps:is_key(K, M),
                                          t(fun() -> maps:get(K, M) end), maps:get(K, M, none)]),
        io:format("  ~w ~w ~w ~w~n", [maps:put(K, V, M), maps:remove(K, M), t(fun() -> maps:take(K, M) end),
                                   t(fun() -> maps:update(K, V, M) end)])
    end).
