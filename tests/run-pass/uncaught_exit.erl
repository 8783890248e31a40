%% An uncaught exit in main/1 after some output: escript prints the exception on stderr
%% and exits with status 127; the output before it is kept.
-module(uncaught_exit).
-export([main/1]).

main(_) ->
    io:format("before~n"),
    [io:format("~p~n", [N]) || N <- [1, 2, 3]],
    exit({shutdown, reason}).
