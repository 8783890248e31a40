-module(hello).
-export([main/1]).

main(_Args) ->
    io:put_chars("Hello, world!\n").
