%% Ten thousand processes at once: spawn, each computes and replies, results collected
%% by selective receive in spawn order; then spawn_link'ed workers exiting normally.
-module(process_many).
-export([main/1]).

main(_) ->
    Self = self(),
    Pids = [spawn(fun() -> Self ! {self(), N * N} end) || N <- lists:seq(1, 10000)],
    Results = [receive {P, R} -> R end || P <- Pids],
    io:format("~p~n", [lists:sum(Results)]),
    process_flag(trap_exit, true),
    Linked = [spawn_link(fun() -> ok end) || _ <- lists:seq(1, 1000)],
    Reasons = [receive {'EXIT', P, Why} -> Why end || P <- Linked],
    io:format("~p~n", [lists:usort(Reasons)]),
    io:format("~p~n", [length([P || P <- Pids, is_process_alive(P)])]).
