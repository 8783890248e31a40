%% Straight runs of arithmetic (compiled with a small-integer fast path that falls back
%% to the general code): every operand kind reaching every position of a run, overflow
%% into bignums part-way, floats mixed in, errors raised in the middle of a run (the
%% error term and the function in the stack trace), and runs whose float results are
%% boxed while the heap fills up.
-module(spec_runs).
-export([main/1]).

-define(SMALL_MAX, 576460752303423487).

main(_) ->
    Vals = [0, 1, -7, 3, 1000000007, ?SMALL_MAX, ?SMALL_MAX + 1, -?SMALL_MAX - 1,
            1 bsl 70, 2.5, -0.0, atom, [1], {}],
    [io:format("~p: ~p ~p ~p~n", [V, try_it(fun a/2, V, 3), try_it(fun a/2, 5, V),
                                   try_it(fun b/2, V, V)])
     || V <- Vals],
    [io:format("c ~p: ~p~n", [V, try_it(fun c/2, V, 2)]) || V <- Vals],
    [io:format("d ~p: ~p~n", [V, try_it(fun d/2, 17, V)]) || V <- Vals],
    io:format("rows ~p~n", [row(3, lists:seq(1, 20), 0, 0.0)]),
    io:format("rows big ~p~n", [row(?SMALL_MAX - 10, [1.0, 2.0, 3.0], 0, 0.0)]),
    io:format("sum ~p~n", [sum_sq(lists:seq(1, 2000), 0)]),
    io:format("sum big ~p~n", [sum_sq([?SMALL_MAX, ?SMALL_MAX, 3], 0)]),
    io:format("floats ~p~n", [lists:sum(fl(lists:seq(1, 5000), []))]),
    io:format("mixed ~p~n", [mixed(lists:seq(1, 10), 1)]),
    io:format("tri ~p~n", [[tri(N) || N <- [0, 1, 2, 10, 99999, ?SMALL_MAX div 2]]]),
    ok.

try_it(F, X, Y) ->
    try F(X, Y) catch error:R:S -> {error, R, element(2, hd(S))} end.

%% The spectral-norm matrix entry: six integer operations, then a float division.
a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

b(X, Y) -> Z = X * Y - X, {Z + 1, Z band 16#FF, Z rem 7}.

c(X, Y) -> (X bsr Y) bor (X bxor 5) + X div Y.

d(X, Y) -> (X - Y) * (X + Y) rem Y.

row(_I, [], _J, S) -> S;
row(I, [X | T], J, S) -> row(I, T, J + 1, S + a(I, J) * X).

sum_sq([], S) -> S;
sum_sq([X | T], S) -> sum_sq(T, S + X * X - X + 1).

%% Float results boxed in a run: many allocations, so collections happen between runs.
fl([], Acc) -> Acc;
fl([X | T], Acc) -> Y = X * 2 + 1, fl(T, [Y / 3 + Y * 1.5 | Acc]).

mixed([], P) -> P;
mixed([X | T], P) -> mixed(T, (P * X + X) rem 1000003 + trunc(X * 0.5 - X * 0.5)).

tri(N) -> N * (N + 1) div 2 - N + N.
