%% Seed ("Erlang 101", timeouts and retries): a call with a timeout that retries a
%% bounded number of times against a server that ignores the first requests.
-module(timeouts_retries).
-export([main/1]).

server(Ignore) ->
    receive
        {req, From, _Ref, X} when Ignore > 0 ->
            From ! {ignored_log, X},
            server(Ignore - 1);
        {req, From, Ref, X} ->
            From ! {reply, Ref, X * 10},
            server(0)
    end.

call(Pid, X, Timeout) ->
    Ref = make_ref(),
    Pid ! {req, self(), Ref, X},
    receive {reply, Ref, R} -> {ok, R}
    after Timeout -> timeout
    end.

retry(_, _, 0) -> {error, gave_up};
retry(Pid, X, N) ->
    case call(Pid, X, 20) of
        {ok, R} -> {ok, R, {attempts_left, N - 1}};
        timeout -> retry(Pid, X, N - 1)
    end.

main(_) ->
    S = spawn(fun() -> server(2) end),
    io:format("~p~n", [retry(S, 4, 5)]),
    io:format("~p~n", [retry(S, 5, 1)]),
    S2 = spawn(fun() -> server(10) end),
    io:format("~p~n", [retry(S2, 1, 3)]),
    Logs = flush_logs(),
    io:format("~p~n", [Logs]).

flush_logs() ->
    receive {ignored_log, X} -> [X | flush_logs()] after 50 -> [] end.
