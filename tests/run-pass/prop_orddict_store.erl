%% Property check of orddict from_list/store/erase/take/is_key/find/fetch/fetch_keys/size on generated dictionaries with mixed keys (1 and 1.0 included).
-module(prop_orddict_store).
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

key(S) -> case r(S, 3) of 0 -> r(S bsr 4, 6); 1 -> r(S bsr 4, 6) * 1.0; _ -> term(S bsr 2) end.

main(_) ->
    cases(180, 101, fun(I, S) ->
        {L, S1} = gl(S, r(S, 9), fun(X) -> {key(X), r(X bsr 4, 9)} end),
        {Q, _} = gl(S1, 4, fun key/1),
        A = orddict:from_list(L),
        B = lists:foldl(fun({K, V}, T) -> orddict:store(K, V, T) end, orddict:new(), L),
        C = lists:foldl(fun orddict:erase/2, A, Q),
        io:format("~w ~w ~w ~w ~w~n  ~w ~w ~w ~w ~w~n", [I, (A), A =:= B, (C), orddict:size(C),
            [orddict:find(K, A) || K <- Q], [orddict:is_key(K, A) || K <- Q], [t(fun() -> orddict:fetch(K, A) end) || K <- Q],
            [case orddict:take(K, A) of error -> error; {V, T} -> {V, (T)} end || K <- lists:sublist(Q, 2)], orddict:fetch_keys(C)])
    end),
    io:format("~w~n", [[orddict:is_empty(X) || X <- [orddict:new(), orddict:from_list([{a, 1}])]]]).
