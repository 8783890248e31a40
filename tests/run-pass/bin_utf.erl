%% UTF segments: utf8/utf16/utf32 construction and matching (both endiannesses),
%% unicode strings in binaries, invalid code points.
-module(bin_utf).
-export([main/1]).

id(X) -> X.

chars(<<C/utf8, Rest/binary>>) -> [C | chars(Rest)];
chars(<<>>) -> [];
chars(Bad) -> {invalid, Bad}.

main(_) ->
    io:format("~w~n", [<<$a/utf8, 16#E9/utf8, 16#20AC/utf8, 16#1F600/utf8>>]),
    io:format("~w~n", [<<16#E9/utf16, 16#1F600/utf16>>]),
    io:format("~w~n", [<<16#E9/utf16-little, 16#1F600/utf16-little>>]),
    io:format("~w~n", [<<16#E9/utf32, 16#41/utf32-little>>]),
    io:format("~w~n", [chars(<<"h", 16#C3, 16#A9, "llo", 16#E2, 16#82, 16#AC>>)]),
    io:format("~w~n", [chars(<<16#FF, 1>>)]),
    <<U16/utf16, U32/utf32-little>> = <<16#D8, 16#3D, 16#DE, 16#00, 16#41, 0, 0, 0>>,
    io:format("~w ~w~n", [U16, U32]),
    io:format("~w~n", [<< <<C/utf8>> || C <- [1000, 2000, 3000] >>]),
    io:format("~w~n", [[C || <<C/utf16>> <= <<0, 65, 0, 66>>]]),
    E = try <<(id(16#110000))/utf8>> catch error:R -> R end,
    io:format("~p~n", [E]),
    E2 = try <<(id(16#D800))/utf8>> catch error:R2 -> R2 end,
    io:format("~p~n", [E2]),
    S = <<"ünïcødé"/utf8>>,
    io:format("~w ~w~n", [byte_size(S), length(chars(S))]),
    io:format("~w~n", [<<"ab"/utf16>>]),
    io:format("~w~n", [<<"ab"/utf32-little>>]).
