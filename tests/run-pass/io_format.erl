-module(io_format).
-export([main/1]).
main(_) ->
    io:format("hello ~p ~w ~s~n", [[1,2,{a,"x"}], atom, "str"]),
    io:format("~b ~.2f ~8.3f|~-6s|~10s|~n", [255, 3.14159, 2.5, "ab", "right"]),
    io:format("~.16b ~.2b ~c~c ~~ ~e~n", [255, 5, $o, $k, 1.5]),
    io:format("~p~n", [{tuple, [1.0, -3, <<"bin">>, "deep", 'Quoted atom']}]),
    io:format("~w~n", ["string as list"]),
    io:format("~5.1f|~-8w|~8p|~n", [2.25, x, y]),
    io:format("plain line~n"),
    io:format("~p~n", [lists:seq(1, 40)]).
