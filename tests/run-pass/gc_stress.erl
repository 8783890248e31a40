%% Allocation-heavy code: many short-lived tuples, lists, binaries, maps and closures, and
%% long-lived data kept across collections, checked by sums at the end.
-module(gc_stress).
-export([main/1]).

churn(0, Keep) -> Keep;
churn(N, Keep) ->
    _Garbage = [{N, I, <<I:32>>} || I <- lists:seq(1, 20)],
    M = #{n => N, sq => N * N},
    F = fun(X) -> X + maps_n(M) end,
    Keep2 = case N rem 500 of 0 -> [{N, F(1), integer_to_binary(N)} | Keep]; _ -> Keep end,
    churn(N - 1, Keep2).

maps_n(#{n := N}) -> N.

main(_) ->
    Kept = churn(20000, []),
    io:format("~p~n", [length(Kept)]),
    io:format("~p~n", [lists:sum([A + B || {A, B, _} <- Kept])]),
    io:format("~p~n", [iolist_size([Bin || {_, _, Bin} <- Kept])]),
    %% a large structure built while collecting
    Big = lists:foldl(fun(I, Acc) -> [{I, integer_to_list(I)} | Acc] end, [], lists:seq(1, 20000)),
    io:format("~p~n", [length(Big)]),
    io:format("~p~n", [lists:sum([length(S) || {_, S} <- Big])]),
    %% large binaries (off-heap) created and dropped
    Bins = [list_to_binary(lists:duplicate(1000 + I, I)) || I <- lists:seq(1, 100)],
    io:format("~p~n", [lists:sum([byte_size(B) || B <- Bins])]).
