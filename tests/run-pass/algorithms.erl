%% Classic algorithms as a workout for pattern matching, recursion and lists: n-queens,
%% sieve of Eratosthenes, towers of Hanoi, merge sort, binary search on a tuple, gcd,
%% permutations count, run-length encoding.
-module(algorithms).
-export([main/1]).

queens(N) -> queens(N, N).
queens(0, _) -> [[]];
queens(K, N) -> [[Q | Qs] || Qs <- queens(K - 1, N), Q <- lists:seq(1, N), safe(Q, Qs, 1)].

safe(_, [], _) -> true;
safe(Q, [Q1 | Qs], D) -> Q =/= Q1 andalso abs(Q - Q1) =/= D andalso safe(Q, Qs, D + 1).

sieve([]) -> [];
sieve([P | Xs]) -> [P | sieve([X || X <- Xs, X rem P =/= 0])].

hanoi(0, _, _, _) -> [];
hanoi(N, From, To, Via) -> hanoi(N - 1, From, Via, To) ++ [{From, To}] ++ hanoi(N - 1, Via, To, From).

msort([]) -> [];
msort([X]) -> [X];
msort(L) ->
    {A, B} = split(length(L) div 2, L, []),
    merge(msort(A), msort(B)).

split(0, L, Acc) -> {lists:reverse(Acc), L};
split(N, [H | T], Acc) -> split(N - 1, T, [H | Acc]).

merge([], B) -> B;
merge(A, []) -> A;
merge([X | A], [Y | _] = B) when X =< Y -> [X | merge(A, B)];
merge(A, [Y | B]) -> [Y | merge(A, B)].

bsearch(T, X) -> bsearch(T, X, 1, tuple_size(T)).
bsearch(_, _, Lo, Hi) when Lo > Hi -> not_found;
bsearch(T, X, Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    case element(Mid, T) of
        X -> {found, Mid};
        Y when Y < X -> bsearch(T, X, Mid + 1, Hi);
        _ -> bsearch(T, X, Lo, Mid - 1)
    end.

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

rle([]) -> [];
rle([H | T]) -> rle(T, H, 1).
rle([H | T], H, N) -> rle(T, H, N + 1);
rle([H | T], P, N) -> [{P, N} | rle(T, H, 1)];
rle([], P, N) -> [{P, N}].

main(_) ->
    io:format("~p~n", [[length(queens(N)) || N <- lists:seq(1, 8)]]),
    io:format("~p~n", [hd(queens(8))]),
    io:format("~p~n", [sieve(lists:seq(2, 100))]),
    io:format("~p~n", [hanoi(3, a, c, b)]),
    io:format("~p~n", [length(hanoi(12, a, c, b))]),
    io:format("~p~n", [msort([5, 3, 9, 1, 5, 8, 2, 7, 3, 0, -4])]),
    T = list_to_tuple(lists:seq(0, 1000, 5)),
    io:format("~p~n", [[bsearch(T, X) || X <- [0, 5, 500, 1000, 3, 1001]]]),
    io:format("~p~n", [[gcd(A, B) || {A, B} <- [{12, 18}, {17, 5}, {1 bsl 80, 1 bsl 40 * 3}]]]),
    io:format("~p~n", [rle("aaabccddddde")]).
