%% "prefix" ++ T patterns in function heads, case and =; strings as lists of chars.
-module(pat_string_prefix).
-export([main/1]).

command("GET " ++ Path) -> {get, Path};
command("PUT " ++ Rest) -> {put, Rest};
command("DEL" ++ [$  | Key]) -> {delete, Key};
command([$# | Comment]) -> {comment, Comment};
command("") -> empty;
command(Other) -> {unknown, Other}.

strip_http("http://" ++ Host) -> Host;
strip_http("https://" ++ Host) -> Host;
strip_http(S) -> S.

main(_) ->
    Cmds = ["GET /index.html", "PUT key=value", "DEL mykey", "# a note", "", "HEAD /",
            "GET ", "GE"],
    [io:format("~p~n", [command(C)]) || C <- Cmds],
    [io:format("~s~n", [strip_http(U)]) || U <- ["http://erlang.org", "https://a.b/c", "ftp://x"]],
    "abc" ++ Tail = "abcdef",
    io:format("~s~n", [Tail]),
    R = case "key:value" of
            "key:" ++ V -> {value, V};
            _ -> none
        end,
    io:format("~p~n", [R]),
    %% char lists
    io:format("~w~n", ["hi"]),
    io:format("~p~n", [[$h, $i] =:= "hi"]).
