%% erlang:make_fun/3: export funs built at run time, their calls, and the badarg cases.
-module(make_fun).
-export([start/0, two/2]).

two(A, B) -> {A, B}.

id(X) -> X.

reason(F) -> try F() catch C:R -> {C, R} end.

start() ->
    F = erlang:make_fun(make_fun, two, 2),
    io:format("~p ~p ~p~n", [F(1, 2), is_function(F, 2), F =:= fun make_fun:two/2]),
    io:format("~p~n", [reason(fun() -> erlang:make_fun(make_fun, two, id(256)) end)]),
    io:format("~p~n", [reason(fun() -> erlang:make_fun(id("m"), two, 2) end)]),
    io:format("~p~n", [reason(fun() -> erlang:make_fun(m, two, id(-1)) end)]),
    G = erlang:make_fun(no_such_module, nofun, 0),
    io:format("~p~n", [reason(G)]),
    io:format("~p~n", [[(erlang:make_fun(lists, M, 1))([3, 1, 2]) || M <- [reverse, sort, last]]]).
