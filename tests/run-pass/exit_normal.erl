%% exit(normal) in an escript's main/1 is still an uncaught exception: status 127.
-module(exit_normal).
-export([main/1]).

main(_) ->
    erlang:display(leaving),
    exit(normal).
