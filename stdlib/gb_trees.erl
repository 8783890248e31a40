%% gb_trees: Andersson's general balanced trees, OTP 25's API and term shapes, written
%% from scratch for ferl. A tree is {Size, Node}; Node is nil or {Key, Value, Smaller,
%% Bigger}. Keys are compared with < and > (so 1 and 1.0 are the same key). Insertion
%% rebalances the subtree where 2^height first exceeds size^2 (as OTP, so shapes agree);
%% deletion never rebalances.
-module(gb_trees).
-export([empty/0, is_empty/1, size/1, lookup/2, get/2, insert/3, update/3, enter/3,
         delete/2, delete_any/2, balance/1, is_defined/2, keys/1, values/1, to_list/1,
         from_orddict/1, smallest/1, largest/1, take_smallest/1, take_largest/1,
         iterator/1, iterator_from/2, next/1, map/2, take/2, take_any/2]).
%% shared with gb_sets
-export([build_balanced/2]).

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({S, _}) when is_integer(S), S >= 0 -> S.

lookup(K, {_, T}) -> find(K, T).

find(_, nil) -> none;
find(K, {K1, _, L, _}) when K < K1 -> find(K, L);
find(K, {K1, _, _, R}) when K > K1 -> find(K, R);
find(_, {_, V, _, _}) -> {value, V}.

is_defined(K, {_, T}) -> find(K, T) =/= none.

get(K, {_, T}) -> fetch(K, T).

fetch(K, {K1, _, L, _}) when K < K1 -> fetch(K, L);
fetch(K, {K1, _, _, R}) when K > K1 -> fetch(K, R);
fetch(_, {_, V, _, _}) -> V.

update(K, V, {S, T}) -> {S, upd(K, V, T)}.

upd(K, V, {K1, V1, L, R}) when K < K1 -> {K1, V1, upd(K, V, L), R};
upd(K, V, {K1, V1, L, R}) when K > K1 -> {K1, V1, L, upd(K, V, R)};
upd(K, V, {_, _, L, R}) -> {K, V, L, R}.

enter(K, V, T) ->
    case is_defined(K, T) of
        true -> update(K, V, T);
        false -> insert(K, V, T)
    end.

insert(K, V, {S, T}) when is_integer(S) ->
    N = S + 1,
    {N, ins(K, V, T, N * N)}.

%% Budget B halves at each level; reaching a leaf with B =:= 0 means the path is too
%% long: the result is then {Node, 2^Height, Size} until an ancestor is rebalanced.
ins(K, V, nil, 0) -> {{K, V, nil, nil}, 1, 1};
ins(K, V, nil, _) -> {K, V, nil, nil};
ins(K, V, {K1, V1, L, R}, B) when K < K1 ->
    case ins(K, V, L, B bsr 1) of
        {L1, H1, S1} -> up({K1, V1, L1, R}, H1, S1, R);
        L1 -> {K1, V1, L1, R}
    end;
ins(K, V, {K1, V1, L, R}, B) when K > K1 ->
    case ins(K, V, R, B bsr 1) of
        {R1, H1, S1} -> up({K1, V1, L, R1}, H1, S1, L);
        R1 -> {K1, V1, L, R1}
    end;
ins(K, _, _, _) -> erlang:error({key_exists, K}).

up(Node, H1, S1, Other) ->
    {H2, S2} = weigh(Other),
    H = 2 * max(H1, H2),
    S = S1 + S2 + 1,
    case H > S * S of
        true -> build_balanced(to_pairs(Node, []), S);
        false -> {Node, H, S}
    end.

weigh(nil) -> {1, 0};
weigh({_, _, nil, nil}) -> {1, 1};
weigh({_, _, L, R}) ->
    {H1, S1} = weigh(L),
    {H2, S2} = weigh(R),
    {2 * max(H1, H2), S1 + S2 + 1}.

balance({S, T}) -> {S, build_balanced(to_pairs(T, []), S)}.

%% A perfectly balanced tree of the first N pairs of L (the left gets the larger half).
build_balanced(L, N) ->
    {T, _} = bb(L, N),
    T.

