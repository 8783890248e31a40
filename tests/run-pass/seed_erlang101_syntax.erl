%% Seed ("Erlang 101", chapter 2): the snippets on data types, variables, operators,
%% if/case, guards and matching of literals, variables, tuples, lists and maps, made into
%% one program (the snippets are shell fragments; `for`/`while` loops, which Erlang does
%% not have, are written as recursion and lists:foreach).
-module(seed_erlang101_syntax).
-export([main/1]).

-record(person, {name :: string(), age :: integer()}).

main(_) ->
    % This is a comment in Erlang
    X = 5,  % binds the variable X to the value 5
    _Y = 10,
    io:format("~p~n", [['hello world', foo, 42, 3.14, 12345678901234567890, true, false]]),
    io:format("~p~n", [[{1, 2, 3}, {atom, "hello", true}, [1, 2, 3], ["hello", world]]]),
    io:format("~p~n", [[red, blue, 'hello, world', 10.5, "Hello, world!", ["red", "green", "blue"], {"apple", 5, true}]]),
    Y = X + 10,  % assigns the value 15 to the variable Y
    io:format("~p~n", [Y]),
    io:format("~p~n", [[color(red), color(green), color(blue)]]),
    io:format("~p~n", [[5 + 3, 10 - 2, 2 * 4, 8 / 2, 8 div 3, 8 rem 3]]),
    io:format("~p~n", [[8 == 8, 8 /= 4, 8 /= 8, 8 > 4, 8 >= 8, 8 < 4, 8 =< 8]]),
    io:format("~p~n", [[true and false, true or false, not true]]),
    io:format("~p~n", [[2#1010 band 2#1100, 2#1010 bor 2#1100, 2#1010 bxor 2#1100, 2#1010 bsl 2, 2#1010 bsr 1]]),
    io:format("~p~n", [[2 + 3, 4 * (3 + 2), atom_to_list(hi)]]),
    io:format("Hello"), io:nl(),
    io:format("~p~n", [lists:reverse([1, 2, 3])]),
    [sign(N) || N <- [3, -3, 0]],
    [one_or_two(N) || N <- [1, 2, 7]],
    [guarded(A, B) || {A, B} <- [{1, 1}, {1, -1}, {2, 0}]],
    [equal(A, B) || {A, B} <- [{1, 1}, {1, 2}]],
    [pair(A, B) || {A, B} <- [{1, 2}, {2, 1}, {3, 3}]],
    [list_shape(L) || L <- [[1, 2, 3], [4, 5, 6], [7], []]],
    [map_shape(M) || M <- [#{a => 1, b => 2}, #{a => 7}, #{b => 1}]],
    for(1, 10),
    lists:foreach(fun(I) -> io:format("~w~n", [I]) end, [1, 2, 3]),
    while(3),
    Person = #person{name = "Alice", age = 25},
    io:format("~p ~p~n", [Person#person.name, Person#person.age]),
    io:format("~p~n", [sum([1, 2, 3, 4])]).

color(X) ->
    case X of
        red -> "The color is red";
        green -> "The color is green";
        _ -> "Unknown color"
    end.

sign(X) ->
    if
        X > 0 -> io:format("X is positive.~n");
        X < 0 -> io:format("X is negative.~n");
        true -> io:format("X is zero.~n")
    end.

one_or_two(X) ->
    case X of
        1 -> io:format("X is 1.~n");
        2 -> io:format("X is 2.~n");
        _ -> io:format("X is not 1 or 2.~n")
    end.

guarded(X, Y) ->
    case X of
        1 when Y > 0 -> io:format("X is 1 and Y is positive.~n");
        1 when Y < 0 -> io:format("X is 1 and Y is negative.~n");
        _ -> io:format("X is not 1.~n")
    end.

equal(X, Y) ->
    case X of
        Y -> io:format("X is equal to Y.~n");
        _ -> io:format("X is not equal to Y.~n")
    end.

pair(X, Y) ->
    case {X, Y} of
        {1, 2} -> io:format("X is 1 and Y is 2.~n");
        {2, 1} -> io:format("X is 2 and Y is 1.~n");
        {_, _} -> io:format("X and Y are not 1 and 2.~n")
    end.

list_shape(List) ->
    case List of
        [1, 2, 3] -> io:format("List is [1, 2, 3].~n");
        [X, Y | _] -> io:format("List starts with X = ~w and Y = ~w.~n", [X, Y]);
        [_ | _] -> io:format("List starts with an element.~n");
        [] -> io:format("List is empty.~n")
    end.

%% (the seed's `#{a := 1 | _}` is not Erlang; matching a map pattern already allows
%% additional keys)
map_shape(Map) ->
    case Map of
        #{a := 1, b := 2} -> io:format("Map has keys a and b with values 1 and 2, respectively.~n");
        #{a := X} -> io:format("Map has key a with value ~w.~n", [X]);
        _ -> io:format("Map does not match any of the above patterns.~n")
    end.

%% for I = 1 to 10 do io:format("~w~n", [I]) end.
for(I, N) when I > N -> ok;
for(I, N) -> io:format("~w~n", [I]), for(I + 1, N).

%% while X > 0 do io:format("~w~n", [X]), X = X - 1 end.
while(X) when X > 0 -> io:format("~w~n", [X]), while(X - 1);
while(_) -> ok.

sum([]) -> 0;
sum([H | T]) -> H + sum(T).
