%% Unicode text: code point lists, UTF-8 binaries built and decoded with the bit syntax,
%% ~ts printing, ~p of unicode lists and binaries, atom_to_binary/binary_to_list.
-module(unicode_strings).
-export([main/1]).

to_utf8(Chars) -> << <<C/utf8>> || C <- Chars >>.
from_utf8(Bin) -> [C || <<C/utf8>> <= Bin].

main(_) ->
    S = "héllo wörld ☺ 𝄞",
    B = to_utf8(S),
    io:format("~p ~p~n", [length(S), byte_size(B)]),
    io:format("~w~n", [B]),
    io:format("~ts~n", [B]),
    io:format("~ts~n", [S]),
    io:format("~p~n", [from_utf8(B) =:= S]),
    io:format("~w~n", [S]),
    io:format("~p~n", [[C || C <- S, C > 127]]),
    io:format("~p~n", [lists:reverse(S)]),
    io:format("~ts~n", [lists:reverse(S)]),
    io:format("~p~n", [binary_to_list(<<"plain ascii">>)]),
    io:format("~p~n", [atom_to_binary('ünïcödé', utf8)]),
    io:format("~ts~n", [atom_to_list('ünïcödé')]),
    io:format("~p~n", [[<<C/utf16>> || C <- [$a, 16#20AC]]]).
