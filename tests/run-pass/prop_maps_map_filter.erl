%% Property check of maps:map/2, filter/2, filtermap/2 on generated maps and with bad arguments.
-module(prop_maps_map_filter).
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
    cases(200, 5, fun(I, S) ->
        {M, _} = gmap(S),
        D = r(S bsr 4, 5) + 2,
        io:format("~w ~w~n  ~w~n  ~w~n  ~w~n", [I, M,
            maps:map(fun(K, V) -> {K, V * 2} end, M),
            maps:filter(fun(_, V) -> V rem D =:= 0 end, M),
            maps:filtermap(fun(K, V) when is_integer(K) -> {true, -V}; (_, V) -> V rem D =:= 1 end, M)])
    end),
    Bad = [a, [], {x}, 3],
    io:format("~w~n", [[t(fun() -> maps:map(fun(_, V) -> V end, X) end) || X <- Bad]]),
    io:format("~w~n", [[t(fun() -> maps:filter(fun(_, _) -> true end, X) end) || X <- Bad]]),
    io:format("~w~n", [[t(fun() -> maps:filtermap(fun(_, _) -> true end, X) end) || X <- Bad]]),
    io:format("~w~n", [[t(fun() -> maps:map(F, #{a => 1}) end) || F <- [x, fun(_) -> 1 end]]]),
    io:format("~w~n", [t(fun() -> maps:filtermap(fun(_, _) -> maybe end, #{a => 1}) end)]),
    io:format("~w~n", [t(fun() -> maps:filter(fun(_, _) -> 1 end, #{a => 1}) end)]).
