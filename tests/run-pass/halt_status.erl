%% halt(N) ends the program at once with status N; nothing after it runs.
-module(halt_status).
-export([main/1]).

main(_) ->
    io:put_chars("before halt\n"),
    halt(3),
    io:put_chars("never printed\n").
