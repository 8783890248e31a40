%% Character literals and escapes in strings, chars, atoms and binaries, and how ~p/~w
%% print them back.
-module(char_escapes).
-export([main/1]).

main(_) ->
    io:format("~w~n", [[$a, $\n, $\t, $\s, $\\, $\", $', $\e, $\d, $\b, $\f, $\r, $\v, $\0]]),
    io:format("~w~n", [[$\x41, $\x{263A}, $\101, $\7, $\^A, $\^z]]),
    io:format("~w~n", [["tab\there", "nl\n", "q\"q", "\x{41}\102C"]]),
    io:format("~p~n", ["tab\there"]),
    io:format("~p~n", ["line\nbreak"]),
    io:format("~p~n", ["quote\"and\\backslash"]),
    io:format("~p~n", ['atom with \'quote\'']),
    io:format("~p~n", ['a\nb']),
    io:format("~p~n", [<<"bin\ttab">>]),
    io:format("~p~n", [[7, 8, 9, 10, 11, 12, 13, 27]]),
    io:format("~p~n", [[127]]),
    io:format("~p~n", ["\e[0m"]),
    io:format("~s~n", ["printed as is: \\n"]),
    io:format("~p~n", [[$a | "bc"]]),
    io:format("~p~n", [length("\x{1F600}")]).
