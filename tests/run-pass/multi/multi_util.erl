-module(multi_util).
-export([sum/1, map/2, double/1]).

sum(L) -> sum(L, 0).
sum([H | T], A) -> sum(T, A + H);
sum([], A) -> A.

map(F, [H | T]) -> [F(H) | map(F, T)];
map(_, []) -> [].

double(X) -> 2 * X.
