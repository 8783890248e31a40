%% List comprehensions: several generators, filters, patterns in generators skipping
%% non-matching elements, nested comprehensions, dependent generators, and map
%% comprehensions-free idioms (tuples, strings).
-module(comprehensions).
-export([main/1]).

pythag(N) ->
    [{A, B, C} || A <- lists:seq(1, N), B <- lists:seq(A, N), C <- lists:seq(B, N),
                  A * A + B * B =:= C * C].

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

main(_) ->
    io:format("~p~n", [[X * X || X <- [1, 2, 3, 4, 5], X rem 2 =:= 1]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- lists:seq(1, X)]]),
    io:format("~p~n", [pythag(20)]),
    io:format("~p~n", [perms([1, 2, 3])]),
    io:format("~p~n", [qsort([5, 3, 8, 1, 9, 2, 7])]),
    %% patterns in generators filter
    io:format("~p~n", [[V || {ok, V} <- [{ok, 1}, error, {ok, 2}, {error, x}, {ok, 3, extra}]]]),
    io:format("~p~n", [[X || [X] <- [[1], [], [2, 3], [4]]]]),
    %% several filters, including non-guard expressions
    IsPrime = fun(N) -> N > 1 andalso [D || D <- lists:seq(2, N - 1), N rem D =:= 0] =:= [] end,
    io:format("~p~n", [[N || N <- lists:seq(1, 50), IsPrime(N), N rem 10 =/= 3]]),
    %% nested comprehension
    io:format("~p~n", [[[X * Y || X <- [1, 2, 3]] || Y <- [1, 10, 100]]]),
    %% string comprehension
    io:format("~s~n", [[C - 32 || C <- "hello", C =/= $l]]),
    %% generator over a generated binding
    io:format("~p~n", [[{K, V} || {K, Vs} <- [{a, [1, 2]}, {b, []}, {c, [3]}], V <- Vs]]),
    %% filters referencing both generators and outer variables
    Lim = 4,
    io:format("~p~n", [[X + Y || X <- [1, 2, 3], Y <- [1, 2, 3], X + Y > Lim]]),
    io:format("~p~n", [[ok || _ <- [a, b, c]]]),
    io:format("~p~n", [[X || X <- [], exit(never)]]),
    E = try [X || X <- not_a_list] catch error:R -> R end,
    io:format("~p~n", [E]),
    E2 = try [X || X <- [1, 2], X] catch error:R2 -> R2 end,
    io:format("~p~n", [E2]).
