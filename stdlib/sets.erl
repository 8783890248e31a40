%% sets: OTP 25's sets, written from scratch for ferl. Version 1 (the default) is OTP's
%% linear hash table record {set, Size, N, MaxN, BSO, ExpSize, ConSize, Empty, Segs}
%% with slots from erlang:phash/2 as OTP's, so printing and to_list/fold order equal
%% OTP's; version 2 (`new([{version, 2}])`) is a map with [] values, as OTP's.
%% Elements match with =:=.
-module(sets).
-compile({no_auto_import, [size/1]}).
-export([new/0, new/1, from_list/1, from_list/2, is_set/1, size/1, is_empty/1,
         is_element/2, add_element/2, del_element/2, union/2, union/1,
         intersection/2, intersection/1, is_disjoint/2, subtract/2, is_subset/2,
         fold/3, filter/2, to_list/1]).

-define(SEG, 16).
-define(EXP, 5).
-define(CON, 3).

-record(set, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
              exp_size = ?SEG * ?EXP, con_size = ?SEG * ?CON,
              empty, segs}).

new() ->
    E = erlang:make_tuple(?SEG, []),
    #set{empty = E, segs = {E}}.

new([{version, 2}]) -> #{};
new(Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> new();
        2 -> #{}
    end.

from_list(L) -> lists:foldl(fun add_element/2, new(), L).

from_list(L, [{version, 2}]) -> maps:from_keys(L, []);
from_list(L, Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> from_list(L);
        2 -> maps:from_keys(L, [])
    end.

is_set(#{}) -> true;
is_set(#set{}) -> true;
is_set(_) -> false.

size(#{} = S) -> map_size(S);
size(#set{size = N}) -> N.

is_empty(#{} = S) -> map_size(S) =:= 0;
is_empty(#set{size = N}) -> N =:= 0.

is_element(E, #{} = S) -> is_map_key(E, S);
is_element(E, #set{} = S) -> in_b(E, bucket(S, slot(S, E))).

in_b(E, [X | _]) when X =:= E -> true;
in_b(E, [_ | B]) -> in_b(E, B);
in_b(_, []) -> false.

add_element(E, #{} = S) -> S#{E => []};
add_element(E, #set{} = S) ->
    Sl = slot(S, E),
    {B, Ic} = add_b(E, bucket(S, Sl)),
    expand(put_bucket(S, Sl, B), Ic).

add_b(E, B) ->
    case in_b(E, B) of
        true -> {B, 0};
        false -> {[E | B], 1}
    end.

del_element(E, #{} = S) -> maps:remove(E, S);
del_element(E, #set{} = S) ->
    Sl = slot(S, E),
    {B, Dc} = del_b(E, bucket(S, Sl)),
    contract(put_bucket(S, Sl, B), Dc).

del_b(E, [X | B]) when X =:= E -> {B, 1};
del_b(E, [X | B]) -> {B1, Dc} = del_b(E, B), {[X | B1], Dc};
del_b(_, []) -> {[], 0}.

union(#{} = S1, #{} = S2) -> maps:merge(S1, S2);
union(S1, S2) ->
    case size(S1) < size(S2) of
        true -> fold(fun add_element/2, S2, S1);
        false -> fold(fun add_element/2, S1, S2)
    end.

union([S1, S2 | Ss]) -> union1(union(S1, S2), Ss);
union([S]) -> S;
union([]) -> new().

union1(S1, [S2 | Ss]) -> union1(union(S1, S2), Ss);
union1(S1, []) -> S1.

intersection(#{} = S1, #{} = S2) ->
    case map_size(S1) < map_size(S2) of
        true -> maps:filter(fun(E, _) -> is_map_key(E, S2) end, S1);
        false -> maps:filter(fun(E, _) -> is_map_key(E, S1) end, S2)
    end;
intersection(S1, S2) ->
    case size(S1) < size(S2) of
        true -> filter(fun(E) -> is_element(E, S2) end, S1);
        false -> filter(fun(E) -> is_element(E, S1) end, S2)
    end.

intersection([S1, S2 | Ss]) -> intersection1(intersection(S1, S2), Ss);
intersection([S]) -> S.

intersection1(S1, [S2 | Ss]) -> intersection1(intersection(S1, S2), Ss);
intersection1(S1, []) -> S1.

is_disjoint(S1, S2) ->
    case size(S1) < size(S2) of
        true -> fold(fun(_, false) -> false; (E, true) -> not is_element(E, S2) end, true, S1);
        false -> fold(fun(_, false) -> false; (E, true) -> not is_element(E, S1) end, true, S2)
    end.

subtract(S1, S2) -> filter(fun(E) -> not is_element(E, S2) end, S1).

is_subset(S1, S2) ->
    fold(fun(_, false) -> false; (E, true) -> is_element(E, S2) end, true, S1).

to_list(#{} = S) -> maps:keys(S);
to_list(#set{} = S) -> fold(fun(E, A) -> [E | A] end, [], S).

fold(F, Acc, #{} = S) when is_function(F, 2) ->
    maps:fold(fun(E, _, A) -> F(E, A) end, Acc, S);
fold(F, Acc, #set{segs = Segs}) when is_function(F, 2) ->
    lists:foldr(fun(Seg, A) ->
                        lists:foldr(fun(B, A1) -> lists:foldl(F, A1, B) end, A, tuple_to_list(Seg))
                end, Acc, tuple_to_list(Segs)).

filter(F, #{} = S) when is_function(F, 1) -> maps:filter(fun(E, _) -> F(E) end, S);
filter(F, #set{segs = Segs} = S) when is_function(F, 1) ->
    {Segs1, Fc} = filter_segs(F, tuple_to_list(Segs), [], 0),
    contract(S#set{segs = Segs1}, Fc).

filter_segs(F, [Seg | Segs], Acc, Fc) ->
    {Bs, Fc1} = filter_bs(F, tuple_to_list(Seg), [], Fc),
    filter_segs(F, Segs, [list_to_tuple(Bs) | Acc], Fc1);
filter_segs(_, [], Acc, Fc) -> {list_to_tuple(lists:reverse(Acc)), Fc}.

filter_bs(F, [B | Bs], Acc, Fc) ->
    B1 = lists:reverse([E || E <- B, F(E)]),
    filter_bs(F, Bs, [B1 | Acc], Fc + length(B) - length(B1));
filter_bs(_, [], Acc, Fc) -> {lists:reverse(Acc), Fc}.

%% linear hashing
slot(#set{n = N, maxn = M, bso = Bso}, K) ->
    case erlang:phash(K, M) of
        H when H > N -> H - Bso;
        H -> H
    end.

bucket(#set{segs = Segs}, S) ->
    element((S - 1) rem ?SEG + 1, element((S - 1) div ?SEG + 1, Segs)).

put_bucket(#set{segs = Segs} = D, S, B) ->
    D#set{segs = put_b(Segs, S, B)}.

put_b(Segs, S, B) ->
    Si = (S - 1) div ?SEG + 1,
    Bi = (S - 1) rem ?SEG + 1,
    setelement(Si, Segs, setelement(Bi, element(Si, Segs), B)).

expand(#set{size = Sz, exp_size = E} = D, Ic) when Sz + Ic > E ->
    #set{n = N0, maxn = M0, bso = Bso0, segs = Segs0, empty = Em} = D,
    N = N0 + 1,
    {M, Bso, Segs1} =
        case N > M0 of
            true -> {2 * M0, 2 * Bso0, grow(Segs0, Em)};
            false -> {M0, Bso0, Segs0}
        end,
    S1 = N - Bso,
    {B1, B2} = split_b(element((S1 - 1) rem ?SEG + 1, element((S1 - 1) div ?SEG + 1, Segs1)), S1, M),
    Segs2 = put_b(put_b(Segs1, S1, B1), N, B2),
    D#set{size = Sz + Ic, n = N, maxn = M, bso = Bso, exp_size = N * ?EXP,
           con_size = N * ?CON, segs = Segs2};
expand(#set{size = Sz} = D, Ic) -> D#set{size = Sz + Ic}.

split_b([K = C | B], S1, M) ->
    {L1, L2} = split_b(B, S1, M),
    case erlang:phash(K, M) of
        S1 -> {[C | L1], L2};
        _ -> {L1, [C | L2]}
    end;
split_b([], _, _) -> {[], []}.

grow(Segs, Em) ->
    list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), Em)).

contract(#set{size = Sz, con_size = C, n = N0} = D, Dc) when Sz - Dc < C, N0 > ?SEG ->
    #set{maxn = M0, bso = Bso0, segs = Segs0} = D,
    S1 = N0 - Bso0,
    B1 = element((S1 - 1) rem ?SEG + 1, element((S1 - 1) div ?SEG + 1, Segs0)),
    B2 = element((N0 - 1) rem ?SEG + 1, element((N0 - 1) div ?SEG + 1, Segs0)),
    Segs1 = put_b(put_b(Segs0, S1, B1 ++ B2), N0, []),
    N = N0 - 1,
    {M, Bso, Segs2} =
        case N =:= Bso0 of
            true -> {M0 div 2, Bso0 div 2, shrink(Segs1)};
            false -> {M0, Bso0, Segs1}
        end,
    D#set{size = Sz - Dc, n = N, maxn = M, bso = Bso, exp_size = N * ?EXP,
           con_size = N * ?CON, segs = Segs2};
contract(#set{size = Sz} = D, Dc) -> D#set{size = Sz - Dc}.

shrink(Segs) ->
    list_to_tuple(lists:sublist(tuple_to_list(Segs), max(1, tuple_size(Segs) div 2))).
