%% fannkuch-redux (Computer Language Benchmarks Game), permutations as lists,
%% generated in the reference order. Prints {Checksum, MaxFlips}.
-module(fannkuch_redux).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    {_Idx, Checksum, MaxFlips} = go(N, seq(0, N - 1), {0, 0, 0}),
    erlang:display({Checksum, MaxFlips}).

%% go(K, Perm, Acc): visit every permutation of the first K elements of Perm:
%% K times { go(K - 1); rotate the first K elements left by one }.
go(1, Perm, Acc) -> visit(Perm, Acc);
go(K, Perm, Acc) -> go_loop(K, K, Perm, Acc).

go_loop(0, _K, _Perm, Acc) -> Acc;
go_loop(I, K, Perm, Acc) ->
    Acc1 = go(K - 1, Perm, Acc),
    go_loop(I - 1, K, rotate(K, Perm), Acc1).

visit(Perm, {Idx, Checksum, MaxFlips}) ->
    F = flips(Perm, 0),
    C = case Idx band 1 of 0 -> Checksum + F; 1 -> Checksum - F end,
    {Idx + 1, C, max2(F, MaxFlips)}.

max2(A, B) when A > B -> A;
max2(_, B) -> B.

rotate(K, [H | T]) -> rot(K - 1, H, T).
rot(0, H, T) -> [H | T];
rot(K, H, [X | T]) -> [X | rot(K - 1, H, T)].

flips([0 | _], F) -> F;
flips([H | _] = L, F) -> flips(rev_prefix(H + 1, L, []), F + 1).

rev_prefix(0, Rest, Acc) -> Acc ++ Rest;
rev_prefix(K, [X | T], Acc) -> rev_prefix(K - 1, T, [X | Acc]).

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].
