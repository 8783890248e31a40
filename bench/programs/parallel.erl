%% Embarrassingly parallel: W workers each compute fib(K) independently; the runner
%% times it on 1 and on 2 schedulers. Arguments: K [W, default 8].
-module(parallel).
-export([main/1]).

main([A]) -> main([A, "8"]);
main([A, B]) ->
    K = list_to_integer(A),
    W = list_to_integer(B),
    Self = self(),
    S0 = erlang:monotonic_time(microsecond),
    Pids = [spawn(fun() -> Self ! {self(), fib(K)} end) || _ <- lists:seq(1, W)],
    Sum = lists:sum([receive {P, R} -> R end || P <- Pids]),
    S1 = erlang:monotonic_time(microsecond),
    io:format("STAT time_us=~w~n", [S1 - S0]),
    io:format("parallel ~w workers fib(~w) sum ~w~n", [W, K, Sum]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
