%% Atom conversions: atom_to_list/binary, list_to_atom, binary_to_atom with encodings,
%% *_existing_atom, quoting when printed, and errors.
-module(bif_atoms).
-export([main/1]).

id(X) -> X.

main(_) ->
    io:format("~p~n", [[atom_to_list(A) || A <- [ok, 'Hello World', '', 'a-b', 'üñí']]]),
    io:format("~p~n", [atom_to_binary(hello)]),
    io:format("~p~n", [atom_to_binary('üñí', utf8)]),
    io:format("~p~n", [atom_to_binary('üñí', latin1)]),
    io:format("~p~n", [[list_to_atom(S) || S <- ["abc", "With Space", "123", "", "ok"]]]),
    io:format("~p~n", [binary_to_atom(<<"from_bin">>)]),
    io:format("~p~n", [binary_to_atom(<<"caf", 16#C3, 16#A9>>, utf8)]),
    io:format("~p~n", [binary_to_atom(<<"caf", 16#E9>>, latin1)]),
    io:format("~p~n", [list_to_existing_atom("ok")]),
    io:format("~p~n", [binary_to_existing_atom(<<"error">>, utf8)]),
    io:format("~w~n", [['quoted atom', 'UPPER', lower, 'with\'quote', [], '[]', 'else', 'a@b', 'x.y']]),
    Errs = [fun() -> list_to_existing_atom("surely_this_atom_does_not_exist_42") end,
            fun() -> atom_to_list(id("str")) end, fun() -> list_to_atom(id([a])) end,
            fun() -> binary_to_atom(id(<<255>>), utf8) end,
            fun() -> list_to_atom(lists:duplicate(256, $a)) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]),
    io:format("~p~n", [length(atom_to_list(list_to_atom(lists:duplicate(255, $z))))]).
