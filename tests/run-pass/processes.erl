%% Processes: spawn, send, receive (with after), links and trap_exit, under the scheduler.
-module(processes).
-export([main/1]).

main(_) ->
    Self = self(),
    Pids = [spawn(fun() -> worker(Self, N) end) || N <- lists_seq(1, 50)],
    Results = [receive {done, P, R} -> R end || P <- Pids],
    erlang:display(sum(Results, 0)),
    Echo = spawn(fun echo/0),
    Echo ! {self(), ping},
    receive {Echo, Msg} -> erlang:display(Msg) end,
    receive never -> erlang:display(wrong) after 10 -> erlang:display(timeout) end,
    process_flag(trap_exit, true),
    Linked = spawn_link(fun() -> exit(crashed) end),
    receive {'EXIT', Linked, Why} -> erlang:display({exit_signal, Why}) end,
    erlang:display(ring(1000, 3)).

worker(Parent, N) ->
    Parent ! {done, self(), N * N}.

echo() ->
    receive {From, Msg} -> From ! {self(), {echoed, Msg}} end.

%% A chain of N processes; a token runs through it M times, each hop adds one.
ring(N, M) ->
    Head = lists_foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, self(), lists_seq(1, N)),
    lists_foldl(fun(_, Acc) -> Head ! {token, Acc}, receive {token, V} -> V end end, 0, lists_seq(1, M)).

relay(Next) ->
    receive {token, K} -> Next ! {token, K + 1}, relay(Next) end.

lists_seq(A, B) when A > B -> [];
lists_seq(A, B) -> [A | lists_seq(A + 1, B)].

lists_foldl(F, Acc, [H | T]) -> lists_foldl(F, F(H, Acc), T);
lists_foldl(_, Acc, []) -> Acc.

sum([H | T], A) -> sum(T, A + H);
sum([], A) -> A.
