%% dict: key-value dictionaries as linear hash tables, OTP 25's API and term shape
%% ({dict, Size, N, MaxN, BSO, ExpSize, ConSize, Empty, Segs}), written from scratch for
%% ferl. Slots are chosen with erlang:phash/2 as OTP does, so the printed form and the
%% order of to_list/fold equal OTP's. Buckets hold [Key | Value] cells; keys match
%% with =:=.
-module(dict).
-export([new/0, is_key/2, to_list/1, from_list/1, size/1, is_empty/1, fetch/2, find/2,
         fetch_keys/1, erase/2, take/2, store/3, append/3, append_list/3, update/3,
         update/4, update_counter/3, fold/3, map/2, filter/2, merge/3]).

-define(SEG, 16).
-define(EXP, 5).
-define(CON, 3).

-record(dict, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
               exp_size = ?SEG * ?EXP, con_size = ?SEG * ?CON,
               empty, segs}).

new() ->
    E = erlang:make_tuple(?SEG, []),
    #dict{empty = E, segs = {E}}.

is_key(K, D) -> lists:any(fun([K1 | _]) -> K1 =:= K end, bucket(D, slot(D, K))).

to_list(D) -> fold(fun(K, V, A) -> [{K, V} | A] end, [], D).

from_list(L) -> lists:foldl(fun({K, V}, D) -> store(K, V, D) end, new(), L).

