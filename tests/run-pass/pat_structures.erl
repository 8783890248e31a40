%% Patterns on tuples and lists: nesting, [H|T], improper lists, fixed-length lists,
%% tuples of different arities in one clause set.
-module(pat_structures).
-export([main/1]).

shape({point, X, Y}) -> {point2, X + Y};
shape({point, X, Y, Z}) -> {point3, X + Y + Z};
shape({line, {point, A, B}, {point, C, D}}) -> {line, (C - A) + (D - B)};
shape({_, _}) -> pair;
shape({}) -> empty;
shape(T) when is_tuple(T) -> {tuple, tuple_size(T)};
shape(_) -> not_a_tuple.

list([]) -> empty;
list([X]) -> {one, X};
list([X, X]) -> {two_same, X};
list([X, Y]) -> {two, X, Y};
list([_, _, _ | []]) -> three;
list([H | [_, _ | _] = T]) -> {many, H, T};
list([H | T]) -> {improper, H, T}.

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

deep({a, [b, {c, [D | _]} | _], E}) -> {D, E};
deep(_) -> nomatch.

main(_) ->
    Shapes = [{point, 1, 2}, {point, 1, 2, 3}, {line, {point, 0, 0}, {point, 3, 4}},
              {x, y}, {}, {1, 2, 3, 4, 5}, [1], atom],
    [io:format("~p~n", [shape(S)]) || S <- Shapes],
    Lists = [[], [1], [2, 2], [1, 2], [a, b, c], [1, 2, 3, 4], [1 | 2], [a, b | c]],
    [io:format("~p~n", [list(L)]) || L <- Lists],
    io:format("~p~n", [sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]),
    io:format("~p~n", [deep({a, [b, {c, [d, e]}, f], g})]),
    io:format("~p~n", [deep({a, [b, {c, []}], g})]),
    [A, B | Rest] = [10, 20, 30, 40],
    {C, {D, [E]}} = {1, {2, [3]}},
    io:format("~p ~p ~p ~p ~p ~p~n", [A, B, Rest, C, D, E]).
