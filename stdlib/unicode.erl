%% unicode: conversions between chardata encodings (OTP 25's characters_to_list/1,2,
%% characters_to_binary/1,2,3, bom_to_encoding/1, encoding_to_bom/1), written from
%% scratch in Erlang for ferl (on BEAM the conversions are C BIFs).
%%
%% Encodings: latin1, unicode/utf8, utf16, utf32 (big or {_, little}). Errors return
%% {error, Converted, Rest} and a UTF-8/16/32 binary cut inside a character at the very
%% end of the input {incomplete, Converted, Rest}, as OTP; Rest nests like the input
%% ([InnerRest | OuterRest]). Non-chardata raises badarg. Not implemented: the
%% normalization functions (characters_to_nfc_list and friends).
-module(unicode).
-export([characters_to_list/1, characters_to_list/2, characters_to_binary/1,
         characters_to_binary/2, characters_to_binary/3, bom_to_encoding/1,
         encoding_to_bom/1]).

characters_to_list(Data) -> characters_to_list(Data, unicode).

characters_to_list(Data, In) ->
    try conv(Data, enc(In)) of
        {ok, Cps} -> Cps;
        {Tag, Cps, Rest} -> {Tag, Cps, Rest}
    catch throw:badarg -> erlang:error(badarg, [Data, In])
    end.

characters_to_binary(Data) -> characters_to_binary(Data, unicode, unicode).

characters_to_binary(Data, In) -> characters_to_binary(Data, In, unicode).

characters_to_binary(Data, In, Out) ->
    try {enc(In), enc(Out)} of
        {E1, E2} ->
            try conv(Data, E1) of
                {ok, Cps} ->
                    case encode(Cps, E2, []) of
                        {ok, Bin} -> Bin;
                        {error, Bin, Bad} -> {error, Bin, Bad}
                    end;
                {Tag, Cps, Rest} ->
                    case encode(Cps, E2, []) of
                        {ok, Bin} -> {Tag, Bin, Rest};
                        {error, Bin, Bad} -> {error, Bin, Bad}
                    end
            catch throw:badarg -> erlang:error(badarg, [Data, In, Out])
            end
    catch throw:badarg -> erlang:error(badarg, [Data, In, Out])
    end.

enc(latin1) -> latin1;
enc(unicode) -> utf8;
enc(utf8) -> utf8;
enc(utf16) -> {utf16, big};
enc({utf16, E}) when E =:= big; E =:= little -> {utf16, E};
enc(utf32) -> {utf32, big};
enc({utf32, E}) when E =:= big; E =:= little -> {utf32, E};
enc(_) -> throw(badarg).

%% {ok, Cps} | {error | incomplete, Cps, Rest}. A character may continue from one
%% binary into the next (the unfinished bytes are carried), as on BEAM.
conv(Data, E) ->
    R = case Data of
            _ when is_binary(Data) -> bin(Data, E, [], true);
            _ -> list(Data, E, [], <<>>)
        end,
    case R of
        {ok, Acc} -> {ok, lists:reverse(Acc)};
        {pending, Acc, P} -> {incomplete, lists:reverse(Acc), P};
        {Tag, Acc, Rest} -> {Tag, lists:reverse(Acc), Rest}
    end.

%% {ok, Acc} | {pending, Acc, Bytes} (unfinished character at the end) | {error, Acc, Rest}
list([C | T], E, Acc, <<>>) when is_integer(C) ->
    case valid(C, E) of
        true -> list(T, E, [C | Acc], <<>>);
        false -> {error, Acc, [C | T]}
    end;
list([C | T], _, Acc, P) when is_integer(C) -> {error, Acc, [P, [C | T]]};
list([H | T], E, Acc, P) when is_binary(H) ->
    case bin(<<P/binary, H/binary>>, E, Acc, false) of
        {ok, Acc1} -> list(T, E, Acc1, <<>>);
        {pending, Acc1, P1} -> list(T, E, Acc1, P1);
        {error, Acc1, R} when byte_size(R) > byte_size(H) -> {error, Acc1, [P, H | T]};
        {error, Acc1, R} -> {error, Acc1, [R | T]}
    end;
list([H | T], E, Acc, P) when is_list(H) ->
    case list(H, E, Acc, P) of
        {ok, Acc1} -> list(T, E, Acc1, <<>>);
        {pending, Acc1, P1} -> list(T, E, Acc1, P1);
        {error, Acc1, R} -> {error, Acc1, [R | T]}
    end;
list([], _, Acc, <<>>) -> {ok, Acc};
list([], _, Acc, P) -> {pending, Acc, P};
list(B, E, Acc, P) when is_binary(B) -> list([B], E, Acc, P);
list(_, _, _, _) -> throw(badarg).

valid(C, latin1) -> C >= 0 andalso C =< 255;
valid(C, _) -> C >= 0 andalso C =< 16#10FFFF andalso (C < 16#D800 orelse C > 16#DFFF).

