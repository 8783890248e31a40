%% lists — list processing, written for ferl to OTP 25's documented behaviour.
-module(lists).
-export([reverse/1, reverse/2, map/2, foldl/3, foldr/3, foreach/2, filter/2,
         seq/2, seq/3, nth/2, member/2, append/1, append/2, flatten/1,
         sort/1, keyfind/3, keysort/2, duplicate/2, sum/1, max/1, min/1,
         last/1, zip/2, usort/1]).

reverse(L) -> reverse(L, []).

reverse([H | T], Acc) -> reverse(T, [H | Acc]);
reverse([], Acc) -> Acc.

map(F, [H | T]) -> [F(H) | map(F, T)];
map(F, []) when is_function(F, 1) -> [].

foldl(F, Acc, [H | T]) -> foldl(F, F(H, Acc), T);
foldl(F, Acc, []) when is_function(F, 2) -> Acc.

foldr(F, Acc, [H | T]) -> F(H, foldr(F, Acc, T));
foldr(F, Acc, []) when is_function(F, 2) -> Acc.

foreach(F, [H | T]) -> F(H), foreach(F, T);
foreach(F, []) when is_function(F, 1) -> ok.

filter(P, L) when is_function(P, 1) -> [X || X <- L, P(X)].

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_up(Last, First, []).

seq_up(N, First, Acc) when N >= First -> seq_up(N - 1, First, [N | Acc]);
seq_up(_, _, Acc) -> Acc.

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc),
       (Inc > 0 andalso First - Inc =< Last) orelse
       (Inc < 0 andalso First - Inc >= Last) ->
    N = (Last - First + Inc) div Inc,
    seq_n(N, First + (N - 1) * Inc, Inc, []);
seq(Same, Same, 0) when is_integer(Same) ->
    [Same];
seq(First, Last, Inc) ->
    erlang:error(badarg, [First, Last, Inc]).

seq_n(0, _, _, Acc) -> Acc;
seq_n(N, X, Inc, Acc) -> seq_n(N - 1, X - Inc, Inc, [X | Acc]).

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

member(X, [X | _]) -> true;
member(X, [_ | T]) -> member(X, T);
member(_, []) -> false.

append([L | Ls]) -> L ++ append(Ls);
append([]) -> [].

append(A, B) -> A ++ B.

flatten(L) when is_list(L) -> flatten(L, []).

flatten([H | T], Tail) when is_list(H) -> flatten(H, flatten(T, Tail));
flatten([H | T], Tail) -> [H | flatten(T, Tail)];
flatten([], Tail) -> Tail.

%% Stable merge sort on the standard term order.
sort(L) -> msort(fun(A, B) -> A =< B end, L).

%% keysort: stable on element N.
keysort(N, L) when is_integer(N), N > 0 ->
    msort(fun(A, B) -> element(N, A) =< element(N, B) end, L).

msort(_, []) -> [];
msort(_, [X]) -> [X];
msort(Le, L) ->
    {A, B} = take(length(L) div 2, L, []),
    merge(Le, msort(Le, A), msort(Le, B)).

take(0, L, Acc) -> {reverse(Acc), L};
take(N, [H | T], Acc) -> take(N - 1, T, [H | Acc]).

merge(Le, [A | As] = AL, [B | Bs] = BL) ->
    case Le(A, B) of
        true -> [A | merge(Le, As, BL)];
        false -> [B | merge(Le, AL, Bs)]
    end;
merge(_, [], Bs) -> Bs;
merge(_, As, []) -> As.

usort(L) -> dedup(sort(L)).

dedup([A, B | T]) when A == B -> dedup([A | T]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].

keyfind(_, _, []) -> false;
keyfind(K, N, [H | T]) ->
    case is_tuple(H) andalso tuple_size(H) >= N andalso element(N, H) =:= K of
        true -> H;
        false -> keyfind(K, N, T)
    end.

duplicate(N, X) when is_integer(N), N >= 0 -> dup(N, X, []).

dup(0, _, Acc) -> Acc;
dup(N, X, Acc) -> dup(N - 1, X, [X | Acc]).

sum(L) -> sum(L, 0).
sum([H | T], S) -> sum(T, S + H);
sum([], S) -> S.

max([H | T]) -> max_of(T, H).
max_of([H | T], M) when H > M -> max_of(T, H);
max_of([_ | T], M) -> max_of(T, M);
max_of([], M) -> M.

min([H | T]) -> min_of(T, H).
min_of([H | T], M) when H < M -> min_of(T, H);
min_of([_ | T], M) -> min_of(T, M);
min_of([], M) -> M.

last([E]) -> E;
last([_ | T]) -> last(T).

zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)];
zip([], []) -> [].
