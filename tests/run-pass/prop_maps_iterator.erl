%% Property check of maps:iterator/1 and maps:next/1 walks against maps:to_list/1 on generated maps.
-module(prop_maps_iterator).
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

gmap(S) -> {L, S2} = gl(S, r(S, 30), fun(X) -> {term(X), r(X bsr 3, 100)} end), {maps:from_list(L), S2}.

walk(It, N) ->
    case maps:next(It) of
        none -> [];
        {K, V, It2} when N > 0 -> [{K, V} | walk(It2, N - 1)];
        {K, V, _} -> [{K, V}, stop]
    end.

main(_) ->
    cases(250, 5151, fun(I, S) ->
        {M, _} = gmap(S),
        Stop = r(S bsr 3, 20),
        W = walk(maps:iterator(M), 1000),
        io:format("~w ~w ~w~n", [I, W =:= maps:to_list(M), walk(maps:iterator(M), Stop)])
    end),
    io:format("~w~n", [[t(fun() -> maps:iterator(X) end) || X <- [a, [], {}]]]),
    io:format("~w~n", [[t(fun() -> maps:next(X) end) || X <- [a, [], {}, none, [0]]]]),
    io:format("~w~n", [maps:next(maps:iterator(#{}))]),
    io:format("~w~n", [maps:filter(fun(K, _) -> K > 2 end, maps:iterator(#{1 => a, 3 => b, 5 => c}))]),
    io:format("~w~n", [maps:map(fun(K, V) -> {K, V} end, maps:iterator(#{1 => a, 3 => b}))]),
    io:format("~w~n", [maps:fold(fun(K, _, A) -> [K | A] end, [], maps:iterator(#{1 => a, 3 => b}))]).
