%% Seed ("Erlang 101", records and abstract data types): the stack module used from
%% another module as an abstract data type.
-module(seed_stack).
-export([main/1]).

main(_) ->
    S0 = stack:new(),
    S1 = stack:push(1, S0),
    S2 = stack:push(two, S1),
    S3 = stack:push("three", S2),
    {ok, Top, S4} = stack:pop(S3),
    io:format("~p ~p~n", [Top, S4]),
    io:format("~p~n", [drain(S3)]),
    io:format("~p~n", [stack:pop(stack:new())]),
    Big = lists:foldl(fun stack:push/2, stack:new(), lists:seq(1, 10000)),
    io:format("~p~n", [length(drain(Big))]).

drain(S) ->
    case stack:pop(S) of
        {ok, X, Rest} -> [X | drain(Rest)];
        {error, empty} -> []
    end.
