%% The process dictionary: put/get/erase (returning old values), per-process
%% isolation, undefined for missing keys, keys of any type.
-module(process_dict).
-export([main/1]).

main(_) ->
    io:format("~p~n", [put(count, 1)]),
    io:format("~p~n", [put(count, 2)]),
    io:format("~p~n", [get(count)]),
    io:format("~p~n", [get(missing)]),
    put({complex, key}, [1, 2, 3]),
    put(<<"bin">>, #{a => 1}),
    io:format("~p ~p~n", [get({complex, key}), get(<<"bin">>)]),
    io:format("~p~n", [erase(count)]),
    io:format("~p~n", [get(count)]),
    io:format("~p~n", [erase(count)]),
    [put(N, N * N) || N <- lists:seq(1, 10)],
    io:format("~p~n", [lists:sum([get(N) || N <- lists:seq(1, 10)])]),
    %% each process has its own dictionary
    Self = self(),
    spawn(fun() -> put(count, child), Self ! {child_sees, get(5), get(count)} end),
    receive {child_sees, A, B} -> io:format("~p ~p~n", [A, B]) end,
    io:format("~p~n", [get(count)]),
    %% a counter loop
    put(acc, 0),
    lists:foreach(fun(X) -> put(acc, get(acc) + X) end, lists:seq(1, 100)),
    io:format("~p~n", [get(acc)]).
