%% ordsets — sets as ordered lists without duplicates (elements compared with ==),
%% written for ferl from OTP 25's documented and observed behaviour.
-module(ordsets).
-export([new/0, is_set/1, size/1, is_empty/1, to_list/1, from_list/1, is_element/2,
         add_element/2, del_element/2, union/2, union/1, intersection/2,
         intersection/1, is_disjoint/2, subtract/2, is_subset/2, fold/3, filter/2]).

new() -> [].

is_set([E | Es]) -> is_set_1(E, Es);
is_set([]) -> true;
is_set(_) -> false.

is_set_1(E1, [E2 | Es]) when E1 < E2 -> is_set_1(E2, Es);
is_set_1(_, [_ | _]) -> false;
is_set_1(_, []) -> true.

size(S) -> length(S).

is_empty(S) -> S =:= [].

to_list(S) -> S.

from_list(L) -> lists:usort(L).

is_element(E, [H | _]) when E < H -> false;
is_element(E, [H | Es]) when E > H -> is_element(E, Es);
is_element(_, [_ | _]) -> true;
is_element(_, []) -> false.

add_element(E, [H | Es]) when E > H -> [H | add_element(E, Es)];
add_element(E, [H | _] = S) when E < H -> [E | S];
add_element(_, [_ | _] = S) -> S;
add_element(E, []) -> [E].

del_element(E, [H | Es]) when E > H -> [H | del_element(E, Es)];
del_element(E, [H | _] = S) when E < H -> S;
del_element(_, [_ | Es]) -> Es;
del_element(_, []) -> [].

%% When the second set's head is the smaller, the sets change places, so of two equal (==)
%% elements the one kept is as in OTP (visible with 1 and 1.0); intersection/2 likewise.
union([E1 | Es1], [E2 | _] = S2) when E1 < E2 -> [E1 | union(Es1, S2)];
union([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> [E2 | union(Es2, S1)];
union([E1 | Es1], [_ | Es2]) -> [E1 | union(Es1, Es2)];
union([], S2) -> S2;
union(S1, []) -> S1.

%% Of equal (==) elements, the one from the earliest set in the list is kept (as OTP's,
%% which merges the lists as lists:umerge/1 does).
union(Sets) -> union_all(Sets, []).

union_all([S | Sets], Acc) -> union_all(Sets, merge_first(Acc, S));
union_all([], Acc) -> Acc.

merge_first([E1 | Es1], [E2 | _] = S2) when E1 < E2 -> [E1 | merge_first(Es1, S2)];
merge_first([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> [E2 | merge_first(S1, Es2)];
merge_first([E1 | Es1], [_ | Es2]) -> [E1 | merge_first(Es1, Es2)];
merge_first([], S2) -> S2;
merge_first(S1, []) -> S1.

intersection([E1 | Es1], [E2 | _] = S2) when E1 < E2 -> intersection(Es1, S2);
intersection([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> intersection(Es2, S1);
intersection([E1 | Es1], [_ | Es2]) -> [E1 | intersection(Es1, Es2)];
intersection([], _) -> [];
intersection(_, []) -> [].

intersection([S | Sets]) -> intersection_all(Sets, S).

intersection_all([S | Sets], Acc) -> intersection_all(Sets, intersection(Acc, S));
intersection_all([], Acc) -> Acc.

is_disjoint([E1 | Es1], [E2 | _] = S2) when E1 < E2 -> is_disjoint(Es1, S2);
is_disjoint([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> is_disjoint(S1, Es2);
is_disjoint([_ | _], [_ | _]) -> false;
is_disjoint([], _) -> true;
is_disjoint(_, []) -> true.

subtract([E1 | Es1], [E2 | _] = S2) when E1 < E2 -> [E1 | subtract(Es1, S2)];
subtract([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> subtract(S1, Es2);
subtract([_ | Es1], [_ | Es2]) -> subtract(Es1, Es2);
subtract([], _) -> [];
subtract(S1, []) -> S1.

is_subset([E1 | _], [E2 | _]) when E1 < E2 -> false;
is_subset([E1 | _] = S1, [E2 | Es2]) when E1 > E2 -> is_subset(S1, Es2);
is_subset([_ | Es1], [_ | Es2]) -> is_subset(Es1, Es2);
is_subset([], _) -> true;
is_subset(_, []) -> false.

fold(F, Acc, S) -> lists:foldl(F, Acc, S).

filter(P, S) -> lists:filter(P, S).
