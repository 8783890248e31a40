-module(fib).
-export([main/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

main(_) ->
    erlang:display(fib(25)),
    erlang:display([fib(N) || N <- lists_seq(0, 15)]),
    erlang:display(fact(40)),
    erlang:display(length(deep(100000, []))).

lists_seq(A, B) when A > B -> [];
lists_seq(A, B) -> [A | lists_seq(A + 1, B)].

deep(0, Acc) -> Acc;
deep(N, Acc) -> deep(N - 1, [N | Acc]).
