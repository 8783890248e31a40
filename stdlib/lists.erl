%% lists — list processing, written for ferl from OTP 25's documented and observed
%% behaviour (not from OTP's source): every OTP 25 export, with the same results and
%% the same exceptions for bad arguments (function_clause where OTP's clauses do not
%% match, badarg where OTP uses a BIF or raises it, case_clause for a predicate that
%% returns a non-boolean).
-module(lists).
-export([all/2, any/2, append/1, append/2, concat/1, delete/2, droplast/1,
         dropwhile/2, duplicate/2, enumerate/1, enumerate/2, filter/2, filtermap/2,
         flatlength/1, flatmap/2, flatten/1, flatten/2, foldl/3, foldr/3, foreach/2,
         join/2, keydelete/3, keyfind/3, keymap/3, keymember/3, keymerge/3,
         keyreplace/4, keysearch/3, keysort/2, keystore/4, keytake/3, last/1, map/2,
         mapfoldl/3, mapfoldr/3, max/1, member/2, merge/1, merge/2, merge/3,
         merge3/3, min/1, nth/2, nthtail/2, partition/2, prefix/2, reverse/1,
         reverse/2, rkeymerge/3, rmerge/2, rmerge/3, rmerge3/3, rukeymerge/3,
         rumerge/2, rumerge/3, rumerge3/3, search/2, seq/2, seq/3, sort/1, sort/2,
         split/2, splitwith/2, sublist/2, sublist/3, subtract/2, suffix/2, sum/1,
         takewhile/2, ukeymerge/3, ukeysort/2, umerge/1, umerge/2, umerge/3,
         umerge3/3, uniq/1, uniq/2, unzip/1, unzip3/1, usort/1, usort/2, zf/2,
         zip/2, zip3/3, zipwith/3, zipwith3/4]).

%% ---- the BIFs of BEAM's lists (badarg on a bad list) -------------------------------

reverse([] = L) -> L;
reverse([_] = L) -> L;
reverse([A, B]) -> [B, A];
reverse([A, B | T]) -> reverse(T, [B, A]).

reverse([H | T], Acc) -> reverse(T, [H | Acc]);
reverse([], Acc) -> Acc;
reverse(_, _) -> erlang:error(badarg).

member(X, [X | _]) -> true;
member(X, [_ | T]) -> member(X, T);
member(_, []) -> false;
member(_, _) -> erlang:error(badarg).

key_index(N) when is_integer(N), N > 0, N < 16#1000000 -> ok;
key_index(_) -> erlang:error(badarg).

keyfind(K, N, L) ->
    key_index(N),
    keyfind_1(K, N, L).

keyfind_1(K, N, [H | T]) ->
    case is_tuple(H) andalso tuple_size(H) >= N andalso element(N, H) == K of
        true -> H;
        false -> keyfind_1(K, N, T)
    end;
keyfind_1(_, _, []) -> false;
keyfind_1(_, _, _) -> erlang:error(badarg).

keymember(K, N, L) -> keyfind(K, N, L) =/= false.

keysearch(K, N, L) ->
    case keyfind(K, N, L) of
        false -> false;
        T -> {value, T}
    end.

%% ---- higher-order ---------------------------------------------------------------

map(F, L) when is_function(F, 1) ->
    case L of
        [H | T] -> [F(H) | map_1(F, T)];
        [] -> []
    end.

map_1(F, [H | T]) -> [F(H) | map_1(F, T)];
map_1(_, []) -> [].

foldl(F, Acc, L) when is_function(F, 2) ->
    case L of
        [H | T] -> foldl_1(F, F(H, Acc), T);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_, Acc, []) -> Acc.

foldr(F, Acc, L) when is_function(F, 2) -> foldr_1(F, Acc, L).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_, Acc, []) -> Acc.

foreach(F, L) when is_function(F, 1) -> foreach_1(F, L).

foreach_1(F, [H | T]) -> F(H), foreach_1(F, T);
foreach_1(_F, []) -> ok.

filter(P, L) when is_function(P, 1) -> [X || X <- L, P(X)].

all(P, L) when is_function(P, 1) ->
    case L of
        [_ | _] -> all_1(P, L);
        [] -> true
    end.

