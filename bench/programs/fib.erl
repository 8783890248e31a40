%% Naive doubly recursive Fibonacci. Prints fib(N).
-module(fib).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    erlang:display(fib(N)).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
