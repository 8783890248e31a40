%% Float arithmetic the code generator keeps unboxed (statically float values, float
%% parameters of local functions, float results of local functions), with the errors,
%% mixed int/float operands, comparisons and guards around it.
-module(float_unboxed).
-export([main/1]).

main(_) ->
    io:format("~p~n", [poly(1.5, 10)]),
    io:format("~p~n", [poly(2, 10)]),
    io:format("~p~n", [mixed(3, 1.5)]),
    io:format("~p~n", [mixed(1 bsl 70, 0.5)]),
    io:format("~p~n", [mixed(2.5, 1 bsl 70)]),
    io:format("~p~n", [catch_all(fun() -> overflow(1.0e308) end)]),
    io:format("~p~n", [catch_all(fun() -> divide(1.0, 0) end)]),
    io:format("~p~n", [catch_all(fun() -> divide(1, 0.0) end)]),
    io:format("~p~n", [catch_all(fun() -> divide(7, 2) end)]),
    io:format("~p~n", [catch_all(fun() -> mixed(foo, 1.5) end)]),
    io:format("~p~n", [catch_all(fun() -> root(-4.0) end)]),
    io:format("~p~n", [[root(X) || X <- [0, 4, 2.25, -0.0, 1 bsl 80]]]),
    io:format("~p~n", [[cmp(A, B) || A <- [1, 1.0, -0.0, 0.0, 2.5, a], B <- [1, 1.0, 0.0, 3]]]),
    io:format("~p~n", [[guarded(X) || X <- [1, 1.5, 2.0, -3.0, atom, 1 bsl 65]]]),
    io:format("~p~n", [sum_sq(lists:seq(1, 1000), 0.0)]),
    io:format("~p~n", [walk(100000, 0.5, 0.25, 0.0)]),
    io:format("~p~n", [mandel(-0.5, 0.5, 0.0, 0.0, 0)]),
    io:format("~p~n", [energy([{0.0, 1.0, 2.0}, {1.5, -2.5, 3.0}, {4.0, 4.0, 4.0}])]),
    io:format("~p~n", [keep(1.25, 2)]),
    io:format("~p~n", [halves(1.0, 2)]),
    io:format("~p~n", [halves(3, 2)]),
    io:format("~p~n", [later(2.0)]),
    io:format("~p~n", [in_receive(1.5)]),
    io:format("~p~n", [in_try(2.5)]),
    io:format("~p~n", [catch_all(fun() -> in_try(1.0e300) end)]),
    io:format("~p~n", [spread(0.1, 20, [])]),
    ok.

catch_all(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            [{M, Fn, A, Loc} | _] = St,
            {C, R, {M, Fn, A, line(Loc)}}
    end.

%% Lines relative to base/0 (escript numbers lines from the second one).
base() -> ?LINE.
line(Loc) ->
    case proplists:get_value(line, Loc) of
        undefined -> undefined;
        L -> L - base()
    end.

%% Horner's rule: X may be an integer or a float (the accumulator is a float).
poly(X, N) -> poly(X, N, 0.0).
poly(_, 0, Acc) -> Acc;
poly(X, N, Acc) -> poly(X, N - 1, Acc * X + 1.0 / N).

mixed(A, B) ->
    T = A * B,
    U = T + 0.25,
    {T, U, U - A, U / 2}.

overflow(X) ->
    Y = X * 10.0,
    Y + 1.0.

divide(A, B) ->
    Q = A / B,
    Q * 2.0.

root(X) ->
    R = math:sqrt(X),
    R * 1.0.

cmp(A, B) ->
    X = B * 1.0,
    {A < X, A == X, A =:= X, A >= X, X /= A, X =/= A}.

guarded(X) when X * 2.0 > 3.0 -> big;
guarded(X) when is_number(X), X * 1.0 =< 3.0 -> small;
guarded(_) -> other.

sum_sq([], Acc) -> Acc;
sum_sq([H | T], Acc) ->
    F = H * 0.5,
    sum_sq(T, Acc + F * F).

%% A float-only local loop (its parameters are floats at every call site).
walk(0, X, Y, S) -> {X, Y, S};
walk(N, X, Y, S) ->
    X1 = X * 0.999 + Y * 0.001,
    Y1 = Y * 0.998 - X * 0.002,
    walk(N - 1, X1, Y1, S + X1 * Y1).

mandel(_, _, _, _, 100) -> inside;
mandel(Cr, Ci, Zr, Zi, I) ->
    Tr = Zr * Zr, Ti = Zi * Zi,
    if
        Tr + Ti > 4.0 -> {escaped, I};
        true -> mandel(Cr, Ci, Tr - Ti + Cr, 2.0 * Zr * Zi + Ci, I + 1)
    end.

energy([]) -> 0.0;
energy([{X, Y, Z} | T]) ->
    D = dist(X, Y, Z),
    D * 0.5 + energy(T).

dist(X, Y, Z) -> math:sqrt(X * X + Y * Y + Z * Z).

%% A float kept across a call and in a tuple.
keep(X, N) ->
    Y = X * 2.0,
    L = lists:duplicate(N, Y),
    Z = Y + 1.0,
    {Y, Z, L, length(L)}.

%% Returns a float from one clause and an integer from another.
halves(X, 0) -> X;
halves(X, N) when is_float(X) -> halves(X / 2, N - 1);
halves(X, N) -> halves(X div 2, N - 1).

later(X) ->
    Y = X * 3.0,
    self() ! go,
    receive go -> Y + 1.0 end.

in_receive(X) ->
    self() ! {num, 4},
    receive
        {num, N} when N * X > 5.0 -> {big, N * X};
        {num, N} -> {small, N * X}
    end.

in_try(X) ->
    Y = X * X,
    try
        Z = Y * 1.0e10,
        Z + Y
    catch
        error:badarith -> {overflowed, Y}
    end.

spread(_, 0, Acc) -> Acc;
spread(X, N, Acc) ->
    Y = X * N,
    spread(X, N - 1, [Y, Y / 3 | Acc]).
