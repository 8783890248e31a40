%% Compiled to a native executable: `ferl run examples/fib.erl 30`, or
%% `ferlc examples/fib.erl && ./fib 30`.
-module(fib).
-export([main/1]).

main([N]) ->
    show(list_to_integer(N));
main([]) ->
    show(25);
main(_) ->
    io:put_chars("usage: fib [N]\n"),
    halt(2).

show(N) ->
    io:put_chars(["fib(", integer_to_list(N), ") = ", integer_to_list(fib(N)), "\n"]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
