%% Tuple BIFs: element, setelement, tuple_size, size, make_tuple/2,3, append_element,
%% erlang:delete_element-free idioms, and their errors.
-module(bif_tuples).
-export([main/1]).

id(X) -> X.

main(_) ->
    T = {a, b, c},
    io:format("~p ~p ~p~n", [element(1, T), element(3, T), tuple_size(T)]),
    io:format("~p~n", [setelement(2, T, x)]),
    io:format("~p~n", [size(T)]),
    io:format("~p~n", [erlang:make_tuple(3, z)]),
    io:format("~p~n", [erlang:make_tuple(5, 0, [{2, two}, {4, four}, {2, again}])]),
    io:format("~p~n", [erlang:append_element(T, d)]),
    io:format("~p~n", [erlang:make_tuple(0, x)]),
    Big = list_to_tuple(lists:seq(1, 1000)),
    io:format("~p ~p~n", [tuple_size(Big), element(777, Big)]),
    Big2 = setelement(1000, Big, last),
    io:format("~p ~p~n", [element(1000, Big2), element(1000, Big)]),
    Errs = [fun() -> element(0, id(T)) end, fun() -> element(4, id(T)) end,
            fun() -> element(1, id([a])) end, fun() -> setelement(4, id(T), x) end,
            fun() -> tuple_size(id([])) end, fun() -> erlang:make_tuple(-1, a) end,
            fun() -> element(id(a), T) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]).
