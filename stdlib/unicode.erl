%% unicode: conversions between chardata encodings, written from scratch for ferl.
%% characters_to_list/2 and characters_to_binary/2 are runtime BIFs as on BEAM
%% (runtime/src/bif/unicode.rs: decoding, {error, Done, Rest}, {incomplete, Done,
%% Rest}); here: characters_to_list/1, characters_to_binary/1,3 (any output
%% encoding), bom_to_encoding/1, encoding_to_bom/1. Not implemented: the
%% normalization functions (characters_to_nfc_list and friends).
-module(unicode).
-export([characters_to_list/1, characters_to_binary/1, characters_to_binary/3,
         bom_to_encoding/1, encoding_to_bom/1]).

characters_to_list(Data) -> unicode:characters_to_list(Data, unicode).

characters_to_binary(Data) -> unicode:characters_to_binary(Data, unicode).

%% characters_to_list/2 and characters_to_binary/2 are runtime BIFs
%% (runtime/src/bif/unicode.rs), as on BEAM.

characters_to_binary(Data, In, Out) ->
    try enc(Out) of
        E2 ->
            case unicode:characters_to_list(Data, In) of
                L when is_list(L) ->
                    case encode(L, E2, []) of
                        {ok, Bin} -> Bin;
                        {error, _, _} when E2 =:= latin1, (In =:= unicode orelse In =:= utf8) ->
                            {error, Acc, Rest} = l1_walk(Data, utf8, []),
                            {error, list_to_binary(lists:reverse(Acc)), Rest};
                        {error, Bin, Bad} -> {error, Bin, Bad}
                    end;
                {error, _, _} when E2 =:= latin1, In =:= latin1 ->
                    case l1_walk(Data, latin1, []) of
                        {error, Acc, Rest1} -> {error, list_to_binary(lists:reverse(Acc)), Rest1};
                        _ -> erlang:error(badarg, [Data, In, Out])
                    end;
                {Tag, L, Rest} ->
                    case encode(L, E2, []) of
                        {ok, Bin} -> {Tag, Bin, Rest};
                        {error, Bin, Bad} -> {error, Bin, Bad}
                    end
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

%% Latin-1 output of chardata (Unicode or Latin-1 input) with a character above 255:
%% the bytes
%% before it (reversed) and the rest in the input's nesting, as OTP's: [[C] | Tail] for
%% a character of a list, [BinRest | Tail] for one in a binary, [Rest | Tail] around it
%% for each enclosing list. Returns {error, Acc, Rest} or {ok, Acc}.
l1_walk([C | T], _, Acc) when is_integer(C), C > 255 -> {error, Acc, [[C] | T]};
l1_walk([C | T], In, Acc) when is_integer(C), C >= 0 -> l1_walk(T, In, [C | Acc]);
l1_walk([C | _], _, _) when is_integer(C) -> invalid;
l1_walk([B | T], In, Acc) when is_binary(B) ->
    case l1_bin(B, In, Acc) of
        {ok, Acc1} -> l1_walk(T, In, Acc1);
        {error, Acc1, R} -> {error, Acc1, [R | T]}
    end;
l1_walk([L | T], In, Acc) ->
    case l1_walk(L, In, Acc) of
        {ok, Acc1} -> l1_walk(T, In, Acc1);
        {error, Acc1, R} -> {error, Acc1, [R | T]}
    end;
l1_walk([], _, Acc) -> {ok, Acc};
l1_walk(B, In, Acc) when is_binary(B) -> l1_bin(B, In, Acc).

%% (a Latin-1 binary holds only Latin-1 characters)
l1_bin(B, latin1, Acc) -> {ok, lists:reverse(binary_to_list(B), Acc)};
l1_bin(<<C/utf8, _/binary>> = B, utf8, Acc) when C > 255 -> {error, Acc, B};
l1_bin(<<C/utf8, R/binary>>, utf8, Acc) -> l1_bin(R, utf8, [C | Acc]);
l1_bin(<<>>, utf8, Acc) -> {ok, Acc}.

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
