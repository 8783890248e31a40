%% Calls of functions that start with an early return (`f(N) when N < 2 -> N`) test it at
%% the call site; integer ranges learnt from comparisons drop overflow checks. Covers:
%% every ordering, literal and parameter results, the early return in the else branch,
%% type tests, literal arguments, non-integer arguments, and counters at the edge of the
%% small-integer range (where N - 1 or N + 1 becomes a bignum).
-module(early_returns).
-export([main/1]).

-define(SMALL_MAX, 576460752303423487).
-define(SMALL_MIN, -576460752303423488).

main(_) ->
    io:format("fib ~p~n", [[fib(N) || N <- lists:seq(0, 20)]]),
    io:format("fib float ~p~n", [fib(5.0)]),
    io:format("down ~p~n", [[down(N) || N <- [0, 1, 2, 7, 2.5, -3]]]),
    io:format("le ~p~n", [[le(N) || N <- [-2, 0, 3, 10]]]),
    io:format("gt ~p~n", [[gt(N) || N <- [0, 5, 51, 100]]]),
    io:format("ge ~p~n", [[ge(N) || N <- [0, 9, 10, 11]]]),
    io:format("lit ~p ~p~n", [lit_arg(), lit_arg2()]),
    io:format("else ~p~n", [[else_ret(X) || X <- [a, 1, [], {x}, 7]]]),
    io:format("type ~p~n", [[type_ret(X) || X <- [foo, 3, "s", <<"b">>]]]),
    io:format("count ~p~n", [count([a, b, c, d, e])]),
    io:format("atoms ~p~n", [try fib(x) catch error:R:S -> {R, element(1, hd(S)), element(2, hd(S))} end]),
    io:format("edge ~p~n", [edges()]),
    io:format("sums ~p~n", [[sum_to(N) || N <- [0, 1, 10, 1000]]]),
    io:format("depth ~p~n", [depth(100000)]),
    io:format("make ~p~n", [make(3)]),
    %% Functions guessed to return small integers, returning something else.
    io:format("sr ~p~n", [[sr(X) || X <- [1.5, 5.5, 7, -3, ?SMALL_MIN - 10]]]),
    io:format("grow ~p~n", [[grow(N) || N <- [0, 3, 10, 62, 64]]]),
    io:format("pick ~p~n", [[pick(X) || X <- [0, 1, 2, 3, 4.5]]]),
    io:format("zf ~p~n", [[zf(X) || X <- [2.0, 2, 0, 0.0, -0.0, 1.5, a]]]),
    io:format("ln ~p~n", [[try ln(L) catch error:E -> {error, E} end || L <- [[], [a], "abc", [a | b]]]]),
    ok.

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

%% The result is a literal.
down(N) when N =< 0 -> zero;
down(N) -> {down(N - 1)}.

le(N) when N =< 1 -> [N];
le(N) -> [N | le(N - 3)].

gt(N) when N > 50 -> big;
gt(N) -> {gt(N * 2 + 1)}.

ge(N) when N >= 10 -> N;
ge(N) -> ge(N + 1) + 1.

lit_arg() -> fib(1) + fib(0) + fib(12).
lit_arg2() -> ge(10) + ge(3).

%% The early return is in the else branch: `if not integer then return`.
else_ret(X) when is_integer(X) -> else_ret(float(X)) + 1;
else_ret(X) -> X.

type_ret(X) when is_atom(X) -> {atom, X};
type_ret(X) -> [type_ret(a) | X].

count([]) -> 0;
count([_ | T]) -> 1 + count(T).

%% Counters that leave the small-integer range on the way.
edges() ->
    [up(?SMALL_MAX - 3, ?SMALL_MAX + 3),
     dn(?SMALL_MIN + 3, ?SMALL_MIN - 3),
     fib2(?SMALL_MIN + 1),
     ge(?SMALL_MAX - 1) - ?SMALL_MAX,
     le(?SMALL_MIN + 2),
     guard_big(?SMALL_MAX),
     guard_big(?SMALL_MIN)].

up(N, Stop) when N >= Stop -> [N];
up(N, Stop) -> [N | up(N + 1, Stop)].

dn(N, Stop) when N =< Stop -> [N];
dn(N, Stop) -> [N | dn(N - 1, Stop)].

%% `N < 2` holds for every negative N: the early return must not assume N >= 2.
fib2(N) when N < 2 -> {small, N};
fib2(N) -> fib2(N - 1).

guard_big(N) when N > 0 -> {pos, pos(N)};
guard_big(N) -> {neg, neg(N)}.

pos(N) when N > ?SMALL_MAX + 2 -> N;
pos(N) -> pos(N + 1) + 0.

neg(N) when N < ?SMALL_MIN - 2 -> N;
neg(N) -> neg(N - 1) - 0.

sum_to(N) when N =< 0 -> 0;
sum_to(N) -> N + sum_to(N - 1).

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

%% `=:=` 0.0 (OTP 25: -0.0 matches 0.0; the integer 0 does not).
zf(0.0) -> zero;
zf(X) when is_number(X), X > 0 -> {pos, zf(X - 1.0)};
zf(X) -> {other, X}.

ln([]) -> 0;
ln([_ | T]) -> 1 + ln(T).

sr(N) when N < 2 -> N;
sr(N) -> sr(N - 1) + sr(N - 2).

%% Small until it is not: 2^N.
grow(N) when N < 1 -> 1;
grow(N) -> grow(N - 1) + grow2(N - 1).

grow2(N) when N < 1 -> 1;
grow2(N) -> 2 * grow2(N - 1).

%% A join whose parameter is small on one path only.
pick(X) ->
    Y = case X of
            0 -> 10;
            1 -> 20;
            2 -> ?SMALL_MAX + 1;
            _ -> X
        end,
    Y + pick2(X).

pick2(X) when X < 3 -> X;
pick2(_) -> 0.
