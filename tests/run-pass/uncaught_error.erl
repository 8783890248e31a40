%% An uncaught error in main/1: escript prints it on stderr and exits 127; the output
%% written before stays.
-module(uncaught_error).
-export([main/1]).

main(_) ->
    io:put_chars("start\n"),
    X = check(7),
    io:put_chars(["unreachable ", X, "\n"]).

check(N) when N > 100 -> "big";
check(N) -> element(N, {a, b}).
