%% Seed ("Erlang 101", functions and modules): double/1, a fun bound to a variable,
%% add/2 with clauses, add/3 missing (the seed's "raises a function_clause error" is in
%% fact undef for an unknown arity, shown with apply/3), apply_twice/2, create_adder/1.
-module(seed_erlang101_functions).
-export([main/1, add/2]).

double(X) ->
    2 * X.

add(0, Y) ->
    Y;
add(X, 0) ->
    X;
add(X, Y) ->
    X + Y.

apply_twice(F, X) ->
    F(F(X)).

create_adder(N) ->
    fun(X) -> X + N end.

main(_) ->
    io:format("~p~n", [double(5)]),
    F = fun(X) -> 2 * X end,
    io:format("~p~n", [F(5)]),
    io:format("~p ~p ~p~n", [add(2, 3), add(0, 4), add(5, 0)]),
    io:format("~p~n", [try apply(?MODULE, add, [1, 2, 3]) catch error:E -> E end]),
    MultiplyByTwo = fun(X) -> 2 * X end,
    io:format("~p~n", [apply_twice(MultiplyByTwo, 5)]),
    AddFive = create_adder(5),
    io:format("~p~n", [AddFive(3)]),
    io:format("~p~n", [apply_twice(create_adder(10), 1)]).
