%% The classic first program, plus a little of everything the front end checks.
-module(hello).
-export([main/1, greet/1]).
-mode(compile).

-record(person, {name = "World" :: string(), age = 0 :: non_neg_integer()}).

-define(GREETING, "Hello").

-spec main([string()]) -> ok.
main(Args) ->
    People = [#person{name = A} || A <- Args],
    lists:foreach(fun greet/1, case People of [] -> [#person{}]; _ -> People end).

greet(#person{name = Name}) ->
    io:format("~s, ~s!~n", [?GREETING, Name]).
