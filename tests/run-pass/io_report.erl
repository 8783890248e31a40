-module(io_report).
-export([main/1]).
main(_) ->
    Rows = [{"apples", 3, 0.5}, {"pears", 12, 1.25}, {"kiwis", 100, 0.1}],
    io:format("~-10s~6s~10s~n", ["name", "qty", "total"]),
    lists:foreach(fun({N, Q, P}) ->
                          io:format("~-10s~6b~10.2f~n", [N, Q, Q * P])
                  end, Rows),
    Total = lists:sum([Q * P || {_, Q, P} <- Rows]),
    io:format("total: ~.3f~n", [Total]),
    io:format("~p~n", [Rows]),
    io:put_chars("done\n").
