%% Property check of the tuple BIFs (element, setelement, tuple_size, append_element, delete_element, insert_element, make_tuple, tuple_to_list, list_to_tuple) on generated tuples and indices, with the errors.
-module(prop_erlang_tuples).
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

main(_) ->
    cases(250, 379, fun(I, S) ->
        {L, _} = gl(S, r(S, 6), fun term/1),
        T = list_to_tuple(L), N = r(S bsr 3, 9) - 1, V = term(S bsr 5),
        io:format("~w ~w ~w ~w~n", [I, T, N, [t(fun() -> element(N, T) end), t(fun() -> setelement(N, T, V) end),
            tuple_size(T), erlang:append_element(T, V), t(fun() -> erlang:delete_element(N, T) end),
            t(fun() -> erlang:insert_element(N, T, V) end), t(fun() -> erlang:make_tuple(N, V) end),
            t(fun() -> erlang:make_tuple(N, V, [{1, a}, {N, b}]) end), tuple_to_list(T) =:= L]])
    end),
    io:format("~w~n", [[t(fun() -> F(X) end) || F <- [fun tuple_size/1, fun tuple_to_list/1, fun list_to_tuple/1], X <- [a, [1 | 2], {}, [a]]]]).
