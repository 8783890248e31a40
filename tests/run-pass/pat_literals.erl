%% Patterns on literals: atoms, integers (incl. negative, bignum, based, char), floats,
%% strings, the empty list and tuple, in function heads and case.
-module(pat_literals).
-export([main/1]).

kind(ok) -> atom_ok;
kind('hello world') -> quoted_atom;
kind(0) -> zero;
kind(-7) -> minus_seven;
kind(16#FF) -> hex_255;
kind($a) -> char_a;
kind(2.5) -> two_and_a_half;
kind(-0.5) -> minus_half;
kind(123456789012345678901234567890) -> big;
kind(-123456789012345678901234567890) -> neg_big;
kind("abc") -> string_abc;
kind("") -> empty_string;
kind({}) -> empty_tuple;
kind(<<>>) -> empty_binary;
kind(<<"bin">>) -> bin_literal;
kind(true) -> true_atom;
kind(X) -> {other, X}.

main(_) ->
    Inputs = [ok, 'hello world', 0, -7, 255, 97, 2.5, -0.5,
              123456789012345678901234567890, -123456789012345678901234567890,
              "abc", [], {}, <<>>, <<"bin">>, true, false, 1.0, 1, 2.50, "abd",
              123456789012345678901234567891, {a}, 'OK'],
    lists:foreach(fun(I) -> io:format("~p -> ~p~n", [I, kind(I)]) end, Inputs),
    %% integer and float patterns do not match each other
    R = [case N of 1 -> int_one; 1.0 -> float_one; _ -> neither end || N <- [1, 1.0, 2]],
    io:format("~p~n", [R]).
