%% Term order across types: number < atom < reference < fun < port < pid < tuple < map
%% < nil < list < bitstring; == vs =:=; sorting mixed lists; comparisons within types.
-module(term_order).
-export([main/1]).

main(_) ->
    Ref = make_ref(),
    Fun = fun() -> ok end,
    Pid = self(),
    Mixed = [<<"bin">>, [1], [], #{a => 1}, {1, 2}, Pid, Fun, Ref, zeta, alpha, 3.5, 2, -10,
             100000000000000000000, {a}, "str", <<>>],
    Sorted = lists:sort(Mixed),
    Kinds = [kind(X) || X <- Sorted],
    io:format("~p~n", [Kinds]),
    io:format("~p~n", [[X || X <- Sorted, not is_pid(X), not is_reference(X), not is_function(X), not is_map(X)]]),
    io:format("~p~n", [[1 < a, a < {}, {} < [], [] < [a], [a] < <<>>, {} < #{}, #{} < []]]),
    io:format("~p~n", [[1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0, 1 < 1.5, 2 > 1.5]]),
    io:format("~p~n", [[{1, 2} < {2, 1}, {1, 2} < {1, 2, 3}, {9, 9} < {1, 1, 1}]]),
    io:format("~p~n", [[[1, 2] < [1, 3], [1, 2] < [1, 2, 0], "abc" < "abd", "b" > "abc"]]),
    io:format("~p~n", [[<<1>> < <<2>>, <<1, 2>> > <<1>>, <<"a">> < <<"ab">>]]),
    io:format("~p~n", [[#{a => 1} < #{a => 2}, #{a => 1} < #{b => 0}, #{z => 1} < #{a => 1, b => 2}]]),
    io:format("~p~n", [[abc < abd, 'B' < a, '' < a]]),
    io:format("~p~n", [lists:sort([3, 1.5, 2, -1, 2.5, 0.5])]),
    io:format("~p~n", [lists:usort([b, a, c, a, b])]),
    io:format("~p~n", [[max(1, 1.0), min(1, 1.0), max(1.0, 1), min(1.0, 1)]]),
    io:format("~p~n", [[100000000000000000000 > 1.0e19, 100000000000000000000 < 1.0e21]]).

kind(X) when is_number(X) -> number;
kind(X) when is_atom(X) -> atom;
kind(X) when is_reference(X) -> reference;
kind(X) when is_function(X) -> 'fun';
kind(X) when is_pid(X) -> pid;
kind(X) when is_tuple(X) -> tuple;
kind(X) when is_map(X) -> map;
kind([]) -> nil;
kind(X) when is_list(X) -> list;
kind(X) when is_binary(X) -> binary.
