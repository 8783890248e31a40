%% A function with many clauses over several arguments (the match compiler's matrix):
%% literals, tuples, lists and variables mixed in every column, with guards on some rows.
-module(many_clauses).
-export([main/1]).

f(0, [], _) -> 1;
f(0, [_ | _], a) -> 2;
f(1, _, {x, _}) -> 3;
f(1, [a, b], _) -> 4;
f(N, [N | _], _) -> 5;
f(_, [_, _, _], {y, Z}) when Z > 10 -> 6;
f(_, "str", _) -> 7;
f(2, _, {_, _, _}) -> 8;
f(N, L, T) when is_integer(N), N > 100, is_list(L), tuple_size(T) == 1 -> 9;
f(3, _, <<1, _/binary>>) -> 10;
f(3, _, <<_:4, _/bits>>) -> 11;
f(_, #{k := v}, _) -> 12;
f(a, b, c) -> 13;
f(A, A, A) -> 14;
f(_, _, _) -> 15.

op(add, {X, Y}) -> X + Y;
op(sub, {X, Y}) -> X - Y;
op(neg, X) when is_number(X) -> -X;
op(neg, {X}) -> -X;
op(len, L) when is_list(L) -> length(L);
op(len, B) when is_binary(B) -> byte_size(B);
op(len, T) when is_tuple(T) -> tuple_size(T);
op(_, _) -> unknown.

main(_) ->
    Args = [{0, [], z}, {0, [1], a}, {0, [1], b}, {1, q, {x, 1}}, {1, [a, b], r}, {7, [7, 8], r},
            {5, [1, 2, 3], {y, 11}}, {5, [1, 2, 3], {y, 9}}, {9, "str", r}, {2, q, {1, 2, 3}},
            {200, [], {t}}, {3, q, <<1, 2>>}, {3, q, <<2:4>>}, {4, #{k => v}, r}, {a, b, c},
            {q, q, q}, {q, q, r}, {1, [1], r}],
    io:format("~p~n", [[f(A, B, C) || {A, B, C} <- Args]]),
    io:format("~p~n", [[op(O, V) || {O, V} <- [{add, {1, 2}}, {sub, {5, 3}}, {neg, 4}, {neg, {4}},
                                               {len, [1, 2]}, {len, <<1>>}, {len, {a, b, c}},
                                               {len, 7}, {mul, 1}]]]).
