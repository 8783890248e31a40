%% Loop counters that only go down (or only up) by small steps: in native clones they
%% are checked once at the loop's entry (room for a time slice of steps) and their
%% `N - Step` / `N + Step` then have no overflow check. Entries just inside and just
%% outside that room, loops that run past a time slice and on into bignums, mixed
%% steps, self-loops and loops inlined into a caller, several processes at once.
-module(counter_ranges).
-export([main/1]).

-define(MIN, -576460752303423488).
-define(MAX, 576460752303423487).

main(_) ->
    %% Self-loops (their clones serve native callers: `w/1` makes the call).
    [io:format("down ~p~n", [w(fun() -> dw(N, Stop) end)])
     || {N, Stop} <- [{10, 0}, {?MIN + 4010, ?MIN + 4000}, {?MIN + 4001, ?MIN + 3990},
                      {?MIN + 3999, ?MIN - 3}, {?MIN + 12000, ?MIN - 12000},
                      {?MIN + 5, ?MIN - 5}, {?MIN, ?MIN - 2}, {?MIN - 1, ?MIN - 4}]],
    [io:format("up ~p~n", [w(fun() -> uw(N, Stop) end)])
     || {N, Stop} <- [{0, 10}, {?MAX - 4010, ?MAX - 4000}, {?MAX - 3999, ?MAX + 3},
                      {?MAX - 12000, ?MAX + 12000}, {?MAX - 5, ?MAX + 5}, {?MAX, ?MAX + 2},
                      {?MAX + 1, ?MAX + 4}]],
    %% Steps of 1 and 3 in the same loop.
    [io:format("mixed ~p~n", [w(fun() -> mw(N, Stop) end)])
     || {N, Stop} <- [{20, 0}, {?MIN + 12020, ?MIN + 12000}, {?MIN + 11990, ?MIN - 30},
                      {?MIN + 7, ?MIN - 7}]],
    %% A loop inlined into its caller (a recursive join in the caller's clone).
    [io:format("take ~p~n", [w(fun() -> take_sum(N, lists:seq(1, 20)) end)])
     || N <- [0, 3, 20, 25, ?MIN + 2, ?MIN, ?MAX]],
    [io:format("walk ~p~n", [w(fun() -> walk(N, Len) end)])
     || {N, Len} <- [{5, 3}, {?MIN + 4002, 5000}, {?MIN + 3, 8}, {?MAX - 3, 8},
                     {?MAX - 4002, 5000}]],
    %% Counters that are not integers, or not small, on entry.
    io:format("odd ~p~n", [[w(fun() -> dw(X, 0) end) || X <- [2.5, foo, ?MIN - 10]]]),
    %% Several processes at once: preemption in the middle of the loops.
    Self = self(),
    Ps = [spawn(fun() -> Self ! {self(), w(fun() -> dw(?MIN + I * 20000, ?MIN - 100) end)} end)
          || I <- [1, 2, 3]],
    io:format("procs ~p~n", [[receive {P, R} -> R end || P <- Ps]]),
    ok.

w(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

%% Wrappers making a non-tail call (`same/1`), so that their public entry enters their
%% native clone, where the loops are inlined (`down/3`, `up/3`) or called (`mixed/3`);
%% and a tail call, so that they are not inlined into their (ordinary) callers.
dw(N, Stop) -> R = same(down(N, Stop, 0)), same(R).
uw(N, Stop) -> R = same(up(N, Stop, 0)), same(R).
mw(N, Stop) -> R = same(mixed(N, Stop, [])), same(R).

%% Not inlined (a tail call); a body recursion.
same(R) -> keep(R, 2).

keep(R, 0) -> R;
keep(R, K) -> element(1, {keep(R, K - 1)}).

%% Counts the steps; the last value is returned with them.
down(N, Stop, Steps) when N =< Stop -> {N, Steps};
down(N, Stop, Steps) -> down(N - 1, Stop, Steps + 1).

up(N, Stop, Steps) when N >= Stop -> {N, Steps};
up(N, Stop, Steps) -> up(N + 1, Stop, Steps + 1).

mixed(N, Stop, Acc) when N =< Stop -> {N, length(Acc), lists:sublist(Acc, 3)};
mixed(N, Stop, Acc) when N rem 2 =:= 0 -> mixed(N - 3, Stop, [N | Acc]);
mixed(N, Stop, Acc) -> mixed(N - 1, Stop, Acc).

%% `take/3` is a small self-loop: inlined into `take_sum/2`.
take_sum(N, L) ->
    R = same({N, take(N, L, [])}),
    same(R).

take(0, _, Acc) -> Acc;
take(K, [X | T], Acc) -> take(K - 1, T, [X | Acc]).

walk(N, Len) ->
    {A, B} = steps(N, Len, 0),
    R = same({A, A - N, B}),
    same(R).

steps(K, 0, Acc) -> {K, Acc};
steps(K, Len, Acc) -> steps(K - 1, Len - 1, Acc + 1).
