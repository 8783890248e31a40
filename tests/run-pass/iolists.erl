%% iolists: iolist_to_binary, iolist_size, list_to_binary on deep mixtures of bytes,
%% binaries and lists; erlang:iolist_to_iovec-free; errors on bad elements.
-module(iolists).
-export([main/1]).

id(X) -> X.

main(_) ->
    IO = ["abc", [<<"def">>, $g], [[[]]], <<>>, [104 | <<"ij">>]],
    io:format("~p~n", [iolist_to_binary(IO)]),
    io:format("~p~n", [iolist_size(IO)]),
    io:format("~p~n", [list_to_binary(IO)]),
    io:format("~p~n", [iolist_to_binary(<<"already">>)]),
    io:format("~p~n", [iolist_size(<<1, 2, 3>>)]),
    Deep = lists:foldl(fun(I, Acc) -> [Acc, integer_to_list(I), $,] end, [], lists:seq(1, 20)),
    io:format("~s~n", [iolist_to_binary(Deep)]),
    io:format("~p~n", [iolist_size(Deep)]),
    Errs = [[256], [-1], [a], [<<1:3>>], [1 | 2], "ok" ++ [1.0]],
    io:format("~p~n", [[try iolist_to_binary(E) catch error:R -> R end || E <- Errs]]),
    io:format("~p~n", [[try iolist_size(E) catch error:R -> R end || E <- Errs]]),
    io:format("~p~n", [[1 | <<"tail">>] =:= [1 | <<"tail">>]]),
    io:format("~p~n", [iolist_to_binary([1 | <<"tail">>])]),
    io:format("~p~n", [split_binary(<<"hello world">>, 5)]),
    io:format("~p~n", [binary_part(<<"hello world">>, 6, 5)]),
    io:format("~p~n", [binary_part(<<"hello world">>, {11, -5})]),
    io:format("~p~n", [try binary_part(id(<<"abc">>), 2, 5) catch error:R2 -> R2 end]).
