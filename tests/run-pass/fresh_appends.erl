%% `Acc ++ B` where Acc is the accumulator a loop built from [] (in native clones the
%% first cell's tail is set to B in place instead of copying the cells): results, empty
%% accumulators, improper results, bailouts after the `++` (an overflow, a failing call)
%% that make the ordinary code run it again, and accumulators that are shared, read again
%% or passed on, where the cells must be copied.
-module(fresh_appends).
-export([main/1]).

-define(MAX, 576460752303423487).

main(_) ->
    L = lists:seq(1, 12),
    [io:format("rp ~p ~p~n", [K, w(fun() -> rp(K, L) end)]) || K <- [0, 1, 2, 5, 12, 13]],
    io:format("improper ~p~n", [w(fun() -> rpb(3, L, tail) end)]),
    io:format("improper ~p~n", [w(fun() -> rpb(0, L, 7) end)]),
    io:format("nested ~p~n", [w(fun() -> rpb(2, L, rpb(3, L, [x])) end)]),
    %% The `++` then an overflow in the same loop exit: the ordinary code redoes both.
    [io:format("overflow ~p~n", [w(fun() -> rpx(K, L, X) end)])
     || {K, X} <- [{3, 5}, {3, ?MAX}, {0, ?MAX}, {12, ?MAX - 1}, {12, ?MAX}]],
    %% The `++` then a call that bails out (a bignum inside it), or raises.
    [io:format("call ~p~n", [w(fun() -> rpc(4, L, X) end)]) || X <- [1, ?MAX, foo]],
    %% Accumulators that escape: the cells are copied.
    io:format("shared ~p~n", [w(fun() -> shared(3, L) end)]),
    io:format("passed ~p~n", [w(fun() -> passed(4, L) end)]),
    io:format("twice ~p~n", [w(fun() -> twice(3, L) end)]),
    io:format("start ~p~n", [w(fun() -> start(3, L, [a, b]) end)]),
    %% fannkuch-redux's flips over every permutation of [0..5].
    io:format("flips ~p~n", [lists:sum([flips(P) || P <- perms(lists:seq(0, 5))])]),
    %% Many loops in a row: collections between them keep the results intact.
    Big = lists:foldl(fun(I, Acc) -> rp(min(I rem 10, I - 1), [I | Acc]) end, [],
                      lists:seq(1, 3000)),
    io:format("fold ~p ~p~n", [length(Big), lists:sum(Big)]),
    ok.

w(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

%% Wrappers with a non-tail call (they enter their native clones) and a tail call (not
%% inlined into their ordinary callers).
rp(K, L) -> R = same(rev_prefix(K, L, [])), same(R).
rpb(K, L, B) -> R = same(rev_onto(K, L, [], B)), same(R).
rpx(K, L, X) -> R = same(rev_x(K, L, [], X)), same(R).
rpc(K, L, X) -> R = same(rev_c(K, L, [], X)), same(R).
flips(P) -> R = same(fl(P, 0)), same(R).

same(R) -> keep(R, 2).

keep(R, 0) -> R;
keep(R, K) -> element(1, {keep(R, K - 1)}).

rev_prefix(0, Rest, Acc) -> Acc ++ Rest;
rev_prefix(K, [X | T], Acc) -> rev_prefix(K - 1, T, [X | Acc]).

%% Reverse K elements onto B, then the rest of the list is dropped.
rev_onto(0, _, Acc, B) -> Acc ++ B;
rev_onto(K, [X | T], Acc, B) -> rev_onto(K - 1, T, [X | Acc], B).

rev_x(0, Rest, Acc, X) ->
    R = Acc ++ Rest,
    [X + 1 | R];
rev_x(K, [H | T], Acc, X) -> rev_x(K - 1, T, [H | Acc], X).

rev_c(0, Rest, Acc, X) ->
    R = Acc ++ Rest,
    {big(X), R};
rev_c(K, [H | T], Acc, X) -> rev_c(K - 1, T, [H | Acc], X).

big(X) -> X * 4 + 1.

%% Acc read again after the `++`.
shared(K, L) -> R = same(sh(K, L, [])), same(R).
sh(0, Rest, Acc) -> {Acc ++ Rest, Acc};
sh(K, [X | T], Acc) -> sh(K - 1, T, [X | Acc]).

%% A cell passed on besides the loop.
passed(K, L) -> R = same(pa(K, L, [], [])), same(R).
pa(0, Rest, Acc, Cells) -> {Acc ++ Rest, Cells};
pa(K, [X | T], Acc, Cells) ->
    C = [X | Acc],
    pa(K - 1, T, C, [C | Cells]).

%% Two `++` of the same accumulator.
twice(K, L) -> R = same(tw(K, L, [])), same(R).
tw(0, Rest, Acc) -> {Acc ++ Rest, Acc ++ [stop]};
tw(K, [X | T], Acc) -> tw(K - 1, T, [X | Acc]).

%% An accumulator that does not start as [].
start(K, L, A) -> R = same(rev_prefix(K, L, A)), same(R).

fl([0 | _], F) -> F;
fl([H | _] = L, F) -> fl(rev_prefix(H + 1, L, []), F + 1).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].
