%% Funs as data sent between processes: a server that runs closures it receives (their
%% captured values copied with them), export funs, and funs stored in the process
%% dictionary.
-module(funs_in_messages).
-export([main/1, triple/1]).

triple(X) -> X * 3.

executor() ->
    receive
        {run, From, F, Args} -> From ! {result, apply(F, Args)}, executor();
        stop -> ok
    end.

run(E, F, Args) -> E ! {run, self(), F, Args}, receive {result, R} -> R end.

main(_) ->
    E = spawn(fun executor/0),
    Base = 100,
    Big = lists:seq(1, 1000),
    io:format("~p~n", [run(E, fun(X) -> X + Base end, [1])]),
    io:format("~p~n", [run(E, fun() -> lists:sum(Big) end, [])]),
    io:format("~p~n", [run(E, fun ?MODULE:triple/1, [14])]),
    io:format("~p~n", [run(E, fun erlang:'+'/2, [2, 3])]),
    Nested = fun(F) -> fun(X) -> F(F(X)) end end,
    io:format("~p~n", [run(E, Nested(fun(X) -> X * Base end), [2])]),
    %% the executor's own self() inside the fun
    io:format("~p~n", [run(E, fun() -> self() =:= E end, [])]),
    put(handler, fun(X) -> {handled, X} end),
    H = get(handler),
    io:format("~p~n", [H(ok)]),
    E ! stop.