size(#dict{size = N}) when N >= 0 -> N.

is_empty(#dict{size = N}) -> N =:= 0.

fetch(K, D) ->
    case lookup(K, bucket(D, slot(D, K))) of
        {ok, V} -> V;
        error -> erlang:error(badarg, [K, D])
    end.

find(K, D) -> lookup(K, bucket(D, slot(D, K))).

lookup(K, [[K1 | V] | _]) when K1 =:= K -> {ok, V};
lookup(K, [_ | B]) -> lookup(K, B);
lookup(_, []) -> error.

fetch_keys(D) -> fold(fun(K, _, A) -> [K | A] end, [], D).

erase(K, D) ->
    S = slot(D, K),
    {B, Dc} = erase_b(K, bucket(D, S)),
    contract(put_bucket(D, S, B), Dc).

erase_b(K, [[K1 | _] | B]) when K1 =:= K -> {B, 1};
erase_b(K, [C | B]) -> {B1, Dc} = erase_b(K, B), {[C | B1], Dc};
erase_b(_, []) -> {[], 0}.

take(K, D) ->
    S = slot(D, K),
    case take_b(K, bucket(D, S)) of
        {V, B} -> {V, contract(put_bucket(D, S, B), 1)};
        error -> error
    end.

take_b(K, [[K1 | V] | B]) when K1 =:= K -> {V, B};
take_b(K, [C | B]) ->
    case take_b(K, B) of
        {V, B1} -> {V, [C | B1]};
        error -> error
    end;
take_b(_, []) -> error.

store(K, V, D) -> change(K, fun(_) -> V end, fun() -> V end, D).

append(K, V, D) -> change(K, fun(Old) -> Old ++ [V] end, fun() -> [V] end, D).

append_list(K, L, D) -> change(K, fun(Old) -> Old ++ L end, fun() -> L end, D).

update(K, F, D) ->
    S = slot(D, K),
    try upd_b(K, F, bucket(D, S)) of
        B -> put_bucket(D, S, B)
    catch throw:'$dict_missing' -> erlang:error(badarg, [K, F, D])
    end.

upd_b(K, F, [[K1 | V] | B]) when K1 =:= K -> [[K1 | F(V)] | B];
upd_b(K, F, [C | B]) -> [C | upd_b(K, F, B)];
upd_b(_, _, []) -> throw('$dict_missing').

update(K, F, Init, D) -> change(K, F, fun() -> Init end, D).

update_counter(K, Inc, D) when is_number(Inc) ->
    change(K, fun(Old) -> Old + Inc end, fun() -> Inc end, D).

%% F on the old value if K is present, else Init() as a new entry (appended to the bucket)
change(K, F, Init, D) ->
    S = slot(D, K),
    {B, Ic} = change_b(K, F, Init, bucket(D, S)),
    expand(put_bucket(D, S, B), Ic).

change_b(K, F, _, [[K1 | V] | B]) when K1 =:= K -> {[[K1 | F(V)] | B], 0};
change_b(K, F, I, [C | B]) -> {B1, Ic} = change_b(K, F, I, B), {[C | B1], Ic};
change_b(K, _, I, []) -> {[[K | I()]], 1}.

fold(F, Acc, D) when is_function(F, 3) ->
    Segs = D#dict.segs,
    lists:foldr(fun(Seg, A) ->
                        lists:foldr(fun(B, A1) -> fold_b(F, A1, B) end, A, tuple_to_list(Seg))
                end, Acc, tuple_to_list(Segs)).

fold_b(F, A, [[K | V] | B]) -> fold_b(F, F(K, V, A), B);
fold_b(_, A, []) -> A.

map(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    D#dict{segs = map_segs(fun(B) -> [[K | F(K, V)] || [K | V] <- B] end, Segs)}.

map_segs(G, Segs) ->
    list_to_tuple([list_to_tuple([G(B) || B <- tuple_to_list(Seg)]) || Seg <- tuple_to_list(Segs)]).

filter(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    {Segs1, Fc} = filter_segs(F, tuple_to_list(Segs), [], 0),
    contract(D#dict{segs = Segs1}, Fc).

filter_segs(F, [Seg | Segs], Acc, Fc) ->
    {Bs, Fc1} = filter_bs(F, tuple_to_list(Seg), [], Fc),
    filter_segs(F, Segs, [list_to_tuple(Bs) | Acc], Fc1);
filter_segs(_, [], Acc, Fc) -> {list_to_tuple(lists:reverse(Acc)), Fc}.

filter_bs(F, [B | Bs], Acc, Fc) ->
    B1 = [C || [K | V] = C <- B, F(K, V)],
    filter_bs(F, Bs, [B1 | Acc], Fc + length(B) - length(B1));
filter_bs(_, [], Acc, Fc) -> {lists:reverse(Acc), Fc}.

merge(F, D1, D2) when D1#dict.size < D2#dict.size ->
    fold(fun(K, V1, D) -> update(K, fun(V2) -> F(K, V1, V2) end, V1, D) end, D2, D1);
merge(F, D1, D2) ->
    fold(fun(K, V2, D) -> update(K, fun(V1) -> F(K, V1, V2) end, V2, D) end, D1, D2).

%% linear hashing
%% Record field access (not a record pattern), so a non-dict fails with {badrecord, D}
%% as in OTP.
slot(D, K) ->
    case erlang:phash(K, D#dict.maxn) of
        H when H > D#dict.n -> H - D#dict.bso;
        H -> H
    end.

bucket(#dict{segs = Segs}, S) ->
    element((S - 1) rem ?SEG + 1, element((S - 1) div ?SEG + 1, Segs)).

put_bucket(#dict{segs = Segs} = D, S, B) ->
    D#dict{segs = put_b(Segs, S, B)}.

put_b(Segs, S, B) ->
    Si = (S - 1) div ?SEG + 1,
    Bi = (S - 1) rem ?SEG + 1,
    setelement(Si, Segs, setelement(Bi, element(Si, Segs), B)).

expand(#dict{size = Sz, exp_size = E} = D, Ic) when Sz + Ic > E ->
    #dict{n = N0, maxn = M0, bso = Bso0, segs = Segs0, empty = Em} = D,
    N = N0 + 1,
    {M, Bso, Segs1} =
        case N > M0 of
            true -> {2 * M0, 2 * Bso0, grow(Segs0, Em)};
            false -> {M0, Bso0, Segs0}
        end,
    S1 = N - Bso,
    {B1, B2} = split_b(element((S1 - 1) rem ?SEG + 1, element((S1 - 1) div ?SEG + 1, Segs1)), S1, M),
    Segs2 = put_b(put_b(Segs1, S1, B1), N, B2),
    D#dict{size = Sz + Ic, n = N, maxn = M, bso = Bso, exp_size = N * ?EXP,
           con_size = N * ?CON, segs = Segs2};
expand(#dict{size = Sz} = D, Ic) -> D#dict{size = Sz + Ic}.

split_b([[K | _] = C | B], S1, M) ->
    {L1, L2} = split_b(B, S1, M),
    case erlang:phash(K, M) of
        S1 -> {[C | L1], L2};
        _ -> {L1, [C | L2]}
    end;
split_b([], _, _) -> {[], []}.

grow(Segs, Em) ->
    list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), Em)).

contract(#dict{size = Sz, con_size = C, n = N0} = D, Dc) when Sz - Dc < C, N0 > ?SEG ->
    #dict{maxn = M0, bso = Bso0, segs = Segs0} = D,
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
    D#dict{size = Sz - Dc, n = N, maxn = M, bso = Bso, exp_size = N * ?EXP,
           con_size = N * ?CON, segs = Segs2};
contract(#dict{size = Sz} = D, Dc) -> D#dict{size = Sz - Dc}.

shrink(Segs) ->
    list_to_tuple(lists:sublist(tuple_to_list(Segs), max(1, tuple_size(Segs) div 2))).
