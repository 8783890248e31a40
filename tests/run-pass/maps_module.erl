%% The maps module functions ferl's library provides (get/2,3, find, is_key, put, update,
%% remove, take, keys, values, to_list, from_list, merge, new, size) and map iteration by
%% to_list; large maps (more than 32 keys).
-module(maps_module).
-export([main/1]).

main(_) ->
    M = maps:from_list([{b, 2}, {a, 1}, {c, 3}]),
    io:format("~p~n", [M]),
    io:format("~p ~p ~p~n", [maps:get(a, M), maps:get(z, M, default), maps:find(b, M)]),
    io:format("~p ~p~n", [maps:find(z, M), maps:is_key(c, M)]),
    io:format("~p~n", [maps:put(d, 4, M)]),
    io:format("~p~n", [maps:update(a, 100, M)]),
    io:format("~p~n", [maps:remove(b, M)]),
    io:format("~p~n", [maps:take(c, M)]),
    io:format("~p ~p~n", [maps:keys(M), maps:values(M)]),
    io:format("~p~n", [maps:to_list(M)]),
    io:format("~p~n", [maps:merge(M, #{a => merged, e => 5})]),
    io:format("~p ~p~n", [maps:new(), maps:size(M)]),
    io:format("~p~n", [try maps:get(z, M) catch error:E -> E end]),
    io:format("~p~n", [try maps:update(z, 1, M) catch error:E2 -> E2 end]),
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 100)]),
    io:format("~p ~p~n", [maps:size(Big), maps:get(77, Big)]),
    io:format("~p~n", [lists:sum(maps:values(Big))]),
    io:format("~p~n", [lists:sort(maps:keys(maps:remove(50, Big))) =:= lists:seq(1, 49) ++ lists:seq(51, 100)]).
