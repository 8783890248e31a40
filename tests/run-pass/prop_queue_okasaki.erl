%% Property check of queue's Okasaki API (cons/head/tail/snoc/daeh/last/liat/lait/init) on generated queues, with the errors.
-module(prop_queue_okasaki).
-export([main/1]).
-compile([nowarn_unused_function, nowarn_deprecated_function]).

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

step(0, X, Q) -> queue:cons(X, Q);
step(1, X, Q) -> queue:snoc(Q, X);
step(2, _, Q) -> queue:tail(Q);
step(3, _, Q) -> queue:liat(Q);
step(4, _, Q) -> queue:init(Q);
step(_, _, Q) -> queue:lait(Q).

main(_) ->
    cases(150, 139, fun(I, S) ->
        {Ops, _} = gl(S, r(S, 12), fun(X) -> {r(X, 6), r(X bsr 5, 50)} end),
        {Q, Tr} = lists:foldl(fun({Op, X}, {Q1, A}) ->
                                      case t(fun() -> step(Op, X, Q1) end) of
                                          {error, E} -> {Q1, [E | A]};
                                          Q2 -> {Q2, [[t(fun() -> queue:F(Q2) end) || F <- [head, daeh, last]] | A]}
                                      end
                              end, {queue:new(), []}, Ops),
        io:format("~w ~w ~w ~w~n", [I, Ops, Q, lists:reverse(Tr)])
    end),
    io:format("~w~n", [[t(fun() -> queue:F(X) end) || F <- [head, tail, daeh, last, liat, lait, init], X <- [queue:new(), a]]]),
    io:format("~w~n", [[t(fun() -> queue:cons(1, X) end) || X <- [a, {[1], []}]] ++ [t(fun() -> queue:snoc(X, 1) end) || X <- [a, {[], [1]}]]]).
