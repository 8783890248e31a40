%% Sending: to a dead pid (silently dropped), to an unregistered name (badarg), to a
%% non-pid (badarg), the value of `!` (the message), chained sends, sending to self.
-module(send_semantics).
-export([main/1]).

id(X) -> X.

main(_) ->
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    io:format("~p~n", [Dead ! hello]),
    io:format("~p~n", [try id(nobody_here) ! hi catch error:E -> E end]),
    io:format("~p~n", [try id(42) ! hi catch error:E2 -> E2 end]),
    X = self() ! self() ! chained,
    io:format("~p~n", [X]),
    io:format("~p~n", [[receive M -> M end || _ <- [1, 2]]]),
    io:format("~p~n", [erlang:send(self(), {tuple, [1, 2]})]),
    io:format("~p~n", [receive T -> T end]),
    Big = lists:seq(1, 100000),
    self() ! {big, Big},
    receive {big, B} -> io:format("~p~n", [lists:sum(B)]) end.
