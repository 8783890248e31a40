%% Property check of maps:with/2, without/2 and from_keys/2 on generated maps and key lists.
-module(prop_maps_with_without).
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

gmap(S) -> {L, S2} = gl(S, r(S, 9), fun(X) -> {term(X), r(X bsr 3, 100)} end), {maps:from_list(L), S2}.

main(_) ->
    cases(250, 77, fun(I, S) ->
        {M, S1} = gmap(S),
        {Ks, _} = gl(S1, r(S1, 6), fun term/1),
        io:format("~w ~w ~w~n  ~w ~w ~w~n", [I, M, Ks, maps:with(Ks, M), maps:without(Ks, M),
                                             maps:from_keys(Ks, I)])
    end),
    io:format("~w~n", [[t(fun() -> maps:with(K, M) end) || K <- [[a], a, [a | b]], M <- [#{a => 1}, x]]]),
    io:format("~w~n", [[t(fun() -> maps:without(K, M) end) || K <- [[a], a, [a | b]], M <- [#{a => 1}, x]]]),
    io:format("~w~n", [[t(fun() -> maps:from_keys(K, 0) end) || K <- [[a], a, [a | b], []]]]).
