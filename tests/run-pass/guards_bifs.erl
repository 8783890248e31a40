%% Guard BIFs (abs, element, hd, tl, length, size functions, float, trunc, round,
%% map_get, is_map_key, binary_part, node, self, bit operators, arithmetic) in guards.
-module(guards_bifs).
-export([main/1]).

g1(X) when abs(X) > 5 -> big;
g1(_) -> small.

g2(T) when element(1, T) =:= tag -> tagged;
g2(_) -> untagged.

g3(L) when hd(L) == 1, length(tl(L)) > 1 -> long_one;
g3(L) when length(L) =:= 0 -> empty;
g3(_) -> other.

g4(X) when tuple_size(X) == 2 -> pair;
g4(X) when byte_size(X) >= 3 -> bin3;
g4(X) when bit_size(X) == 4 -> nibble;
g4(X) when map_size(X) > 0 -> nonempty_map;
g4(X) when size(X) == 0 -> size0;
g4(_) -> none.

g5(X) when float(X) > 2.5 -> gt;
g5(X) when trunc(X) == 2 -> trunc2;
g5(X) when round(X) == 1 -> round1;
g5(_) -> other.

g6(M) when map_get(k, M) > 10 -> large_k;
g6(M) when is_map_key(k, M) -> has_k;
g6(_) -> no_k.

g7(B) when binary_part(B, 0, 2) == <<"ab">> -> ab_prefix;
g7(B) when binary_part(B, {byte_size(B), -1}) == <<"z">> -> z_suffix;
g7(_) -> other.

g8(X) when X band 1 == 1, X bsr 2 > 0 -> odd_ge4;
g8(X) when (X bxor 16#F) == 0; (bnot X) == -1 -> special;
g8(X) when X rem 3 == 0, X div 3 > 1 -> mult3;
g8(X) when X * 2 - 1 > 10 + 1, -X < 0 -> big;
g8(_) -> plain.

g9(P) when P == self(), node() == nonode@nohost -> me;
g9(_) -> other.

g10(X) when X / 2 > 1.0 -> half_gt1;
g10(_) -> no.

main(_) ->
    io:format("~p~n", [[g1(X) || X <- [-10, 3, 7, 5.5, -2.0]]]),
    io:format("~p~n", [[g2(X) || X <- [{tag, 1}, {other}, {}, notuple]]]),
    io:format("~p~n", [[g3(X) || X <- [[1, 2, 3], [1, 2], [], [2, 3, 4], x]]]),
    io:format("~p~n", [[g4(X) || X <- [{1, 2}, <<"abc">>, <<1:4>>, #{a => 1}, {}, #{}, [1]]]]),
    io:format("~p~n", [[g5(X) || X <- [3, 2.7, 2.2, 1.4, 0.2, atom]]]),
    io:format("~p~n", [[g6(X) || X <- [#{k => 11}, #{k => 1}, #{k => a}, #{}, nomap]]]),
    io:format("~p~n", [[g7(X) || X <- [<<"abc">>, <<"xyz">>, <<"a">>, <<>>, abc]]]),
    io:format("~p~n", [[g8(X) || X <- [5, 15, 0, 9, 13, 3, a]]]),
    io:format("~p~n", [[g9(X) || X <- [self(), list_to_atom("x")]]]),
    io:format("~p~n", [[g10(X) || X <- [4, 2, 3.0, zero]]]).