bb(L, 0) -> {nil, L};
bb([{K, V} | L], 1) -> {{K, V, nil, nil}, L};
bb(L, N) ->
    Right = (N - 1) div 2,
    {T1, [{K, V} | L1]} = bb(L, N - 1 - Right),
    {T2, L2} = bb(L1, Right),
    {{K, V, T1, T2}, L2}.

from_orddict(L) ->
    S = length(L),
    {S, build_balanced(L, S)}.

delete(K, {S, T}) when is_integer(S), S >= 0 -> {S - 1, del(K, T)}.

del(K, {K1, V, L, R}) when K < K1 -> {K1, V, del(K, L), R};
del(K, {K1, V, L, R}) when K > K1 -> {K1, V, L, del(K, R)};
del(_, {_, _, L, R}) -> join(L, R).

join(L, nil) -> L;
join(nil, R) -> R;
join(L, R) ->
    {K, V, R1} = pop_min(R),
    {K, V, L, R1}.

pop_min({K, V, nil, R}) -> {K, V, R};
pop_min({K, V, L, R}) ->
    {K1, V1, L1} = pop_min(L),
    {K1, V1, {K, V, L1, R}}.

pop_max({K, V, L, nil}) -> {K, V, L};
pop_max({K, V, L, R}) ->
    {K1, V1, R1} = pop_max(R),
    {K1, V1, {K, V, L, R1}}.

delete_any(K, T) ->
    case is_defined(K, T) of
        true -> delete(K, T);
        false -> T
    end.

take(K, {S, T}) when is_integer(S), S >= 0 ->
    {V, T1} = tk(K, T),
    {V, {S - 1, T1}}.

tk(K, {K1, V, L, R}) when K < K1 -> {V1, L1} = tk(K, L), {V1, {K1, V, L1, R}};
tk(K, {K1, V, L, R}) when K > K1 -> {V1, R1} = tk(K, R), {V1, {K1, V, L, R1}};
tk(_, {_, V, L, R}) -> {V, join(L, R)}.

take_any(K, T) ->
    case is_defined(K, T) of
        true -> take(K, T);
        false -> error
    end.

take_smallest({S, T}) ->
    {K, V, T1} = pop_min(T),
    {K, V, {S - 1, T1}}.

take_largest({S, T}) ->
    {K, V, T1} = pop_max(T),
    {K, V, {S - 1, T1}}.

smallest({_, T}) -> min_node(T).

min_node({K, V, nil, _}) -> {K, V};
min_node({_, _, L, _}) -> min_node(L).

largest({_, T}) -> max_node(T).

max_node({K, V, _, nil}) -> {K, V};
max_node({_, _, _, R}) -> max_node(R).

to_list({_, T}) -> to_pairs(T, []).

to_pairs(nil, Acc) -> Acc;
to_pairs({K, V, L, R}, Acc) -> to_pairs(L, [{K, V} | to_pairs(R, Acc)]).

keys({_, T}) -> keys(T, []).

keys(nil, Acc) -> Acc;
keys({K, _, L, R}, Acc) -> keys(L, [K | keys(R, Acc)]).

values({_, T}) -> values(T, []).

values(nil, Acc) -> Acc;
values({_, V, L, R}, Acc) -> values(L, [V | values(R, Acc)]).

iterator({_, T}) -> left_spine(T, []).

left_spine(nil, Acc) -> Acc;
left_spine({_, _, nil, _} = N, Acc) -> [N | Acc];
left_spine({_, _, L, _} = N, Acc) -> left_spine(L, [N | Acc]).

iterator_from(K, {_, T}) -> from(K, T, []).

from(_, nil, Acc) -> Acc;
from(K, {K1, _, _, R}, Acc) when K > K1 -> from(K, R, Acc);
from(_, {_, _, nil, _} = N, Acc) -> [N | Acc];
from(K, {_, _, L, _} = N, Acc) -> from(K, L, [N | Acc]).

next([{K, V, _, R} | Acc]) -> {K, V, left_spine(R, Acc)};
next([]) -> none.

map(F, {S, T}) when is_function(F, 2) -> {S, map_t(F, T)}.

map_t(_, nil) -> nil;
map_t(F, {K, V, L, R}) -> {K, F(K, V), map_t(F, L), map_t(F, R)}.
