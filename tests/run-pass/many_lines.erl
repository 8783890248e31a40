%% More output than the stdout buffer holds (flushed in order), then halt(0).
-module(many_lines).
-export([main/1]).

main(_) ->
    lines(1, 5000),
    halt(0).

lines(N, Max) when N > Max -> ok;
lines(N, Max) ->
    io:put_chars(["line ", integer_to_list(N), " of ", integer_to_list(Max), $\n]),
    lines(N + 1, Max).
