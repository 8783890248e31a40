%% halt/1 with a status above 255: the OS keeps the low 8 bits.
-module(halt_wraps).
-export([main/1]).

main(_) ->
    io:put_chars("wrapping\n"),
    erlang:halt(256 + 5).
