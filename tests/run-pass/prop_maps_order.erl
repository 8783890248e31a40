%% Property check of the order of maps:to_list/keys/values and ~p/~w of maps whose keys mix integers, floats, atoms, tuples, lists and binaries.
-module(prop_maps_order).
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

key2(S) ->
    case r(S, 6) of
        0 -> r(S bsr 4, 6);
        1 -> r(S bsr 4, 6) * 1.0;
        2 -> -r(S bsr 4, 6) * 1.0;
        3 -> {r(S bsr 4, 3), r(S bsr 9, 2)};
        4 -> list_to_atom([$a + r(S bsr 4, 4)]);
        _ -> term(S bsr 5)
    end.

main(_) ->
    cases(200, 4242, fun(I, S) ->
        {L, _} = gl(S, r(S, 32), fun(X) -> {key2(X), I} end),
        M = maps:from_list(L),
        io:format("~w ~w ~w~n", [I, maps:keys(M), maps:values(M) =:= [V || {_, V} <- maps:to_list(M)]]),
        io:format("~p~n", [M])
    end).
