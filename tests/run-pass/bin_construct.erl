%% Binary construction: integer segments with sizes and units, signed/unsigned,
%% big/little endian, floats (32/64), binaries, and sizes from variables.
-module(bin_construct).
-export([main/1]).

id(X) -> X.

main(_) ->
    io:format("~w~n", [<<1, 2, 3>>]),
    io:format("~w~n", [<<256:16, 1:16/little, 65535:16/big>>]),
    io:format("~w~n", [<<-1:8, -1:16/signed, -2:32/little-signed>>]),
    io:format("~w~n", [<<300:8>>]),
    io:format("~w~n", [<<1:1, 0:1, 1:1, 1:5>>]),
    io:format("~w~n", [<<1.5:32/float, 2.25:64/float>>]),
    io:format("~w~n", [<<1.5:64/float-little>>]),
    io:format("~w~n", [<<"abc", "de">>]),
    B = <<"xyz">>,
    io:format("~w~n", [<<B/binary, 0, B:2/binary>>]),
    N = id(12),
    io:format("~w~n", [<<4095:N, 0:4>>]),
    io:format("~w~n", [<<7:3/unit:2>>]),
    io:format("~w~n", [<<123456789012345678901234567890:128>>]),
    io:format("~w~n", [<<-123456789012345678901234567890:128/signed-little>>]),
    io:format("~w~n", [<<(id(65)), (id(66)):16>>]),
    io:format("~w~n", [<<1024:N/little>>]),
    io:format("~p~n", [byte_size(<<0:1000>>)]),
    io:format("~p~n", [<<"hello world">>]),
    io:format("~p~n", [<<1, 2, 3:4>>]),
    Big = list_to_binary(lists:duplicate(100, $z)),
    io:format("~p~n", [byte_size(<<Big/binary, Big/binary>>)]),
    Err = try <<(id(a)):8>> catch error:E -> E end,
    io:format("~p~n", [Err]),
    Err2 = try <<(id(<<1:3>>))/binary>> catch error:E2 -> E2 end,
    io:format("~p~n", [Err2]).
