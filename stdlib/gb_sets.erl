%% gb_sets: ordered sets as Andersson's general balanced trees, OTP 25's API and term
%% shapes, written from scratch for ferl. A set is {Size, Node}; Node is nil or
%% {Key, Smaller, Bigger}; elements compared with < and >. Set operations on lists
%% rebuild a balanced tree from the merged list (as OTP, so the shapes agree); a union
%% of a small set into a large one inserts instead.
-module(gb_sets).
-export([empty/0, new/0, is_empty/1, size/1, singleton/1, is_member/2, is_element/2,
         insert/2, add/2, add_element/2, balance/1, from_ordset/1, from_list/1,
         delete/2, delete_any/2, del_element/2, take_smallest/1, smallest/1,
         take_largest/1, largest/1, iterator/1, iterator_from/2, next/1,
         union/2, union/1, intersection/2, intersection/1, is_disjoint/2,
         difference/2, subtract/2, is_subset/2, is_set/1, filter/2, fold/3, to_list/1]).

empty() -> {0, nil}.
new() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({S, _}) -> S.

singleton(X) -> {1, {X, nil, nil}}.

is_member(X, {_, T}) -> mem(X, T).
is_element(X, S) -> is_member(X, S).

mem(X, {X1, L, _}) when X < X1 -> mem(X, L);
mem(X, {X1, _, R}) when X > X1 -> mem(X, R);
mem(_, {_, _, _}) -> true;
mem(_, nil) -> false.

insert(X, {S, T}) ->
    N = S + 1,
    {N, ins(X, T, N * N)}.

ins(X, nil, 0) -> {{X, nil, nil}, 1, 1};
ins(X, nil, _) -> {X, nil, nil};
ins(X, {X1, L, R}, B) when X < X1 ->
    case ins(X, L, B bsr 1) of
        {L1, H1, S1} when is_integer(H1) -> up({X1, L1, R}, H1, S1, R);
        L1 -> {X1, L1, R}
    end;
ins(X, {X1, L, R}, B) when X > X1 ->
    case ins(X, R, B bsr 1) of
        {R1, H1, S1} when is_integer(H1) -> up({X1, L, R1}, H1, S1, L);
        R1 -> {X1, L, R1}
    end;
ins(X, _, _) -> erlang:error({key_exists, X}).

up(Node, H1, S1, Other) ->
    {H2, S2} = weigh(Other),
    H = 2 * max(H1, H2),
    S = S1 + S2 + 1,
    case H > S * S of
        true -> build(to_list(Node, []), S);
        false -> {Node, H, S}
    end.

weigh(nil) -> {1, 0};
weigh({_, nil, nil}) -> {1, 1};
weigh({_, L, R}) ->
    {H1, S1} = weigh(L),
    {H2, S2} = weigh(R),
    {2 * max(H1, H2), S1 + S2 + 1}.

add(X, S) ->
    case is_member(X, S) of
        true -> S;
        false -> insert(X, S)
    end.
add_element(X, S) -> add(X, S).

balance({S, T}) -> {S, build(to_list(T, []), S)}.

%% balanced tree of the first N elements of an ascending list: left gets the larger half
build(L, N) -> {T, _} = bb(L, N), T.

bb(L, 0) -> {nil, L};
bb([X | L], 1) -> {{X, nil, nil}, L};
bb(L, N) ->
    Right = (N - 1) div 2,
    {T1, [X | L1]} = bb(L, N - 1 - Right),
    {T2, L2} = bb(L1, Right),
    {{X, T1, T2}, L2}.

%% balanced tree of the first N elements of a descending list: right gets the larger half
rbuild(L, N) -> {T, _} = rb(L, N), T.

rb(L, 0) -> {nil, L};
rb([X | L], 1) -> {{X, nil, nil}, L};
rb(L, N) ->
    Left = (N - 1) div 2,
    {T2, [X | L1]} = rb(L, N - 1 - Left),
    {T1, L2} = rb(L1, Left),
    {{X, T1, T2}, L2}.

from_ordset(L) ->
    S = length(L),
    {S, build(L, S)}.

from_list(L) -> from_ordset(lists:usort(L)).

delete(X, {S, T}) -> {S - 1, del(X, T)}.

del(X, {X1, L, R}) when X < X1 -> {X1, del(X, L), R};
del(X, {X1, L, R}) when X > X1 -> {X1, L, del(X, R)};
del(_, {_, L, R}) -> join(L, R).

join(L, nil) -> L;
join(nil, R) -> R;
join(L, R) ->
    {X, R1} = pop_min(R),
    {X, L, R1}.

pop_min({X, nil, R}) -> {X, R};
pop_min({X, L, R}) ->
    {X1, L1} = pop_min(L),
    {X1, {X, L1, R}}.

pop_max({X, L, nil}) -> {X, L};
pop_max({X, L, R}) ->
    {X1, R1} = pop_max(R),
    {X1, {X, L, R1}}.

delete_any(X, S) ->
    case is_member(X, S) of
        true -> delete(X, S);
        false -> S
    end.
del_element(X, S) -> delete_any(X, S).

take_smallest({S, T}) ->
    {X, T1} = pop_min(T),
    {X, {S - 1, T1}}.

smallest({_, T}) -> min_node(T).

min_node({X, nil, _}) -> X;
min_node({_, L, _}) -> min_node(L).

take_largest({S, T}) ->
    {X, T1} = pop_max(T),
    {X, {S - 1, T1}}.

largest({_, T}) -> max_node(T).

max_node({X, _, nil}) -> X;
max_node({_, _, R}) -> max_node(R).

