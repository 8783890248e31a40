%% Self-loops whose float parameters the code generator carries unboxed through the loop
%% header (boxed again at a yield, a return, a function_clause trace), and arithmetic on
%% values of unknown type read from tuples and lists (kept unboxed while they are floats,
%% integers and bignums taking the general path), with the errors raised in those loops.
-module(float_loops).
-export([main/1]).

main(_) ->
    %% Long enough to yield many times inside the loop (reductions run out).
    io:format("~p~n", [spin(300000, 0.5, 0.25, 0.0)]),
    io:format("~p~n", [[in_set(50, 0.0, 0.0, Cr, 0.25) || Cr <- [-2.5, -1.0, 0.0, 0.3, 0.5]]]),
    io:format("~p~n", [row([1.0, 2, 3.5, 1 bsl 70, -4], 0, 0.0)]),
    io:format("~p~n", [row(lists:duplicate(20000, 0.5), 0, 0.0)]),
    io:format("~p~n", [sums(lists:seq(1, 2000), 0.0, 1.0)]),
    io:format("~p~n", [halve(1.0e10, 0)]),
    io:format("~p~n", [mixed_loop(10, 1, 0)]),
    io:format("~p~n", [mixed_loop(10, 1.5, 2)]),
    io:format("~p~n", [mixed_loop(3, 1 bsl 80, 0.5)]),
    io:format("~p~n", [catch_all(fun() -> grow(1.0, 0) end)]),
    io:format("~p~n", [catch_all(fun() -> row([1.0, 2.0, oops, 3.0], 0, 0.0) end)]),
    io:format("~p~n", [catch_all(fun() -> row([1.0 | bad], 0, 0.0) end)]),
    io:format("~p~n", [catch_all(fun() -> dots([1.0, 2.0], [3.0], 0.0) end)]),
    io:format("~p~n", [dots([1.0, 2.0, 3], [4, 5.5, 6], 0.0)]),
    Bodies = [{0.0, 0.0, 1.0, 5.0}, {1.0, 2.0, 2.0, 0.5}, {3, 4, -1, 2},
              {1 bsl 62, 1.0, 0.5, 1.0e-3}, {-2.5, 7, 3.25, 1}],
    io:format("~p~n", [pairs(Bodies)]),
    io:format("~p~n", [[dist(A, B) || A <- Bodies, B <- Bodies, A =/= B]]),
    io:format("~p~n", [catch_all(fun() -> dist({1.0, 2.0, x, 1.0}, {0.0, 0.0, 0.0, 1.0}) end)]),
    io:format("~p~n", [catch_all(fun() -> dist({1.0e200, 0.0, 0.0, 1.0}, {-1.0e200, 0.0, 0.0, 1.0}) end)]),
    io:format("~p~n", [catch_all(fun() -> dist({1.0, 0.0, 0.0, 1.0}, {1.0, 0.0, 0.0, 1.0}) end)]),
    io:format("~p~n", [steps(5000, {0.5, 0.25, 0.125}, {1.0, -1.0, 0.5})]),
    io:format("~p~n", [int_arith(100, 7, 3)]),
    io:format("~p~n", [[tri(A, B) || {A, B} <- [{1, 2}, {1 bsl 40, 1 bsl 40}, {-7, 3},
                                                  {1 bsl 62, 5}]]]),
    io:format("~p~n", [[catch_all(fun() -> tri(A, B) end) || {A, B} <- [{1.5, 2}, {x, 1}]]]),
    io:format("~p~n", [[catch_all(fun() -> scaled(A, B) end)
                        || {A, B} <- [{1.5, 2}, {3, 4}, {x, 1}, {1 bsl 70, 0.5}]]]),
    io:format("~p~n", [in_try(0.5)]),
    io:format("~p~n", [with_receive(100, 1.5)]),
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

spin(0, X, Y, Acc) -> {X, Y, Acc};
spin(N, X, Y, Acc) ->
    X1 = X * 0.999 + Y * 0.001,
    Y1 = Y * 0.998 + X * 0.002,
    spin(N - 1, X1, Y1, Acc + X1 * Y1).

in_set(0, _Zr, _Zi, _Cr, _Ci) -> true;
in_set(I, Zr, Zi, Cr, Ci) ->
    Tr = Zr * Zr, Ti = Zi * Zi,
    if
        Tr + Ti > 4.0 -> {false, I, Zr};
        true -> in_set(I - 1, Tr - Ti + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci)
    end.

%% S is a float loop parameter; X is of unknown type.
row([], J, S) -> {J, S};
row([X | T], J, S) -> row(T, J + 1, S + 1.0 / (J + 1) * X).

sums([], A, B) -> {A, B};
sums([X | T], A, B) when X rem 3 =:= 0 -> sums(T, A + X / 2, B);
sums([X | T], A, B) -> sums(T, A, B * 1.0001 + X).

halve(X, N) when X < 1.0 -> {X, N};
halve(X, N) -> halve(X / 2, N + 1).

%% Values that are sometimes integers, sometimes floats, sometimes bignums.
mixed_loop(0, A, B) -> {A, B};
mixed_loop(N, A, B) -> mixed_loop(N - 1, A * 2 + B, A - B * 3).

grow(X, N) -> grow(X * 1.0e10, N + 1).

dots([], [], S) -> S;
dots([X | T], [Y | T2], S) -> dots(T, T2, S + X * Y).

pairs([]) -> [];
pairs([B | T]) -> [[dist(B, C) || C <- T] | pairs(T)].

%% Arithmetic on tuple fields of unknown type.
dist({X, Y, Z, M}, {X2, Y2, Z2, M2}) ->
    DX = X - X2, DY = Y - Y2, DZ = Z - Z2,
    D2 = DX * DX + DY * DY + DZ * DZ,
    Mag = 0.01 / (D2 * math:sqrt(D2)),
    {DX * M * Mag, DY * M2 * Mag, DZ - M}.

steps(0, P, V) -> {P, V};
steps(N, {X, Y, Z}, {VX, VY, VZ}) ->
    DX = X - VX, DY = Y - VY, DZ = Z - VZ,
    R = DX * DX + DY * DY + DZ * DZ + 1,
    steps(N - 1, {X + VX * 0.01 / R, Y + VY * 0.01 / R, Z + VZ * 0.01 / R},
          {VX - DX * 0.001, VY - DY * 0.001, VZ - DZ * 0.001}).

%% Integer arithmetic through the same paths (results stay integers).
int_arith(0, A, B) -> {A, B};
int_arith(N, A, B) ->
    S = A + B, D = A - B,
    int_arith(N - 1, (S * D) rem 1000003 + N, (D * D + S) rem 999983).

%% The same arithmetic twice in a row (computed once).
tri(A, B) -> (A + B) * (A + B + 1) div 2.

%% Mixed: a product that is an integer or a float, then scaled by a float.
scaled(A, B) ->
    P = A * B, Q = A * B,
    {P * 0.5, Q - P, P + Q}.

in_try(X) ->
    try loop_in_try(1000, X, 0.0) of
        V -> V
    catch
        error:R -> {caught, R}
    end.

loop_in_try(0, _X, S) -> S;
loop_in_try(N, X, S) -> loop_in_try(N - 1, X * 1.001, S + X).

with_receive(0, S) -> S;
with_receive(N, S) ->
    self() ! {n, S},
    receive
        {n, V} -> with_receive(N - 1, V * 1.01)
    end.
