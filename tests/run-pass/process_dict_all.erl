%% The whole process dictionary: get/0, get_keys/0,1, erase/0 (orders are not specified,
%% so lists are sorted before printing).
-module(process_dict_all).
-export([main/1]).

main(_) ->
    io:format("~p~n", [get()]),
    [put(K, V) || {K, V} <- [{a, 1}, {b, 2}, {c, 1}, {{t}, [x]}, {"s", 1}]],
    io:format("~p~n", [lists:sort(get())]),
    io:format("~p~n", [lists:sort(get_keys())]),
    io:format("~p~n", [lists:sort(get_keys(1))]),
    io:format("~p~n", [get_keys(nothing)]),
    put(a, changed),
    io:format("~p~n", [lists:sort(get_keys(1))]),
    All = erase(),
    io:format("~p~n", [lists:sort(All)]),
    io:format("~p ~p~n", [get(), get(a)]),
    Self = self(),
    spawn(fun() -> put(x, 1), Self ! {child, get()} end),
    receive {child, D} -> io:format("~p~n", [D]) end.
