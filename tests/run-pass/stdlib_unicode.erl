-module(stdlib_unicode).
-export([main/1]).

%% Property-style check of unicode:characters_to_list/binary: 300 generated chardata
%% values (a tiny LCG: nested lists, code points incl. invalid ones, UTF-8/16/32 and
%% Latin-1 binaries, some cut short or corrupted) through every encoding pair;
%% errors printed as {Class, Reason}.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~w~n", [T]).

cp(S) -> element(S rem 12 + 1, {$a, $b, 0, 127, 128, 233, 255, 256, 16#7FF, 16#800, 16#FFFF, 16#1F600}).

enc(S) -> element(S rem 7 + 1, {latin1, unicode, utf8, utf16, {utf16, little}, utf32, {utf32, little}}).

gen_cps(0, S, Acc) -> {Acc, S};
gen_cps(N, S, Acc) -> S1 = lcg(S), gen_cps(N - 1, S1, [cp(S1 div 8) | Acc]).

%% chardata in encoding E (its binaries encoded in E)
item(S, E) ->
    {Cps, S1} = gen_cps(S rem 4, S, []),
    Ok = [C || C <- Cps, E =/= latin1 orelse C < 256],
    case (S div 16) rem 9 of
        0 -> {Ok, S1};
        1 -> {unicode:characters_to_binary(Ok, unicode, E), S1};
        2 -> {[unicode:characters_to_binary(Ok, unicode, E), Ok], S1};
        3 -> {[Ok, [Ok, unicode:characters_to_binary(Ok, unicode, E)]], S1};
        4 -> {[Ok, -1], S1};
        5 -> {[Ok, 16#D800 + S rem 5], S1};
        6 -> B = unicode:characters_to_binary(Ok ++ [case E of latin1 -> 255; _ -> 16#1F600 end], unicode, E),
             {binary_part(B, 0, byte_size(B) - 1), S1};
        7 -> {[<<255>>, Ok], S1};
        _ -> {[Ok, 16#110000, Ok], S1}
    end.

items(0, S, _, Acc) -> {lists:reverse(Acc), S};
items(N, S, E, Acc) -> S1 = lcg(S), {I, S2} = item(S1 div 4, E), items(N - 1, S2, E, [I | Acc]).

%% The nesting of Rest in {error, _, Rest} follows erts' internal restarts (ferl keeps
%% the input's nesting): compared flattened (binaries kept as elements).
rest({Tag, Conv, Rest}) when is_list(Rest), Tag =/= error orelse Tag =:= error ->
    {Tag, Conv, {flat, lists:flatten(Rest)}};
rest({Tag, Conv, Rest}) when is_binary(Rest) -> {Tag, Conv, {flat, [Rest]}};
rest(R) -> R.

main(_) ->
    lists:foldl(fun(_, S) ->
        S1 = lcg(S),
        In = enc(S1 div 32),
        Out = enc(S1 div 1024),
        {Data, S2} = items((S1 div 64) rem 4, S1, In, []),
        D = case (S1 div 4096) rem 3 of 0 -> Data; 1 -> lists:flatten(Data); _ -> hd(Data ++ [[]]) end,
        L = run(fun() -> unicode:characters_to_list(D, In) end),
        p({In, Out, D, rest(L), rest(run(fun() -> unicode:characters_to_binary(D, In) end)),
           %% other output encodings: for convertible input (see the module doc)
           case is_list(L) andalso (Out =/= latin1 orelse lists:all(fun(C) -> C < 256 end, L)) of
               true -> unicode:characters_to_binary(D, In, Out);
               false -> skipped
           end}),
        S2
    end, 3, lists:seq(1, 300)),
    [p(run(F)) || F <- [fun() -> unicode:characters_to_list(a) end,
                        fun() -> unicode:characters_to_list([a]) end,
                        fun() -> unicode:characters_to_list("a", foo) end,
                        fun() -> unicode:characters_to_binary([1 | 2]) end,
                        fun() -> unicode:characters_to_binary("a", unicode, foo) end,
                        fun() -> unicode:characters_to_binary(<<"é">>, latin1) end,
                        fun() -> unicode:characters_to_binary([233, 300], latin1) end,
                        fun() -> unicode:characters_to_binary([233, 300], unicode, latin1) end,
                        fun() -> unicode:characters_to_list(<<16#DC, 0, 0, 97>>, utf16) end,
                        fun() -> unicode:characters_to_list(<<237, 160, 128>>) end,
                        fun() -> unicode:characters_to_list(<<192, 128>>) end,
                        fun() -> unicode:characters_to_list(<<97, 240, 159>>) end,
                        fun() -> unicode:characters_to_list([<<97, 240, 159>>, <<152, 128>>]) end,
                        fun() -> unicode:characters_to_list([<<97, 195>>, 98]) end,
                        fun() -> unicode:characters_to_list([<<"a">> | <<"b">>]) end,
                        fun() -> unicode:bom_to_encoding(<<239, 187, 191, 1>>) end,
                        fun() -> unicode:bom_to_encoding(<<255, 254, 0, 0>>) end,
                        fun() -> unicode:bom_to_encoding(<<1>>) end,
                        fun() -> unicode:encoding_to_bom({utf16, little}) end]],
    ok.