all_1(P, [H | T]) ->
    case P(H) of
        true -> all_1(P, T);
        false -> false
    end;
all_1(_, []) -> true.

any(P, L) when is_function(P, 1) ->
    case L of
        [_ | _] -> any_1(P, L);
        [] -> false
    end.

any_1(P, [H | T]) ->
    case P(H) of
        true -> true;
        false -> any_1(P, T)
    end;
any_1(_, []) -> false.

filtermap(F, L) when is_function(F, 1) -> filtermap_1(F, L).

filtermap_1(F, [H | T]) ->
    case F(H) of
        false -> filtermap_1(F, T);
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)]
    end;
filtermap_1(_, []) -> [].

zf(F, L) -> filtermap(F, L).

flatmap(F, L) when is_function(F, 1) -> flatmap_1(F, L).

flatmap_1(F, [H | T]) -> F(H) ++ flatmap_1(F, T);
flatmap_1(_, []) -> [].

mapfoldl(F, Acc, L) when is_function(F, 2) -> mapfoldl_1(F, Acc, L).

mapfoldl_1(F, Acc0, [H | T]) ->
    {R, Acc1} = F(H, Acc0),
    {Rs, Acc2} = mapfoldl_1(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl_1(_, Acc, []) -> {[], Acc}.

mapfoldr(F, Acc, L) when is_function(F, 2) -> mapfoldr_1(F, Acc, L).

mapfoldr_1(F, Acc0, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc0, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_, Acc, []) -> {[], Acc}.

partition(P, L) when is_function(P, 1) -> partition_1(P, L, [], []).

partition_1(P, [H | T], Yes, No) ->
    case P(H) of
        true -> partition_1(P, T, [H | Yes], No);
        false -> partition_1(P, T, Yes, [H | No])
    end;
partition_1(_, [], Yes, No) -> {reverse(Yes), reverse(No)}.

takewhile(P, [H | T]) ->
    case P(H) of
        true -> [H | takewhile(P, T)];
        false -> []
    end;
takewhile(P, []) when is_function(P, 1) -> [].

dropwhile(P, [H | T] = L) ->
    case P(H) of
        true -> dropwhile(P, T);
        false -> L
    end;
dropwhile(P, []) when is_function(P, 1) -> [].

splitwith(P, L) when is_function(P, 1) -> splitwith_1(P, L, []).

splitwith_1(P, [H | T] = L, Acc) ->
    case P(H) of
        true -> splitwith_1(P, T, [H | Acc]);
        false -> {reverse(Acc), L}
    end;
splitwith_1(_, [], Acc) -> {reverse(Acc), []}.

search(P, [H | T]) ->
    case P(H) of
        true -> {value, H};
        false -> search(P, T)
    end;
search(P, []) when is_function(P, 1) -> false.

keymap(F, N, [H | T]) -> [setelement(N, H, F(element(N, H))) | keymap(F, N, T)];
keymap(F, N, []) when is_function(F, 1), is_integer(N), N > 0 -> [].

%% ---- construction and access --------------------------------------------------

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

duplicate(N, X) when is_integer(N), N >= 0 -> dup(N, X, []).

dup(0, _, Acc) -> Acc;
dup(N, X, Acc) -> dup(N - 1, X, [X | Acc]).

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

last([E]) -> E;
last([_ | T]) -> last(T).

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

append(A, B) -> A ++ B.

subtract(A, B) -> A -- B.

concat(L) -> flatmap(fun thing_to_list/1, L).

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_float(X) -> float_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

delete(X, [X | T]) -> T;
delete(X, [H | T]) -> [H | delete(X, T)];
delete(_, []) -> [].

sublist(L, N) when is_integer(N), N >= 0, is_list(L) -> sublist_1(L, N).

sublist_1([H | T], N) when N > 0 -> [H | sublist_1(T, N - 1)];
sublist_1(_, 0) -> [];
sublist_1([], _) -> [].

%% Walks to the start first: a start past the end gives [] whatever the length.
sublist(L, 1, N) when is_list(L), is_integer(N), N >= 0 -> sublist_1(L, N);
sublist([], S, _) when is_integer(S), S >= 2 -> [];
sublist([_ | T], S, N) when is_integer(S), S >= 2 -> sublist(T, S - 1, N).

split(N, L) when is_integer(N), N >= 0, is_list(L) ->
    case split_1(N, L, []) of
        badarg -> erlang:error(badarg, [N, L]);
        R -> R
    end;
split(N, L) -> erlang:error(badarg, [N, L]).

split_1(0, L, Acc) -> {reverse(Acc), L};
split_1(N, [H | T], Acc) -> split_1(N - 1, T, [H | Acc]);
split_1(_, [], _) -> badarg.

join(_, []) -> [];
join(Sep, [H | T]) -> [H | join_1(Sep, T)].

join_1(Sep, [H | T]) -> [Sep, H | join_1(Sep, T)];
join_1(_, []) -> [].

prefix([X | A], [X | B]) -> prefix(A, B);
prefix([], L) when is_list(L) -> true;
prefix([_ | _], L) when is_list(L) -> false.

suffix(Suffix, L) ->
    D = length(L) - length(Suffix),
    D >= 0 andalso nthtail(D, L) =:= Suffix.

flatten(L) when is_list(L) -> flatten_1(L, []).

flatten(L, Tail) when is_list(L), is_list(Tail) -> flatten_1(L, Tail).

flatten_1([H | T], Tail) when is_list(H) -> flatten_1(H, flatten_1(T, Tail));
flatten_1([H | T], Tail) -> [H | flatten_1(T, Tail)];
flatten_1([], Tail) -> Tail.

flatlength(L) -> flatlength_1(L, 0).

flatlength_1([H | T], N) when is_list(H) -> flatlength_1(T, flatlength_1(H, N));
flatlength_1([_ | T], N) -> flatlength_1(T, N + 1);
flatlength_1([], N) -> N.

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

enumerate(L) -> enumerate(1, L).

enumerate(I, L) when is_integer(I) -> enumerate_1(I, L).

enumerate_1(I, [H | T]) -> [{I, H} | enumerate_1(I + 1, T)];
enumerate_1(_, []) -> [].

uniq(L) -> uniq_1(L, #{}).

uniq_1([H | T], Seen) ->
    case is_map_key(H, Seen) of
        true -> uniq_1(T, Seen);
        false -> [H | uniq_1(T, Seen#{H => true})]
    end;
uniq_1([], _) -> [].

uniq(F, L) when is_function(F, 1) -> uniq_2(F, L, #{}).

uniq_2(F, [H | T], Seen) ->
    K = F(H),
    case is_map_key(K, Seen) of
        true -> uniq_2(F, T, Seen);
        false -> [H | uniq_2(F, T, Seen#{K => true})]
    end;
uniq_2(_, [], _) -> [].

%% ---- tuples lists ----------------------------------------------------------------

zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)];
zip([], []) -> [].

zip3([A | As], [B | Bs], [C | Cs]) -> [{A, B, C} | zip3(As, Bs, Cs)];
zip3([], [], []) -> [].

zipwith(F, [A | As], [B | Bs]) -> [F(A, B) | zipwith(F, As, Bs)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [A | As], [B | Bs], [C | Cs]) -> [F(A, B, C) | zipwith3(F, As, Bs, Cs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

unzip(L) -> unzip_1(L, [], []).

unzip_1([{A, B} | T], As, Bs) -> unzip_1(T, [A | As], [B | Bs]);
unzip_1([], As, Bs) -> {reverse(As), reverse(Bs)}.

unzip3(L) -> unzip3_1(L, [], [], []).

unzip3_1([{A, B, C} | T], As, Bs, Cs) -> unzip3_1(T, [A | As], [B | Bs], [C | Cs]);
unzip3_1([], As, Bs, Cs) -> {reverse(As), reverse(Bs), reverse(Cs)}.

keydelete(K, N, L) when is_integer(N), N > 0 -> keydelete_1(K, N, L).

keydelete_1(K, N, [H | T]) when element(N, H) == K -> T;
keydelete_1(K, N, [H | T]) -> [H | keydelete_1(K, N, T)];
keydelete_1(_, _, []) -> [].

keyreplace(K, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace_1(K, N, L, New).

keyreplace_1(K, N, [H | T], New) when element(N, H) == K -> [New | T];
keyreplace_1(K, N, [H | T], New) -> [H | keyreplace_1(K, N, T, New)];
keyreplace_1(_, _, [], _) -> [].

keystore(K, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(K, N, L, New).

keystore_1(K, N, [H | T], New) when element(N, H) == K -> [New | T];
keystore_1(K, N, [H | T], New) -> [H | keystore_1(K, N, T, New)];
keystore_1(_, _, [], New) -> [New].

keytake(K, N, L) when is_integer(N), N > 0 -> keytake_1(K, N, L, []).

keytake_1(K, N, [H | T], Acc) when element(N, H) == K -> {value, H, reverse(Acc, T)};
keytake_1(K, N, [H | T], Acc) -> keytake_1(K, N, T, [H | Acc]);
keytake_1(_, _, [], _) -> false.

%% ---- sorting and merging ----------------------------------------------------------
%% A merge sort whose merge takes the left element when Le(Left, Right): stable for an
%% ordering fun that is true on equal elements, and reversing equal runs for a strict
%% one, as OTP's sort.

sort(L) when is_list(L) -> msort(fun(A, B) -> A =< B end, L).

sort(F, [_, _ | _] = L) -> msort(F, L);
sort(F, []) when is_function(F, 2) -> [];
sort(F, [_] = L) when is_function(F, 2) -> L.

usort(L) when is_list(L) -> dedup(sort(L)).

dedup([A | [B | _] = T]) when A == B -> dedup([A | tl(T)]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].

usort(F, [_, _ | _] = L) when is_function(F, 2) -> udedup(F, msort(F, L));
usort(F, []) when is_function(F, 2) -> [];
usort(F, [_] = L) when is_function(F, 2) -> L.

udedup(F, [A, B | T]) ->
    case F(B, A) of
        true -> udedup(F, [A | T]);
        false -> [A | udedup(F, [B | T])]
    end;
udedup(_, L) -> L.

keysort(N, L) when is_integer(N), N > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> msort(fun(A, B) -> element(N, A) =< element(N, B) end, L)
    end.

ukeysort(N, L) when is_integer(N), N > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> ukdedup(N, keysort(N, L))
    end.

ukdedup(N, [A, B | T]) when element(N, A) == element(N, B) -> ukdedup(N, [A | T]);
ukdedup(N, [A | T]) -> [A | ukdedup(N, T)];
ukdedup(_, []) -> [].

msort(_, []) -> [];
msort(Le, [_ | _] = L) -> msort_n(Le, len(L, 0), L).

%% The length of a list; function_clause if improper (as OTP's sorts).
len([_ | T], N) -> len(T, N + 1);
len([], N) -> N.

msort_n(_, 1, [X | _]) -> [X];
msort_n(Le, N, L) ->
    H = N div 2,
    {A, B} = split_1(H, L, []),
    fmerge(Le, msort_n(Le, H, A), msort_n(Le, N - H, B)).

fmerge(Le, [A | As] = AL, [B | Bs] = BL) ->
    case Le(A, B) of
        true -> [A | fmerge(Le, As, BL)];
        false -> [B | fmerge(Le, AL, Bs)]
    end;
fmerge(_, [], Bs) -> Bs;
fmerge(_, As, []) -> As.

%% As OTP's: an empty right list returns the left argument unchecked (and an empty
%% left list the right one, for the umerges).
merge(L1, []) -> L1;
merge(L1, L2) when is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    fmerge(fun(A, B) -> A =< B end, L1, L2).

merge(F, L1, []) when is_function(F, 2) -> L1;
merge(F, L1, L2) when is_function(F, 2), is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    fmerge(F, L1, L2).

%% The merges take proper lists: badarg for an improper one.
proper2(L1, L2) ->
    case is_proper(L1) andalso is_proper(L2) of
        true -> ok;
        false -> erlang:error(badarg)
    end.

is_proper([_ | T]) -> is_proper(T);
is_proper([]) -> true;
is_proper(_) -> false.

merge(Ls) -> merge_all(Ls).

merge_all([L]) -> L;
merge_all([L | Ls]) -> merge(L, merge_all(Ls));
merge_all([]) -> [].

merge3(L1, L2, L3) -> merge(merge(L1, L2), L3).

rmerge(L1, L2) when is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    rfmerge(fun(A, B) -> A =< B end, L1, L2).

rmerge(F, L1, L2) when is_function(F, 2), is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    rfmerge(F, L1, L2).

%% Merge two lists sorted in reverse of Le: on equal elements, the right one first.
rfmerge(Le, [A | As] = AL, [B | Bs] = BL) ->
    case Le(A, B) of
        true -> [B | rfmerge(Le, AL, Bs)];
        false -> [A | rfmerge(Le, As, BL)]
    end;
rfmerge(_, [], Bs) -> Bs;
rfmerge(_, As, []) -> As.

rmerge3(L1, L2, L3) -> rmerge(rmerge(L1, L2), L3).

umerge([], L2) -> L2;
umerge(L1, L2) when is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    ufmerge(fun(A, B) -> A =< B end, L1, L2).

umerge(F, [], L2) when is_function(F, 2) -> L2;
umerge(F, L1, L2) when is_function(F, 2), is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    ufmerge(F, L1, L2).

%% Merge two lists sorted by Le. A right element equal to the left element emitted
%% last is dropped, and each left element drops at most one right one (OTP's result
%% also when the inputs hold duplicates).
ufmerge(Le, L1, L2) -> ufmerge(Le, L1, L2, none).

ufmerge(Le, [A | As] = AL, [B | Bs] = BL, Last) ->
    case Le(A, B) of
        true -> [A | ufmerge(Le, As, BL, {last, A})];
        false ->
            case Last of
                {last, H} ->
                    case Le(B, H) of
                        true -> ufmerge(Le, AL, Bs, none);
                        false -> [B | ufmerge(Le, AL, Bs, Last)]
                    end;
                none -> [B | ufmerge(Le, AL, Bs, Last)]
            end
    end;
ufmerge(Le, [], [B | Bs] = BL, {last, H}) ->
    case Le(B, H) of
        true -> Bs;
        false -> BL
    end;
ufmerge(_, [], Bs, none) -> Bs;
ufmerge(_, As, [], _) -> As.

umerge(Ls) -> umerge_all(Ls).

umerge_all([L]) -> L;
umerge_all([L | Ls]) -> umerge(L, umerge_all(Ls));
umerge_all([]) -> [].

umerge3(L1, L2, L3) -> umerge(umerge(L1, L2), L3).

rumerge(L1, L2) when is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    rufmerge(fun(A, B) -> A =< B end, L1, L2).

rumerge(F, L1, L2) when is_function(F, 2), is_list(L1), is_list(L2) ->
    proper2(L1, L2),
    rufmerge(F, L1, L2).

rufmerge(Le, [A | As] = AL, [B | Bs] = BL) ->
    case Le(A, B) of
        true ->
            case Le(B, A) of
                true -> [A | rufmerge(Le, As, Bs)];
                false -> [B | rufmerge(Le, AL, Bs)]
            end;
        false -> [A | rufmerge(Le, As, BL)]
    end;
rufmerge(_, [], Bs) -> Bs;
rufmerge(_, As, []) -> As.

rumerge3(L1, L2, L3) -> rumerge(rumerge(L1, L2), L3).

keymerge(N, L1, []) when is_integer(N), N > 0 -> L1;
keymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L1) ->
    case L2 of
        [] -> ok;
        [_ | _] -> ok
    end,
    proper2(L1, L2),
    fmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

ukeymerge(N, [], L2) when is_integer(N), N > 0 -> L2;
ukeymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L2) ->
    case L1 of
        [] -> ok;
        [_ | _] -> ok
    end,
    proper2(L1, L2),
    ufmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

rkeymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L1) ->
    case L2 of
        [] -> ok;
        [_ | _] -> ok
    end,
    proper2(L1, L2),
    rfmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

rukeymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L1) ->
    case L2 of
        [] -> ok;
        [_ | _] -> ok
    end,
    proper2(L1, L2),
    rufmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).
