%% Property check of queue split/join/reverse/len/to_list/from_list on generated queues, with the errors.
-module(prop_queue_split_join).
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

main(_) ->
    cases(220, 149, fun(I, S) ->
        {L, S1} = gl(S, r(S, 12), fun(X) -> r(X, 30) end),
        {L2, _} = gl(S1, r(S1, 5), fun(X) -> r(X, 30) end),
        Q = lists:foldl(fun queue:in_r/2, queue:from_list(L), L2),
        N = r(S bsr 6, 16),
        io:format("~w ~w ~w ~w ~w ~w~n", [I, Q, t(fun() -> queue:split(N, Q) end), queue:reverse(Q),
                                        queue:join(Q, queue:from_list(L2)), {queue:len(Q), queue:to_list(Q)}])
    end),
    io:format("~w~n", [[t(fun() -> queue:split(N, X) end) || N <- [-1, 0, 1, a], X <- [queue:new(), a]]]),
    io:format("~w~n", [[t(fun() -> queue:join(X, Y) end) || X <- [queue:new(), a], Y <- [queue:new(), b]]]),
    io:format("~w~n", [[t(fun() -> queue:F(X) end) || F <- [reverse, len, to_list, from_list, is_empty, is_queue], X <- [a, [1], {[1], [2]}, {a, b}]]]).
