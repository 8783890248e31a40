%% Property check of queue filter/filtermap/fold/any/all/member/delete/delete_r/delete_with/delete_with_r on generated queues.
-module(prop_queue_filter).
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
    cases(180, 151, fun(I, S) ->
        {L, S1} = gl(S, r(S, 10), fun(X) -> r(X, 12) end),
        {L2, _} = gl(S1, r(S1, 4), fun(X) -> r(X, 12) end),
        Q = lists:foldl(fun queue:in_r/2, queue:from_list(L), L2),
        X = r(S bsr 5, 12),
        io:format("~w ~w ~w~n  ~w ~w ~w ~w~n", [I, Q,
            [queue:filter(fun(E) -> E > X end, Q), queue:filter(fun(E) -> [E, E] end, Q),
             queue:filtermap(fun(E) when E > X -> {true, -E}; (E) -> E rem 2 =:= 0 end, Q)],
            queue:fold(fun(E, A) -> [E | A] end, [], Q), {queue:any(fun(E) -> E > X end, Q), queue:all(fun(E) -> E > X end, Q), queue:member(X, Q)},
            [queue:delete(X, Q), queue:delete_r(X, Q)],
            [queue:delete_with(fun(E) -> E < X end, Q), queue:delete_with_r(fun(E) -> E < X end, Q)]])
    end),
    Q = queue:from_list([1, 2, 3]),
    io:format("~w~n", [[t(fun() -> queue:F(fun(_) -> x end, Q) end) || F <- [filter, filtermap, any, all, delete_with, delete_with_r]]]),
    io:format("~w~n", [[t(fun() -> queue:F(x, Q) end) || F <- [filter, filtermap, any, all, delete_with, delete_with_r]]]).
