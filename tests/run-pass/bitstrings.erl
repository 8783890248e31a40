%% Bitstrings: non-byte-aligned values, bit_size/byte_size, is_bitstring vs is_binary,
%% bitstring_to_list, list_to_bitstring, matching bits, comparisons.
-module(bitstrings).
-export([main/1]).

id(X) -> X.

bits(<<B:1, Rest/bitstring>>) -> [B | bits(Rest)];
bits(<<>>) -> [].

main(_) ->
    B = <<5:3>>,
    io:format("~w ~p ~p~n", [B, bit_size(B), byte_size(B)]),
    io:format("~p ~p~n", [is_bitstring(B), is_binary(B)]),
    io:format("~p ~p~n", [is_bitstring(<<1>>), is_binary(<<1>>)]),
    C = <<B/bitstring, 1:2, 255>>,
    io:format("~w ~p~n", [C, bit_size(C)]),
    io:format("~w~n", [bits(<<16#A5, 1:1>>)]),
    io:format("~w~n", [bitstring_to_list(<<1, 2, 3:5>>)]),
    io:format("~w~n", [list_to_bitstring([1, <<2:4>>, [<<3>>]])]),
    <<H:5/bitstring, T/bitstring>> = <<255, 0>>,
    io:format("~w ~w~n", [H, T]),
    io:format("~p~n", [[<<1:1>> < <<1:2>>, <<0:1>> == <<0:1>>, <<1>> < <<1, 0:1>>]]),
    io:format("~p~n", [<<1:1, 0:7, 3:2>>]),
    E = try list_to_binary([id(<<1:3>>)]) catch error:R -> R end,
    io:format("~p~n", [E]),
    io:format("~w~n", [<< <<X:1>> || <<X:1>> <= <<2#10110:5>> >>]).
