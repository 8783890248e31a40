%% Native clones (codegen/src/translate/native.rs): functions doing only inline work run
%% with machine calls and bail out to the ordinary code on anything else. Each case here
%% makes a clone bail out at some depth: bignum overflow, floats and atoms where small
%% integers were met before, errors with stack traces, recursion deeper than the native
%% budget, full heaps, reductions used up, joins after calls, up to six parameters.
-module(native_clones).
-export([main/1]).

main(_) ->
    io:format("fact ~p~n", [[fact(N) || N <- [0, 1, 5, 20, 21, 25, 30]]]),
    io:format("fib ~p~n", [[fib(N) || N <- lists:seq(0, 20)]]),
    io:format("fibf ~p~n", [[fib(X) || X <- [1.5, 2.5, 6.0]]]),
    io:format("sum ~p~n", [[sum(L) || L <- [[1, 2, 3], [1.5, 2, 3], [1 bsl 62, 1 bsl 62], []]]]),
    L = lists:seq(1, 20000),
    io:format("len ~p~n", [len(L)]),
    io:format("deep ~p~n", [deep(20000)]),
    T = make(12),
    io:format("check ~p~n", [check(T)]),
    io:format("trees ~p~n", [[check(make(D)) || D <- lists:seq(0, 10)]]),
    io:format("joins ~p~n", [[joins(N) || N <- lists:seq(0, 10)]]),
    io:format("joins big ~p~n", [joins(200)]),
    io:format("six ~p~n", [[six(N, 1, 2, 3, 4, 5) || N <- [0, 1, 7, 100]]]),
    io:format("six big ~p~n", [six(90, 1 bsl 59, 2, 3, 4, 5)]),
    io:format("evenodd ~p~n", [[is_even(N) || N <- [0, 1, 10, 100001]]]),
    io:format("max ~p~n", [[max2(A, B) || {A, B} <- [{1, 2}, {3, 2}, {a, b}, {2.5, 1}, {x, 1}]]]),
    io:format("elem ~p~n", [[nth({a, b, c}, I) || I <- [1, 2, 3]]]),
    io:format("divs ~p~n", [[divs(N) || N <- [1, 7, 100, -100]]]),
    io:format("bifs ~p~n", [[bifs(L2) || L2 <- [[], [1], [3, -4, 5], lists:seq(-50, 50)]]]),
    io:format("appends ~p~n", [appends([a, b, c, d], [])]),
    io:format("setel ~p~n", [setel({0, 0, 0}, 3)]),
    err(fun() -> add_at(5, x) end),
    err(fun() -> add_at(0, [1]) end),
    err(fun() -> nth({a, b}, 5) end),
    err(fun() -> clause(4) end),
    err(fun() -> divs(0) end),
    err(fun() -> check({1, 2, 3}) end),
    err(fun() -> len([1, 2 | 3]) end),
    err(fun() -> bifs([1 | 2]) end),
    err(fun() -> appends([a | b], []) end),
    err(fun() -> setel({0, 0}, 3) end),
    Self = self(),
    Pids = [spawn(fun() -> Self ! {self(), fib(22 + I)} end) || I <- [0, 1, 2]],
    io:format("procs ~p~n", [[receive {P, R} -> R end || P <- Pids]]),
    ok.

err(F) ->
    try F() of
        V -> io:format("value ~p~n", [V])
    catch
        %% The first frame only: BEAM leaves out the callers of a frameless clause that
        %% fails (docs/runtime-abi.md section 13), which ferl shows.
        C:R:St ->
            [{M, Fn, A, _} | _] = St,
            io:format("~p:~p ~p~n", [C, R, {M, Fn, A}])
    end.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

deep(0) -> 0;
deep(N) -> deep(N - 1) + 2.

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

joins(N) when N < 2 -> N;
joins(N) ->
    X = case N rem 3 of
            0 -> joins(N - 1) * 3;
            1 -> joins(N - 2) + joins(N - 1);
            _ -> 7
        end,
    X + N.

six(0, A, B, C, D, E) -> A + B * C - D + E;
six(N, A, B, C, D, E) -> 1 + six(N - 1, B, C, D, E, A + 1).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).
is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

max2(A, B) when A > B -> A;
max2(_, B) -> B.

nth(T, I) -> element(I, T).

divs(N) -> 1000 div N + 1000 rem N + (N band 3) + (N bsr 1).

add_at(0, X) -> X + 1;
add_at(N, X) -> 1 + add_at(N - 1, X).

clause(N) when N > 0 -> 1 + clause(N - 2).

%% Pure BIFs called from clones (a failing one makes the clone bail out).
bifs([]) -> 0;
bifs([H | T] = L) -> length(L) + abs(H) + max(H, 0) + bifs(T).

appends([], Acc) -> Acc;
appends([H | T], Acc) -> [H] ++ appends(T, Acc ++ [H]).

setel(T, 0) -> T;
setel(T, N) -> setel(setelement(N, T, N * 10), N - 1).
