%% array: functional, extendible arrays, OTP 25's API and term shape, written from
%% scratch for ferl. An array is {array, Size, Max, Default, Tree}: Max is the tree's
%% capacity (0 when the array is fixed); Tree is an integer C (an unexpanded subtree of
%% capacity C, all defaults), a leaf (a tuple of 10 values) or a node (a tuple of 10
%% subtrees followed by the subtrees' capacity). Like OTP, shrinking never prunes
%% (values beyond Size stay in the tree and reappear if the array grows again).
-module(array).
-export([new/0, new/1, new/2, is_array/1, size/1, default/1, fix/1, is_fix/1, relax/1,
         resize/2, resize/1, set/3, get/2, reset/2, to_list/1, sparse_to_list/1,
         from_list/1, from_list/2, to_orddict/1, sparse_to_orddict/1, from_orddict/1,
         from_orddict/2, map/2, sparse_map/2, foldl/3, sparse_foldl/3, foldr/3,
         sparse_foldr/3, sparse_size/1]).
-compile({no_auto_import, [size/1]}).

-define(LEAF, 10).

-record(array, {size, max, default, elements}).

new() -> new([]).

new(Opts) -> opts(Opts, 0, false, undefined, [Opts]).

new(Size, Opts) -> opts(Opts, Size, true, undefined, [Size, Opts]).

opts(Opts, N, Fix, D, Args) when is_list(Opts) -> opts1(Opts, N, Fix, D, Args);
opts(Opt, N, Fix, D, Args) -> opts1([Opt], N, Fix, D, Args).

opts1([fixed | Os], N, _, D, A) -> opts1(Os, N, true, D, A);
opts1([{fixed, B} | Os], N, _, D, A) when is_boolean(B) -> opts1(Os, N, B, D, A);
opts1([{default, D} | Os], N, Fix, _, A) -> opts1(Os, N, Fix, D, A);
opts1([{size, N} | Os], _, _, D, A) when is_integer(N), N >= 0 -> opts1(Os, N, true, D, A);
opts1([N | Os], _, _, D, A) when is_integer(N), N >= 0 -> opts1(Os, N, true, D, A);
opts1([], N, Fix, D, _) when is_integer(N), N >= 0 ->
    C = cap(N - 1, ?LEAF),
    #array{size = N, max = case Fix of true -> 0; false -> C end, default = D, elements = C};
opts1(_, _, _, _, A) -> erlang:error(badarg, A).

%% the capacity (10^k, k >= 1) holding index I
cap(I, C) when I >= C -> cap(I, C * ?LEAF);
cap(_, C) -> C.

is_array(#array{size = S, max = M}) when is_integer(S), is_integer(M) -> true;
is_array(_) -> false.

size(#array{size = N}) -> N;
size(A) -> erlang:error(badarg, [A]).

default(#array{default = D}) -> D;
default(A) -> erlang:error(badarg, [A]).

fix(#array{} = A) -> A#array{max = 0}.

is_fix(#array{max = 0}) -> true;
is_fix(#array{}) -> false.

relax(#array{size = N} = A) -> A#array{max = cap(N - 1, ?LEAF)}.

%% Growing starts from the max field, or for a fixed array (max 0) from the capacity its
%% current size needs, as OTP: a fixed array shrunk and grown again gets its tree
%% wrapped in new roots whose size fields follow that capacity.
resize(N, #array{size = N0, max = M, elements = E} = A) when is_integer(N), N >= 0 ->
    case N > N0 of
        true ->
            C = if
                    is_integer(E) -> E;
                    M > 0 -> M;
                    true -> cap(N0 - 1, ?LEAF)
                end,
            {E1, C1} = grow(E, C, N - 1),
            A#array{size = N, max = case M of 0 -> 0; _ -> C1 end, elements = E1};
        false -> A#array{size = N}
    end;
resize(N, A) -> erlang:error(badarg, [N, A]).

resize(#array{} = A) -> resize(sparse_size(A), A);
resize(A) -> erlang:error(badarg, [A]).

%% wrap the tree in new roots until index I fits
grow(E, C, I) when I >= C ->
    E1 = case E of
             _ when is_integer(E) -> C * ?LEAF;
             _ -> list_to_tuple([E | lists:duplicate(?LEAF, C)])
         end,
    grow(E1, C * ?LEAF, I);
grow(E, C, _) -> {E, C}.

set(I, V, #array{size = N, max = M, default = D, elements = E} = A)
  when is_integer(I), I >= 0 ->
    if
        I < N -> A#array{elements = set1(I, V, E, D)};
        I < M -> A#array{size = I + 1, elements = set1(I, V, E, D)};
        M > 0 ->
            {E1, C1} = grow(E, M, I),
            A#array{size = I + 1, max = C1, elements = set1(I, V, E1, D)};
        true -> erlang:error(badarg, [I, V, A])
    end;
set(I, V, A) -> erlang:error(badarg, [I, V, A]).

set1(I, V, E, D) when is_integer(E) -> set1(I, V, expand(E, D), D);
set1(I, V, E, _) when tuple_size(E) =:= ?LEAF -> setelement(I + 1, E, V);
set1(I, V, E, D) ->
    S = element(?LEAF + 1, E),
    K = I div S + 1,
    setelement(K, E, set1(I rem S, V, element(K, E), D)).

expand(?LEAF, D) -> erlang:make_tuple(?LEAF, D);
expand(C, _) -> S = C div ?LEAF, erlang:make_tuple(?LEAF + 1, S).

get(I, #array{size = N, max = M, default = D, elements = E}) when is_integer(I), I >= 0 ->
    if
        I < N -> get1(I, E, D);
        M > 0 -> D;
        true -> erlang:error(badarg, [I, E])
    end;
get(I, A) -> erlang:error(badarg, [I, A]).

get1(_, E, D) when is_integer(E) -> D;
get1(I, E, _) when tuple_size(E) =:= ?LEAF -> element(I + 1, E);
get1(I, E, D) ->
    S = element(?LEAF + 1, E),
    get1(I rem S, element(I div S + 1, E), D).

reset(I, #array{size = N, max = M, default = D, elements = E} = A) when is_integer(I), I >= 0 ->
    if
        I < N -> A#array{elements = reset1(I, E, D)};
        M > 0 -> A;
        true -> erlang:error(badarg, [I, A])
    end;
reset(I, A) -> erlang:error(badarg, [I, A]).

reset1(_, E, _) when is_integer(E) -> E;
reset1(I, E, D) when tuple_size(E) =:= ?LEAF -> setelement(I + 1, E, D);
reset1(I, E, D) ->
    S = element(?LEAF + 1, E),
    K = I div S + 1,
    setelement(K, E, reset1(I rem S, element(K, E), D)).

%% folds over index ranges; F(I, V, Acc), Sparse skips default values
foldl(F, Acc, #array{size = N, default = D, elements = E}) when is_function(F, 3) ->
    fl(F, Acc, E, 0, N, D, false);
foldl(F, Acc, A) -> erlang:error(badarg, [F, Acc, A]).

sparse_foldl(F, Acc, #array{size = N, default = D, elements = E}) when is_function(F, 3) ->
    fl(F, Acc, E, 0, N, D, true);
sparse_foldl(F, Acc, A) -> erlang:error(badarg, [F, Acc, A]).

foldr(F, Acc, #array{size = N, default = D, elements = E}) when is_function(F, 3) ->
    fr(F, Acc, E, 0, N, D, false);
foldr(F, Acc, A) -> erlang:error(badarg, [F, Acc, A]).

sparse_foldr(F, Acc, #array{size = N, default = D, elements = E}) when is_function(F, 3) ->
    fr(F, Acc, E, 0, N, D, true);
sparse_foldr(F, Acc, A) -> erlang:error(badarg, [F, Acc, A]).

%% E covers indices Base.., only indices < N are visited
fl(_, Acc, _, Base, N, _, _) when Base >= N -> Acc;
fl(F, Acc, E, Base, N, D, Sparse) when is_integer(E) ->
    case Sparse of
        true -> Acc;
        false -> lists:foldl(fun(I, A) -> F(I, D, A) end, Acc, lists:seq(Base, min(N, Base + E) - 1))
    end;
fl(F, Acc, E, Base, N, D, Sparse) when tuple_size(E) =:= ?LEAF ->
    leaf_fl(F, Acc, E, 1, Base, N, D, Sparse);
fl(F, Acc, E, Base, N, D, Sparse) ->
    S = element(?LEAF + 1, E),
    node_fl(F, Acc, E, 1, S, Base, N, D, Sparse).

node_fl(_, Acc, _, K, _, _, _, _, _) when K > ?LEAF -> Acc;
node_fl(F, Acc, E, K, S, Base, N, D, Sparse) ->
    Acc1 = fl(F, Acc, element(K, E), Base, N, D, Sparse),
    node_fl(F, Acc1, E, K + 1, S, Base + S, N, D, Sparse).

leaf_fl(_, Acc, _, K, I, N, _, _) when K > ?LEAF; I >= N -> Acc;
leaf_fl(F, Acc, E, K, I, N, D, Sparse) ->
    V = element(K, E),
    Acc1 = case Sparse andalso V =:= D of
               true -> Acc;
               false -> F(I, V, Acc)
           end,
    leaf_fl(F, Acc1, E, K + 1, I + 1, N, D, Sparse).

fr(_, Acc, _, Base, N, _, _) when Base >= N -> Acc;
fr(F, Acc, E, Base, N, D, Sparse) when is_integer(E) ->
    case Sparse of
        true -> Acc;
        false -> lists:foldl(fun(I, A) -> F(I, D, A) end, Acc,
                             lists:seq(min(N, Base + E) - 1, Base, -1))
    end;
fr(F, Acc, E, Base, N, D, Sparse) when tuple_size(E) =:= ?LEAF ->
    Last = min(?LEAF, N - Base),
    leaf_fr(F, Acc, E, Last, Base + Last - 1, D, Sparse);
fr(F, Acc, E, Base, N, D, Sparse) ->
    S = element(?LEAF + 1, E),
    node_fr(F, Acc, E, ?LEAF, S, Base, N, D, Sparse).

node_fr(_, Acc, _, 0, _, _, _, _, _) -> Acc;
node_fr(F, Acc, E, K, S, Base, N, D, Sparse) ->
    Acc1 = fr(F, Acc, element(K, E), Base + (K - 1) * S, N, D, Sparse),
    node_fr(F, Acc1, E, K - 1, S, Base, N, D, Sparse).

leaf_fr(_, Acc, _, 0, _, _, _) -> Acc;
leaf_fr(F, Acc, E, K, I, D, Sparse) ->
    V = element(K, E),
    Acc1 = case Sparse andalso V =:= D of
               true -> Acc;
               false -> F(I, V, Acc)
           end,
    leaf_fr(F, Acc1, E, K - 1, I - 1, D, Sparse).

to_list(#array{} = A) -> foldr(fun(_, V, L) -> [V | L] end, [], A);
to_list(A) -> erlang:error(badarg, [A]).

sparse_to_list(#array{} = A) -> sparse_foldr(fun(_, V, L) -> [V | L] end, [], A);
sparse_to_list(A) -> erlang:error(badarg, [A]).

to_orddict(#array{} = A) -> foldr(fun(I, V, L) -> [{I, V} | L] end, [], A);
to_orddict(A) -> erlang:error(badarg, [A]).

sparse_to_orddict(#array{} = A) -> sparse_foldr(fun(I, V, L) -> [{I, V} | L] end, [], A);
sparse_to_orddict(A) -> erlang:error(badarg, [A]).

sparse_size(#array{} = A) ->
    sparse_foldr(fun(I, _, 0) -> I + 1; (_, _, N) -> N end, 0, A);
sparse_size(A) -> erlang:error(badarg, [A]).

from_list(L) -> from_list(L, undefined).

from_list(L, D) ->
    case index(L, 0, []) of
        {ok, Pairs, N} -> build(Pairs, N, D);
        error -> erlang:error(badarg, [L, D])
    end.

index([V | L], I, Acc) -> index(L, I + 1, [{I, V} | Acc]);
index([], I, Acc) -> {ok, lists:reverse(Acc), I};
index(_, _, _) -> error.

from_orddict(L) -> from_orddict(L, undefined).

from_orddict(L, D) when is_list(L) ->
    case ordered(L, -1) of
        {ok, Last} -> build(L, Last + 1, D);
        {error, Rest} -> erlang:error({badarg, Rest})
    end;
from_orddict(L, D) -> erlang:error(badarg, [L, D]).

ordered([{I, _} | L], Prev) when is_integer(I), I > Prev -> ordered(L, I);
ordered([], Prev) -> {ok, Prev};
ordered(Rest, _) -> {error, Rest}.

build(Pairs, N, D) ->
    C = cap(N - 1, ?LEAF),
    {E, []} = tree(leaves(Pairs, 0, D, []), 0, C),
    #array{size = N, max = C, default = D, elements = E}.

%% The leaves to expand, as {FirstIndex, Leaf}, walking from index P: a gap of more
%% than a leaf is skipped in whole leaves; otherwise the leaf at P is built, even if no
%% pair falls in it (as OTP: an entry exactly one leaf ahead expands an empty leaf).
leaves([], _, _, Acc) -> lists:reverse(Acc);
leaves([{I, _} | _] = Ps, P, D, Acc) when I - P > ?LEAF ->
    leaves(Ps, P + ((I - P) div ?LEAF) * ?LEAF, D, Acc);
leaves(Ps, P, D, Acc) ->
    {Leaf, Ps1} = leaf(Ps, P, 0, D, []),
    leaves(Ps1, P + ?LEAF, D, [{P, Leaf} | Acc]).

leaf(Ps, _, ?LEAF, _, Acc) -> {list_to_tuple(lists:reverse(Acc)), Ps};
leaf([{I, V} | Ps], Base, K, D, Acc) when I =:= Base + K -> leaf(Ps, Base, K + 1, D, [V | Acc]);
leaf(Ps, Base, K, D, Acc) -> leaf(Ps, Base, K + 1, D, [D | Acc]).

%% the subtree of capacity C at Base from the expanded leaves starting below Base + C
tree([{I, Leaf} | Ls], Base, ?LEAF) when I =:= Base -> {Leaf, Ls};
tree([{I, _} | _] = Ls, Base, C) when I < Base + C, C > ?LEAF ->
    children(Ls, Base, C div ?LEAF, 0, []);
tree(Ls, _, C) -> {C, Ls}.

children(Ls, _, S, ?LEAF, Acc) -> {list_to_tuple(lists:reverse([S | Acc])), Ls};
children(Ls, Base, S, K, Acc) ->
    {T, Ls1} = tree(Ls, Base + K * S, S),
    children(Ls1, Base, S, K + 1, [T | Acc]).

map(F, #array{size = N, default = D, elements = E} = A) when is_function(F, 2) ->
    A#array{elements = mp(F, E, 0, N, D)};
map(F, A) -> erlang:error(badarg, [F, A]).

mp(_, E, Base, N, _) when Base >= N -> E;
mp(F, E, Base, N, D) when is_integer(E) -> mp(F, expand(E, D), Base, N, D);
mp(F, E, Base, N, D) when tuple_size(E) =:= ?LEAF ->
    list_to_tuple([case Base + K < N of
                       true -> F(Base + K, element(K + 1, E));
                       false -> D
                   end || K <- lists:seq(0, ?LEAF - 1)]);
mp(F, E, Base, N, D) ->
    S = element(?LEAF + 1, E),
    list_to_tuple([mp(F, element(K + 1, E), Base + K * S, N, D) || K <- lists:seq(0, ?LEAF - 1)]
                  ++ [S]).

sparse_map(F, #array{size = N, default = D, elements = E} = A) when is_function(F, 2) ->
    A#array{elements = smp(F, E, 0, N, D)};
sparse_map(F, A) -> erlang:error(badarg, [F, A]).

smp(_, E, Base, N, _) when Base >= N -> E;
smp(_, E, _, _, _) when is_integer(E) -> E;
smp(F, E, Base, _, D) when tuple_size(E) =:= ?LEAF ->
    list_to_tuple([case element(K + 1, E) of
                       V when V =:= D -> V;
                       V -> F(Base + K, V)
                   end || K <- lists:seq(0, ?LEAF - 1)]);
smp(F, E, Base, N, D) ->
    S = element(?LEAF + 1, E),
    list_to_tuple([smp(F, element(K + 1, E), Base + K * S, N, D) || K <- lists:seq(0, ?LEAF - 1)]
                  ++ [S]).
