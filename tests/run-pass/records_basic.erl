%% Records: creation with defaults, field access, update, #r.field index, record_info,
%% is_record, records in patterns and guards, badrecord.
-module(records_basic).
-export([main/1]).

-record(person, {name, age = 0, email = "none", tags = []}).
-record(empty, {}).

id(X) -> X.

greet(#person{name = N, age = A}) when A >= 18 -> {adult, N};
greet(#person{name = N}) -> {minor, N}.

birthday(P = #person{age = A}) -> P#person{age = A + 1}.

main(_) ->
    P1 = #person{name = "Ann"},
    io:format("~p~n", [P1]),
    P2 = #person{name = "Bob", age = 30, tags = [admin]},
    io:format("~p~n", [P2]),
    io:format("~p ~p ~p~n", [P2#person.name, P2#person.age, P2#person.email]),
    io:format("~p~n", [[greet(P1), greet(P2)]]),
    P3 = birthday(birthday(P2)),
    io:format("~p~n", [P3#person.age]),
    io:format("~p~n", [P3#person{email = "bob@x", tags = []}]),
    io:format("~p ~p ~p~n", [#person.name, #person.age, #person.tags]),
    io:format("~p~n", [record_info(fields, person)]),
    io:format("~p~n", [record_info(size, person)]),
    io:format("~p~n", [#empty{}]),
    io:format("~p~n", [record_info(fields, empty)]),
    io:format("~p~n", [[is_record(P1, person), is_record(P1, empty), is_record({person}, person),
                        is_record(id(P1), person, 5), is_record(x, person)]]),
    Guarded = [if is_record(X, person) -> yes; true -> no end || X <- [P1, {person, a}, foo]],
    io:format("~p~n", [Guarded]),
    Names = [N || #person{name = N} <- [P1, P2, {other, x}, P3]],
    io:format("~p~n", [Names]),
    #person{name = Who, _ = _} = P2,
    io:format("~p~n", [Who]),
    P4 = #person{name = x, _ = filled},
    io:format("~p~n", [P4]),
    Bad = try (id({not_person, 1}))#person.name catch error:E -> E end,
    io:format("~p~n", [Bad]),
    Bad2 = try (id(foo))#person{age = 1} catch error:E2 -> E2 end,
    io:format("~p~n", [Bad2]),
    io:format("~p~n", [element(#person.age, P2)]).
