-module(stack).
-export([new/0, push/2, pop/1]).

new() ->
    [].

push(Item, Stack) ->
    [Item | Stack].

pop([Item | Stack]) ->
    {ok, Item, Stack};
pop([]) ->
    {error, empty}.
