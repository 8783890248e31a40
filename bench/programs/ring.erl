%% Ring of N processes passing a token around M times (N*M messages).
%% Arguments: N (processes) [M (laps, default 1000)].
-module(ring).
-export([main/1]).

main([A]) -> main([A, "1000"]);
main([A, B]) ->
    N = list_to_integer(A),
    M = list_to_integer(B),
    Self = self(),
    Last = spawn(fun() -> last(Self) end),
    First = build(N - 1, Last, Self),
    Last ! {first, First},
    S0 = erlang:monotonic_time(microsecond),
    First ! {token, N * M - 1},
    receive done -> ok end,
    S1 = erlang:monotonic_time(microsecond),
    US = max(S1 - S0, 1),
    io:format("STAT time_us=~w msgs=~w msg_per_s=~w~n", [US, N * M, N * M * 1000000 div US]),
    io:format("ring ~w processes ~w laps ~w messages~n", [N, M, N * M]).

build(0, Next, _Main) -> Next;
build(K, Next, Main) ->
    build(K - 1, spawn(fun() -> node_loop(Next, Main) end), Main).

last(Main) ->
    receive {first, F} -> node_loop(F, Main) end.

node_loop(Next, Main) ->
    receive
        {token, 0} ->
            Main ! done,
            node_loop(Next, Main);
        {token, K} ->
            Next ! {token, K - 1},
            node_loop(Next, Main)
    end.
