%% Property check of nested maps: generated deep updates with the := and => syntax, maps:update_with on inner maps, and pattern matching of nested keys.
-module(prop_maps_nested).
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

path(S) -> [element(r(S bsr (3 * X), 3) + 1, {a, b, c}) || X <- lists:seq(1, 1 + r(S, 3))].

put_in([K], V, M) -> M#{K => V};
put_in([K | Ks], V, M) ->
    Inner = case M of #{K := I} when is_map(I) -> I; _ -> #{} end,
    M#{K => put_in(Ks, V, Inner)}.

get_in([K], M) -> maps:find(K, M);
get_in([K | Ks], M) ->
    case M of
        #{K := I} when is_map(I) -> get_in(Ks, I);
        _ -> error
    end.

main(_) ->
    cases(200, 523, fun(I, S) ->
        {Ps, S1} = gl(S, 1 + r(S, 6), fun(X) -> {path(X), r(X bsr 2, 9)} end),
        M = lists:foldl(fun({P, V}, A) -> put_in(P, V, A) end, #{}, Ps),
        Q = path(S1),
        U = t(fun() -> maps:update_with(a, fun(X) when is_map(X) -> X#{z => 0}; (X) -> X + 100 end, M) end),
        io:format("~w ~w ~w ~w~n", [I, M, {Q, get_in(Q, M)}, U])
    end).
