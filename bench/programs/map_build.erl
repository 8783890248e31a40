%% Large maps (HAMTs above 32 keys): build a map of N integer keys with M#{K => V} in a
%% loop, look every key up with maps:get/2, build the same map with maps:from_list/1,
%% fold over it and turn it into a list. Prints one checksum with erlang:display/1.
%% main([N, "phases"]) prints each phase's time in microseconds instead.
-module(map_build).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    {_, C} = run(N),
    erlang:display(C);
main([A, "phases"]) ->
    N = list_to_integer(A),
    {Ts, C} = run(N),
    [io:format("~s ~w us~n", [P, T]) || {P, T} <- Ts],
    erlang:display(C).

run(N) ->
    {T1, M} = timer:tc(fun() -> build(N, #{}) end),
    {T2, S1} = timer:tc(fun() -> lookup(N, M, 0) end),
    {T3, M2} = timer:tc(fun() -> maps:from_list([{K, K * 2} || K <- lists:seq(1, N)]) end),
    {T4, S2} = timer:tc(fun() -> maps:fold(fun(K, V, Acc) -> (Acc * 31 + K + V) rem 1000000007 end, 0, M2) end),
    {T5, S3} = timer:tc(fun() -> lists:foldl(fun({K, V}, Acc) -> (Acc * 17 + K - V) rem 1000000007 end, 0, maps:to_list(M)) end),
    {T6, M3} = timer:tc(fun() -> shrink(N div 2, M) end),
    Same = M =:= M2,
    {[{build, T1}, {get, T2}, {from_list, T3}, {fold, T4}, {to_list, T5}, {remove, T6}],
     {map_size(M), S1, S2, S3, map_size(M3), Same}}.

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).

lookup(0, _, Acc) -> Acc;
lookup(N, M, Acc) -> lookup(N - 1, M, Acc + maps:get(N, M)).

shrink(0, M) -> M;
shrink(N, M) -> shrink(N - 1, maps:remove(N * 2, M)).
