%% `div` and `rem` at the edges of the small-integer range, with literal divisors (no
%% overflow check unless the divisor is -1) and variable ones, in ordinary code, in a
%% speculative integer run and in a native clone.
-module(div_rem_edges).
-export([main/1]).

-define(MIN, -576460752303423488).
-define(MAX, 576460752303423487).

main(_) ->
    Xs = [0, 1, -1, 7, -7, ?MIN, ?MIN + 1, ?MAX, ?MAX - 1, ?MAX + 1, ?MIN - 1],
    [io:format("~p: ~p~n", [X, lits(X)]) || X <- Xs],
    [io:format("~p ~p: ~p~n", [X, Y, w(fun() -> vars(X, Y) end)])
     || X <- Xs, Y <- [1, -1, 2, -2, 3, 0, ?MIN, ?MAX]],
    [io:format("run ~p: ~p~n", [X, w(fun() -> run(X, 3) end)]) || X <- Xs],
    [io:format("clone ~p: ~p~n", [X, w(fun() -> cl(X) end)]) || X <- Xs],
    ok.

w(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

lits(X) ->
    {X div 2, X rem 2, X div -2, X rem -2, X div 1, X div -1, X rem -1, X div 7, X rem -7,
     X div ?MAX, X rem ?MIN}.

vars(X, Y) -> {X div Y, X rem Y}.

%% Several integer operations in a row: a speculative run.
run(X, Y) ->
    A = X div 2 + Y,
    B = A rem 5 - Y,
    C = X div -1 + B,
    {A, B, C}.

%% A native clone: a non-tail call, and a tail call so that it is not inlined.
cl(X) -> R = same(half(X, 4, [])), same(R).

half(_, 0, Acc) -> Acc;
half(X, K, Acc) -> half(X div 2, K - 1, [X rem 3, X div -1 | Acc]).

same(R) -> keep(R, 2).

keep(R, 0) -> R;
keep(R, K) -> element(1, {keep(R, K - 1)}).
