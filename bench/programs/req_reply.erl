%% Request/reply to a server with Q unrelated messages sitting in the caller's queue,
%% against the same with an empty queue. Each request carries a fresh make_ref() and
%% the reply is received by matching on it (BEAM's reference-marker optimisation keeps
%% that O(1) in the queue length). Arguments: Q [Calls, default 100000].
-module(req_reply).
-export([main/1]).

main([A]) -> main([A, "100000"]);
main([A, B]) ->
    Q = list_to_integer(A),
    Calls = list_to_integer(B),
    Server = spawn(fun server/0),
    %% warm up both paths once
    Calls = calls(Calls, Server, 0),
    S0 = erlang:monotonic_time(microsecond),
    Calls = calls(Calls, Server, 0),
    S1 = erlang:monotonic_time(microsecond),
    fill(Q),
    S2 = erlang:monotonic_time(microsecond),
    Calls = calls(Calls, Server, 0),
    S3 = erlang:monotonic_time(microsecond),
    {message_queue_len, Len} = process_info(self(), message_queue_len),
    Empty = max(S1 - S0, 1),
    Full = max(S3 - S2, 1),
    io:format("STAT empty_us=~w full_us=~w ratio_x100=~w~n", [Empty, Full, Full * 100 div Empty]),
    io:format("req-reply ~w calls, ~w messages queued~n", [Calls, Len]).

fill(0) -> ok;
fill(N) -> self() ! {junk, N}, fill(N - 1).

calls(0, _Server, K) -> K;
calls(N, Server, K) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, N},
    receive
        {Ref, Reply} -> calls(N - 1, Server, K + Reply)
    end.

server() ->
    receive
        {call, From, Ref, _N} -> From ! {Ref, 1}, server()
    end.
