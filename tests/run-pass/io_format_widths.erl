%% io:format control sequences with field widths, precision, padding and adjustment:
%% ~s ~p ~w ~c ~e ~f ~g ~b ~x ~B ~X ~.Nc ~*, left adjustment, ~i, ~ts, ~n.
-module(io_format_widths).
-export([main/1]).

main(_) ->
    io:format("[~10s][~-10s][~.3s]~n", ["right", "left", "truncated"]),
    io:format("[~10w][~-10w]~n", [atom, {1, 2}]),
    io:format("[~5c][~c~c]~n", [$x, $o, $k]),
    io:format("[~.2f][~10.3f][~-10.1f][~f]~n", [3.14159, 2.5, -1.25, 1.0]),
    io:format("[~e][~.3e][~g][~g]~n", [12345.678, 0.00123, 0.5, 123456789.0]),
    io:format("[~b][~.2b][~.16b][~8.16B][~-8.16b]~n", [10, 5, 255, 255, 255]),
    io:format("[~x][~.16X][~#][~.8#]~n", [255, "0x", 255, "#", 255, 8]),
    io:format("[~*w][~-*w]~n", [6, x, 6, y]),
    io:format("[~p][~40p]~n", [[1, 2, 3], {a, [b, c], "str"}]),
    io:format("skip:~i done~n", [ignored]),
    io:format("[~ts][~s]~n", [<<"caf", 195, 169>>, <<"plain">>]),
    io:format("[~s][~s]~n", [[$a, [$b, <<"c">>]], atom_is_ok]),
    io:format("~~ tilde~n"),
    io:format("[~10.5.0b][~.10.-w]~n", [42, 7]),
    io:format("[~3s]~n", ["abcdef"]),
    io:format("[~-6.2.*f]~n", [$_, 1.5]),
    io:format("~w ~p~n", [[], <<>>]),
    io:format("~p~n", [lists:seq(1, 40)]),
    io:format("~P~n", [lists:seq(1, 40), 5]),
    io:format("~W~n", [{a, [b, [c, [d, [e]]]]}, 4]).
