%% Native clones: self-tail-recursive loops that allocate (the heap top kept in a
%% register across the loop), `++` done inline (proper, improper and non-list left
%% operands, long ones that do not fit), counters crossing into bignums, collections
%% in the middle of a loop, preemption while two processes loop, deep recursion.
-module(native_loops).
-export([main/1]).

main(_) ->
    %% rev_prefix-style loop ending in ++.
    L = lists:seq(1, 20),
    io:format("~w~n", [rp(5, L, [])]),
    io:format("~w~n", [rp(0, L, [])]),
    io:format("~w~n", [rp(20, L, [])]),
    io:format("~w~n", [t(fun() -> rp(21, L, []) end)]),
    io:format("~w~n", [t(fun() -> rp(a, L, []) end)]),
    %% ++ with odd operands, from a clone.
    io:format("~w~n", [ap([], 3)]),
    io:format("~w~n", [ap([1], 3)]),
    io:format("~w~n", [ap([1, 2], [3 | 4])]),
    io:format("~w~n", [t(fun() -> ap([1, 2 | 3], [4]) end)]),
    io:format("~w~n", [t(fun() -> ap(foo, [4]) end)]),
    io:format("~w~n", [t(fun() -> ap({1, 2}, []) end)]),
    io:format("~w~n", [ap("abc", "def")]),
    %% A left list longer than the room a clone has: the ordinary code does it.
    Long = lists:seq(1, 50000),
    Big = ap(Long, [x]),
    io:format("~w ~w ~w~n", [length(Big), lists:nth(49999, Big), lists:last(Big)]),
    %% Many ++ in a loop: collections between iterations.
    io:format("~w~n", [appends(3000, [1, 2, 3], 0)]),
    %% Counters crossing the small-integer range both ways.
    Max = 1 bsl 59 - 1,
    io:format("~w~n", [count_up(Max - 5, Max + 5, [])]),
    io:format("~w~n", [count_down(-Max + 3, -Max - 4, [])]),
    io:format("~w~n", [rp(3, [Max, Max + 1, -Max - 2, 4.5], [])]),
    %% The same loops entered from native code, with counters that are not small
    %% integers on entry or stop being small on the way.
    io:format("~w~n", [cu(Max - 3, Max + 2)]),
    io:format("~w~n", [cu(Max + 1, Max + 4)]),
    io:format("~w~n", [cu(1.5, 4)]),
    io:format("~w~n", [cd(-Max + 2, -Max - 2)]),
    io:format("~w~n", [sw(Max - 4, 0, 6)]),
    io:format("~w~n", [sw(0.5, 1, 3)]),
    io:format("~w~n", [dn(stop, [])]),
    io:format("~w~n", [dn(5, [])]),
    io:format("~w~n", [t(fun() -> dn(-2, []) end)]),
    io:format("~w~n", [t(fun() -> dn(foo, []) end)]),
    %% Loops that build long lists (collections in the middle).
    Built = build(30000, []),
    io:format("~w ~w~n", [length(Built), lists:sum(Built)]),
    io:format("~w~n", [flips_all(lists:seq(0, 9), 0)]),
    %% Two processes looping at once: preemption in the middle of the loops.
    Self = self(),
    Ps = [spawn(fun() -> Self ! {self(), worker(I, 30000, [], 0)} end) || I <- [1, 2, 3]],
    io:format("~w~n", [[receive {P, R} -> R end || P <- Ps]]),
    %% Deep non-tail recursion calling the loops.
    io:format("~w~n", [deep(20000)]),
    ok.

%% Wrappers making a non-tail call, so that their public entry enters the native clones
%% (where the small loops are inlined), and a tail call, so that they are not inlined
%% into their ordinary callers.
rp(K, L, A) -> R = same(rev_prefix(K, L, A)), same(R).
ap(A, B) -> R = same(rev_prefix(0, B, A)), same(R).

cu(A, B) -> R = same(count_up(A, B, [])), same(R).
cd(A, B) -> R = same(count_down(A, B, [])), same(R).
sw(A, B, N) -> R = same(swap(A, B, N, [])), same(R).
dn(N, Acc) -> R = same(down(N, Acc)), same(R).

%% Not inlined (a tail call); a body recursion.
same(R) -> keep(R, 2).

keep(R, 0) -> R;
keep(R, K) -> element(1, {keep(R, K - 1)}).

%% The counters trade places at each step.
swap(_, _, 0, Acc) -> Acc;
swap(A, B, N, Acc) -> swap(B + 1, A, N - 1, [A | Acc]).

down(stop, Acc) -> Acc;
down(0, Acc) -> down(stop, [0 | Acc]);
down(N, Acc) when N > 0 -> down(N - 1, [N | Acc]).

t(F) -> try F() catch C:R -> {C, R} end.

rev_prefix(0, Rest, Acc) -> Acc ++ Rest;
rev_prefix(K, [X | T], Acc) -> rev_prefix(K - 1, T, [X | Acc]).

appends(0, L, N) -> {length(L), N};
appends(K, L, N) ->
    L2 = [K | L] ++ [K],
    appends(K - 1, tl(tl(L2)), N + length(L2)).

count_up(A, B, Acc) when A > B -> Acc;
count_up(A, B, Acc) -> count_up(A + 1, B, [A | Acc]).

count_down(A, B, Acc) when A < B -> Acc;
count_down(A, B, Acc) -> count_down(A - 1, B, [A - 1 | Acc]).

build(0, Acc) -> Acc;
build(K, Acc) -> build(K - 1, [K rem 7 | Acc]).

flips_all([], N) -> N;
flips_all([H | T] = L, N) -> flips_all(T, N + length(rp(H rem (length(L) + 1), L, []))).

worker(_, 0, Acc, N) -> {N, length(Acc)};
worker(I, K, Acc, N) ->
    Acc1 = case K rem 40 of 0 -> []; _ -> [K | Acc] end,
    worker(I, K - 1, Acc1 ++ [], N + I).

deep(0) -> [];
deep(N) ->
    R = deep(N - 1),
    case N rem 2000 of
        0 -> rp(1, [N], R);
        _ -> R
    end.
