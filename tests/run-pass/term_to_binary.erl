%% External term format: term_to_binary/binary_to_term round trips for every kind of
%% term, exact encodings of simple terms, compressed, and errors on bad input.
-module(term_to_binary).
-export([main/1]).

main(_) ->
    Terms = [0, 255, 256, -1, 2147483647, -2147483648, 2147483648, 1 bsl 64, -(1 bsl 100),
             1.5, -0.0, atom, '', 'üñí', "string", [1, 2 | 3], [], {}, {a, {b, [c]}},
             <<>>, <<1, 2, 3>>, <<1:3>>, #{a => 1, <<"k">> => [v]}, fun lists:map/2,
             lists:seq(1, 300), list_to_tuple(lists:seq(1, 300)), [{nested, #{deep => {1, 2}}}]],
    [io:format("~p~n", [binary_to_term(term_to_binary(T)) =:= T]) || T <- Terms],
    [io:format("~w~n", [term_to_binary(T)]) || T <- [0, 255, 256, -1, 1.5, atom, "abc", [1, 2], {a, b}, <<"xy">>, [], {}, 1 bsl 64]],
    Big = lists:duplicate(200, $a),
    C = term_to_binary(Big, [compressed]),
    io:format("~p~n", [binary_to_term(C) =:= Big]),
    Self = self(),
    io:format("~p~n", [binary_to_term(term_to_binary(Self)) =:= Self]),
    R = make_ref(),
    io:format("~p~n", [binary_to_term(term_to_binary(R)) =:= R]),
    Errs = [<<>>, <<131>>, <<131, 100>>, <<1, 2, 3>>, <<131, 97>>],
    io:format("~p~n", [[try binary_to_term(B) catch error:E -> E end || B <- Errs]]),
    io:format("~p~n", [try binary_to_term(not_binary) catch error:E2 -> E2 end]).
