%% Integers around the small/big boundary (60-bit on ferl, 60-bit on BEAM): arithmetic,
%% comparison, hashing, bit operations and conversions must not depend on the
%% representation.
-module(int_boundaries).
-export([main/1]).

id(X) -> X.

main(_) ->
    Max = id((1 bsl 59) - 1),
    Min = id(-(1 bsl 59)),
    Vals = [Max - 1, Max, Max + 1, Max + 2, Min + 1, Min, Min - 1, Min - 2],
    io:format("~p~n", [Vals]),
    io:format("~p~n", [[V - V || V <- Vals]]),
    io:format("~p~n", [[V * 2 div 2 =:= V || V <- Vals]]),
    io:format("~p~n", [[V + 1 > V || V <- Vals]]),
    io:format("~p~n", [lists:sort(lists:reverse(Vals))]),
    io:format("~p~n", [[erlang:phash2(V) || V <- Vals]]),
    io:format("~p~n", [[integer_to_list(V, 16) || V <- Vals]]),
    io:format("~p~n", [[V band 16#FF || V <- Vals]]),
    io:format("~p~n", [[V bsr 1 || V <- Vals]]),
    io:format("~p~n", [[abs(V) || V <- Vals]]),
    io:format("~p~n", [[binary_to_term(term_to_binary(V)) =:= V || V <- Vals]]),
    io:format("~p~n", [[<<V:64/signed>> || V <- [Max, Min, Max + 1]]]),
    io:format("~p~n", [(Max + 1) - 1 =:= Max]),
    io:format("~p~n", [[float(V) || V <- [Max, Min]]]),
    io:format("~p~n", [[trunc(float(Max)), round(1.0e18), trunc(-1.0e18)]]),
    io:format("~p~n", [[Max + 1 == (Max + 1) * 1.0, Max + 1 =:= Max + 1.0]]).