bin(<<>>, _, Acc, _) -> {ok, Acc};
bin(B, latin1, Acc, _) -> {ok, lists:reverse(binary_to_list(B), Acc)};
bin(B, utf8, Acc, Last) -> utf8(B, Acc, Last);
bin(B, {utf16, End}, Acc, Last) -> utf16(B, End, Acc, Last);
bin(B, {utf32, End}, Acc, Last) -> utf32(B, End, Acc, Last).

utf8(<<C/utf8, R/binary>>, Acc, Last) -> utf8(R, [C | Acc], Last);
utf8(<<>>, Acc, _) -> {ok, Acc};
utf8(B, Acc, _) ->
    case utf8_prefix(B) of
        true -> {pending, Acc, B};
        false -> {error, Acc, B}
    end.

%% B is the start of a valid UTF-8 sequence cut short
utf8_prefix(<<2#110:3, _:5>>) -> true;
utf8_prefix(<<2#1110:4, _:4>>) -> true;
utf8_prefix(<<2#1110:4, _:4, 2#10:2, _:6>> = B) -> valid_start(B);
utf8_prefix(<<2#11110:5, _:3>>) -> true;
utf8_prefix(<<2#11110:5, _:3, 2#10:2, _:6>> = B) -> valid_start(B);
utf8_prefix(<<2#11110:5, _:3, 2#10:2, _:6, 2#10:2, _:6>> = B) -> valid_start(B);
utf8_prefix(_) -> false.

%% the bits so far do not already make an overlong, surrogate or too large character
valid_start(<<16#E0, B, _/binary>>) -> B >= 16#A0;
valid_start(<<16#ED, B, _/binary>>) -> B < 16#A0;
valid_start(<<16#F0, B, _/binary>>) -> B >= 16#90;
valid_start(<<16#F4, B, _/binary>>) -> B < 16#90;
valid_start(<<C, _/binary>>) -> C =< 16#F4.

utf16(<<C/utf16-big, R/binary>>, big, Acc, Last) -> utf16(R, big, [C | Acc], Last);
utf16(<<C/utf16-little, R/binary>>, little, Acc, Last) -> utf16(R, little, [C | Acc], Last);
utf16(<<>>, _, Acc, _) -> {ok, Acc};
utf16(B, End, Acc, _) ->
    Incomplete =
        case {B, End} of
            {<<_>>, _} -> true;
            {<<W:16/big, _/binary>>, big} -> byte_size(B) < 4 andalso W >= 16#D800 andalso W =< 16#DBFF;
            {<<W:16/little, _/binary>>, little} -> byte_size(B) < 4 andalso W >= 16#D800 andalso W =< 16#DBFF;
            _ -> false
        end,
    case Incomplete of
        true -> {pending, Acc, B};
        false -> {error, Acc, B}
    end.

utf32(<<C/utf32-big, R/binary>>, big, Acc, Last) -> utf32(R, big, [C | Acc], Last);
utf32(<<C/utf32-little, R/binary>>, little, Acc, Last) -> utf32(R, little, [C | Acc], Last);
utf32(<<>>, _, Acc, _) -> {ok, Acc};
utf32(B, _, Acc, _) ->
    case byte_size(B) < 4 of
        true -> {pending, Acc, B};
        false -> {error, Acc, B}
    end.

encode([C | T], E, Acc) ->
    case E of
        latin1 when C > 255 -> {error, list_to_binary(lists:reverse(Acc)), [[C | T]]};
        latin1 -> encode(T, E, [C | Acc]);
        utf8 -> encode(T, E, [<<C/utf8>> | Acc]);
        {utf16, big} -> encode(T, E, [<<C/utf16-big>> | Acc]);
        {utf16, little} -> encode(T, E, [<<C/utf16-little>> | Acc]);
        {utf32, big} -> encode(T, E, [<<C/utf32-big>> | Acc]);
        {utf32, little} -> encode(T, E, [<<C/utf32-little>> | Acc])
    end;
encode([], _, Acc) -> {ok, list_to_binary(lists:reverse(Acc))}.

bom_to_encoding(<<239, 187, 191, _/binary>>) -> {utf8, 3};
bom_to_encoding(<<0, 0, 254, 255, _/binary>>) -> {{utf32, big}, 4};
bom_to_encoding(<<255, 254, 0, 0, _/binary>>) -> {{utf32, little}, 4};
bom_to_encoding(<<254, 255, _/binary>>) -> {{utf16, big}, 2};
bom_to_encoding(<<255, 254, _/binary>>) -> {{utf16, little}, 2};
bom_to_encoding(B) when is_binary(B) -> {latin1, 0}.

encoding_to_bom(unicode) -> <<239, 187, 191>>;
encoding_to_bom(utf8) -> <<239, 187, 191>>;
encoding_to_bom(utf16) -> <<254, 255>>;
encoding_to_bom({utf16, big}) -> <<254, 255>>;
encoding_to_bom({utf16, little}) -> <<255, 254>>;
encoding_to_bom(utf32) -> <<0, 0, 254, 255>>;
encoding_to_bom({utf32, big}) -> <<0, 0, 254, 255>>;
encoding_to_bom({utf32, little}) -> <<255, 254, 0, 0>>;
encoding_to_bom(latin1) -> <<>>.
