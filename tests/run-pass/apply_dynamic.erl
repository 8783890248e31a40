%% apply/2 and apply/3 (literal argument lists and lists built at run time, of several
%% lengths), erlang:apply, calls M:F(...) with variable module and function, and undef.
-module(apply_dynamic).
-export([main/1, zero/0, one/1, two/2, three/3, many/6, sum_list/1]).

zero() -> zero.
one(A) -> {one, A}.
two(A, B) -> {two, A, B}.
three(A, B, C) -> {three, A, B, C}.
many(A, B, C, D, E, F) -> A + B + C + D + E + F.
sum_list(L) -> lists:sum(L).

args(N) -> lists:seq(1, N).

id(X) -> X.

main(_) ->
    io:format("~p~n", [apply(?MODULE, one, [x])]),
    io:format("~p~n", [apply(fun(A, B) -> A * B end, [6, 7])]),
    io:format("~p~n", [erlang:apply(fun ?MODULE:two/2, [a, b])]),
    Names = [zero, one, two, three],
    %% argument lists whose length is only known at run time
    R = [apply(?MODULE, F, args(N)) || {F, N} <- lists:zip(Names, [0, 1, 2, 3])],
    io:format("~p~n", [R]),
    io:format("~p~n", [apply(id(?MODULE), id(many), args(id(6)))]),
    Funs = [fun() -> f0 end, fun(A) -> {f1, A} end, fun(A, B) -> {f2, A, B} end,
            fun(A, B, C) -> {f3, A, B, C} end, fun(A, B, C, D, E) -> {f5, A, B, C, D, E} end],
    io:format("~p~n", [[apply(F, args(element(2, erlang:fun_info(F, arity)))) || F <- Funs]]),
    M = id(?MODULE), F = id(two),
    io:format("~p~n", [M:F(1, 2)]),
    io:format("~p~n", [?MODULE:sum_list([1, 2, 3])]),
    io:format("~p~n", [apply(erlang, element, [1, {first}])]),
    io:format("~p~n", [apply(lists, reverse, [[1, 2, 3]])]),
    io:format("~p~n", [erlang:apply(erlang, '+', [1, 2])]),
    io:format("~p~n", [apply(fun erlang:tuple_size/1, [{a, b, c}])]),
    E1 = try apply(?MODULE, nope, [1]) catch error:R1 -> R1 end,
    E2 = try apply(no_such_module, f, []) catch error:R2 -> R2 end,
    E3 = try apply(fun(A) -> A end, [1, 2]) catch error:{badarity, _} -> badarity end,
    E4 = try apply(?MODULE, one, id(not_a_list)) catch error:R4 -> R4 end,
    E5 = try (id(?MODULE)):three(1) catch error:R5 -> R5 end,
    io:format("~p~n", [[E1, E2, E3, E4, E5]]).