iterator({_, T}) -> left_spine(T, []).

left_spine(nil, Acc) -> Acc;
left_spine({_, nil, _} = N, Acc) -> [N | Acc];
left_spine({_, L, _} = N, Acc) -> left_spine(L, [N | Acc]).

iterator_from(X, {_, T}) -> from(X, T, []).

from(_, nil, Acc) -> Acc;
from(X, {X1, _, R}, Acc) when X > X1 -> from(X, R, Acc);
from(_, {_, nil, _} = N, Acc) -> [N | Acc];
from(X, {_, L, _} = N, Acc) -> from(X, L, [N | Acc]).

next([{X, _, R} | Acc]) -> {X, left_spine(R, Acc)};
next([]) -> none.

to_list({_, T}) -> to_list(T, []).

to_list(nil, Acc) -> Acc;
to_list({X, L, R}, Acc) -> to_list(L, [X | to_list(R, Acc)]).

%% log-based switch between merging lists and inserting (as OTP: c = 1.46)
use_merge(Small, Big) ->
    Big < 10 orelse Big < Small * round(1.46 * math:log(Big)).

union({N1, T1}, {N2, T2}) when N2 < N1 -> union_(to_list(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union_(to_list(T1, []), N1, T2, N2).

union_(L, N1, T2, N2) ->
    case use_merge(N1, N2) of
        true ->
            {Rev, N} = merge_union(L, to_list(T2, []), [], 0),
            {N, rbuild(Rev, N)};
        false ->
            lists:foldl(fun add/2, {N2, T2}, L)
    end.

%% Merges two ordered lists. When the head of the second list is the smaller, the two
%% lists change roles, so of two equal (==) elements the one kept is from whichever
%% list last supplied a smaller element: OTP's merge behaves so, and the choice shows
%% with 1 and 1.0.
merge_union([X | Xs] = A, [Y | Ys] = B, Acc, N) ->
    if
        X < Y -> merge_union(Xs, B, [X | Acc], N + 1);
        X > Y -> merge_union(Ys, A, [Y | Acc], N + 1);
        true -> merge_union(Xs, Ys, [X | Acc], N + 1)
    end;
merge_union([], Ys, Acc, N) -> rev_onto(Ys, Acc, N);
merge_union(Xs, [], Acc, N) -> rev_onto(Xs, Acc, N).

rev_onto([X | Xs], Acc, N) -> rev_onto(Xs, [X | Acc], N + 1);
rev_onto([], Acc, N) -> {Acc, N}.

union([S | Ss]) -> union_list(S, Ss);
union([]) -> {0, nil}.

union_list(S, [S1 | Ss]) -> union_list(union(S, S1), Ss);
union_list(S, []) -> S.

intersection({N1, T1}, {N2, T2}) when N2 < N1 -> inter_(to_list(T2, []), N2, T1, N1);
intersection({N1, T1}, {N2, T2}) -> inter_(to_list(T1, []), N1, T2, N2).

inter_(L, N1, T2, N2) ->
    Common = case use_merge(N1, N2) of
                 true -> merge_inter(L, to_list(T2, []), []);
                 false -> lists:reverse([X || X <- L, mem(X, T2)])
             end,
    N = length(Common),
    {N, rbuild(Common, N)}.

%% As merge_union/4, the lists change roles when the second one's head is the smaller.
merge_inter([X | Xs] = A, [Y | Ys] = B, Acc) ->
    if
        X < Y -> merge_inter(Xs, B, Acc);
        X > Y -> merge_inter(Ys, A, Acc);
        true -> merge_inter(Xs, Ys, [X | Acc])
    end;
merge_inter(_, _, Acc) -> Acc.

intersection([S | Ss]) -> inter_list(S, Ss).

inter_list(S, [S1 | Ss]) -> inter_list(intersection(S, S1), Ss);
inter_list(S, []) -> S.

is_disjoint({N1, T1}, {N2, T2}) when N1 < N2 -> disj(T1, T2);
is_disjoint({_, T1}, {_, T2}) -> disj(T2, T1).

disj(nil, _) -> true;
disj(_, nil) -> true;
disj({X, L, R}, T) -> not mem(X, T) andalso disj(L, T) andalso disj(R, T).

subtract(S1, S2) -> difference(S1, S2).

difference({N1, T1}, {N2, T2}) ->
    L = to_list(T1, []),
    Rest = case use_merge(N1, N2) of
               true -> merge_diff(L, to_list(T2, []), []);
               false -> lists:reverse([X || X <- L, not mem(X, T2)])
           end,
    N = length(Rest),
    {N, rbuild(Rest, N)}.

merge_diff([X | Xs] = A, [Y | Ys] = B, Acc) ->
    if
        X < Y -> merge_diff(Xs, B, [X | Acc]);
        X > Y -> merge_diff(A, Ys, Acc);
        true -> merge_diff(Xs, Ys, Acc)
    end;
merge_diff(Xs, [], Acc) -> lists:reverse(Xs, Acc);
merge_diff([], _, Acc) -> Acc.

is_subset({N1, T1}, {_, T2}) ->
    N1 =:= 0 orelse lists:all(fun(X) -> mem(X, T2) end, to_list(T1, [])).

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

filter(F, S) -> from_ordset([X || X <- to_list(S), F(X)]).

fold(F, A, {_, T}) when is_function(F, 2) -> fold_t(F, A, T).

fold_t(_, A, nil) -> A;
fold_t(F, A, {X, L, R}) -> fold_t(F, F(X, fold_t(F, A, L)), R).
