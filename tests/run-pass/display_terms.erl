%% erlang:display/1 of every term kind that compiles today.
-module(display_terms).
-export([main/1]).

main(Args) ->
    erlang:display(Args),
    [erlang:display(T) || T <- terms()],
    erlang:display(lists_done).

terms() ->
    [42, -7, 1 bsl 80, -(1 bsl 70), 3.5, -0.25, 1.0e100, 0.1, 2.0e-5,
     atom, 'Quoted Atom', 'if', '', 'with\'quote', [], {}, {a, {b, c}, [d]},
     "hello", "line\nbreak", "q\"uote", "tab\there", [1, 2, 3], [a | b], [7, 8],
     <<>>, <<1, 2, 3>>, <<"text">>, <<"a\n">>, <<5:3>>,
     {1.5, [2.5]}, [{k, v} | "tail"]].
