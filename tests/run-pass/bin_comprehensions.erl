%% Binary comprehensions and binary generators: << || >>, <= generators, filters,
%% mixing list and binary generators, bitstring results.
-module(bin_comprehensions).
-export([main/1]).

main(_) ->
    io:format("~w~n", [<< <<(X * 2)>> || X <- [1, 2, 3] >>]),
    io:format("~w~n", [<< <<X>> || <<X>> <= <<1, 2, 3, 4>>, X rem 2 =:= 0 >>]),
    io:format("~w~n", [[X || <<X:4>> <= <<16#12, 16#34>>]]),
    io:format("~w~n", [<< <<X:3>> || X <- [1, 2, 3, 4, 5] >>]),
    io:format("~w~n", [<< <<B:8, A:8>> || <<A:8, B:8>> <= <<"abcdef">> >>]),
    %% RGB to grey
    Pixels = <<10, 20, 30, 40, 50, 60, 255, 255, 255>>,
    io:format("~w~n", [<< <<((R + G + B) div 3)>> || <<R, G, B>> <= Pixels >>]),
    io:format("~w~n", [[{R, G, B} || <<R, G, B>> <= Pixels]]),
    %% two generators
    io:format("~w~n", [<< <<X, Y>> || X <- [1, 2], <<Y>> <= <<7, 8>> >>]),
    %% binary to upper case
    Up = << <<(if C >= $a, C =< $z -> C - 32; true -> C end)>> || <<C>> <= <<"Hello, World!">> >>,
    io:format("~s~n", [Up]),
    %% leftover bits are ignored by the generator
    io:format("~w~n", [[X || <<X:8>> <= <<1, 2, 3:4>>]]),
    io:format("~w~n", [<< <<X:1>> || X <- [1, 0, 1, 1, 0, 0, 1, 0, 1] >>]),
    io:format("~w~n", [<< <<Bin/binary>> || Bin <- [<<"ab">>, <<>>, <<"cd">>] >>]).
