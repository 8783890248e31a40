%% erlang:phash2/1,2 values must equal BEAM's for every kind of term.
-module(phash2).
-export([main/1]).

main(_) ->
    Terms = [0, 1, -1, 42, 1 bsl 64, -(1 bsl 70), 1.0, 0.5, -2.5, atom, '', "abc", [], [1 | 2],
             {}, {a, b}, <<>>, <<"hello">>, <<1:3>>, #{}, #{a => 1, b => 2}, fun lists:map/2,
             [a, {b, [c, <<"d">>]}, #{k => [1.5]}], lists:seq(1, 100)],
    [io:format("~w ~p ~p~n", [show(T), erlang:phash2(T), erlang:phash2(T, 1000)]) || T <- Terms],
    io:format("~p~n", [erlang:phash2(x, 1)]),
    io:format("~p~n", [try erlang:phash2(x, 0) catch error:E -> E end]).

%% (maps are shown by their size: this test is about the hashes)
show(M) when is_map(M) -> {map, map_size(M)};
show([H | T]) -> [show(H) | show(T)];
show(T) when is_tuple(T) -> list_to_tuple(show(tuple_to_list(T)));
show(X) -> X.
