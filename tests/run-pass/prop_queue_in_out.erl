%% Property check of queue in/in_r/out/out_r op sequences: the queue's printed shape (OTP's {Rear, Front}) after every operation.
-module(prop_queue_in_out).
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

step(0, X, Q) -> {ok, queue:in(X, Q)};
step(1, X, Q) -> {ok, queue:in_r(X, Q)};
step(2, _, Q) -> queue:out(Q);
step(_, _, Q) -> queue:out_r(Q).

main(_) ->
    cases(250, 131, fun(I, S) ->
        {Ops, _} = gl(S, r(S, 14), fun(X) -> {r(X, 4), r(X bsr 5, 50)} end),
        Q0 = queue:from_list(lists:seq(1, r(S bsr 3, 5))),
        {Trace, Q} = lists:mapfoldl(fun({Op, X}, Q1) -> {R, Q2} = step(Op, X, Q1), {R, Q2} end, Q0, Ops),
        io:format("~w ~w ~w ~w ~w~n", [I, Q0, Trace, Q, queue:len(Q)])
    end).
