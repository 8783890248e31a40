%% Binary patterns whose segment sizes come from variables bound before the match (a
%% function argument used in a case), from earlier segments of the same pattern, and from
%% arithmetic on them (OTP 23+).
-module(bin_head_sizes).
-export([main/1]).

take(N, Bin) ->
    case Bin of
        <<Prefix:N/binary, Rest/binary>> -> {Prefix, Rest};
        _ -> {short, Bin}
    end.

field(Bits, Bin) ->
    case Bin of
        <<V:Bits, _/bitstring>> -> V;
        _ -> none
    end.

lv(<<L:8, V:L/binary, L2:8, V2:L2/binary>>) -> {V, V2};
lv(_) -> bad.

arith(<<N:8, Data:(N * 2)/binary, Tail/binary>>) -> {N, Data, Tail};
arith(_) -> bad.

units(<<N:4, Payload:N/binary-unit:16, _/bits>>) -> Payload;
units(_) -> bad.

main(_) ->
    io:format("~p~n", [[take(N, <<"abcdef">>) || N <- [0, 2, 6, 7]]]),
    io:format("~p~n", [[field(B, <<255, 0>>) || B <- [1, 4, 9, 16, 17]]]),
    io:format("~p~n", [[lv(B) || B <- [<<2, "ab", 3, "cde">>, <<1, "a", 0>>, <<5, "ab">>]]]),
    io:format("~p~n", [[arith(B) || B <- [<<2, 1, 2, 3, 4, 5>>, <<1, 9>>]]]),
    io:format("~p~n", [[units(B) || B <- [<<1:4, 1, 2, 0:4>>, <<2:4, 1, 2, 3:4>>]]]),
    %% binaries matched at an odd bit offset work with every binary BIF
    <<_:4, R:2/binary, _:4>> = <<16#F1, 16#23, 16#45>>,
    io:format("~p ~p ~p~n", [R, binary_to_list(R), iolist_to_binary([R, R])]),
    io:format("~p ~p~n", [split_binary(R, 1), binary_part(R, 1, 1)]),
    io:format("~p~n", [binary_to_term(term_to_binary(R)) =:= R]).
