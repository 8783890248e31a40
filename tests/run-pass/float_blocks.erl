%% Straight-line runs of float arithmetic on values of unknown type (tuple fields,
%% list elements), which the code generator compiles as one speculative block (every
%% input tested once, one finiteness check, one heap check for the boxed results and
%% the tuples and cons cells after them) with the generic code as its fallback: integers
%% and bignums mixed in, non-numbers, overflow to inf, division by zero, NaN, -0.0, big
%% tuples of floats, and collections in the middle of a block.
-module(float_blocks).
-export([main/1]).

main(_) ->
    Bodies = [{1.0, 2.0, 3.0, 0.5, 0.25, 0.125, 10.0},
              {4.0, -1.5, 0.75, -0.5, 0.0, 1.0, 2.0},
              {2, 3, 4, 1, 1, 1, 3},
              {1 bsl 62, 1.0, 0.5, 0.0, 0.0, 0.0, 1.0e-3},
              {-2.5, 7, 3.25, -0.0, 0.0, -0.0, 1}],
    io:format("~p~n", [step(Bodies)]),
    io:format("~p~n", [iterate(200, Bodies)]),
    %% Integers only: the results stay integers.
    io:format("~p~n", [mix({3, 4, 5}, {1, 1, 1})]),
    io:format("~p~n", [mix({3, 4.0, 5}, {1, 1, 1})]),
    io:format("~p~n", [mix({1 bsl 70, 4, 5}, {1, 1.5, 1})]),
    %% (-0.0 made at run time: OTP 25's compiler merges literals that compare equal,
    %% -0.0 into 0.0.)
    N0 = zero() * -1.0,
    io:format("~p~n", [{N0, 0.0 - N0, zero() - 0.0}]),
    io:format("~p~n", [mix({N0, 0.0, N0}, {0.0, N0, 0.0})]),
    io:format("~p~n", [mix({N0, N0, N0}, {N0, N0, N0})]),
    io:format("~p~n", [mix({N0, N0, 0.0}, {0.0, 0.0, N0})]),
    io:format("~p~n", [[catch_all(fun() -> mix(A, B) end)
                        || {A, B} <- [{{1.0, x, 2.0}, {1.0, 1.0, 1.0}},
                                      {{1.0, 2.0, 3.0}, {1.0, 2.0, [1]}},
                                      {{1.0e200, 1.0, 1.0}, {-1.0e200, 1.0, 1.0}},
                                      {{1.0e300, 1.0e300, 1.0}, {1.0, 1.0, 1.0}},
                                      {{1 bsl 1100, 1.0, 1.0}, {1.0, 1.0, 1.0}},
                                      {{1.0, 2.0, 3.0}, {1.0, 2.0, 3.0}}]]]),
    %% Division: by zero, by -0.0, 0/0, by an integer zero, a huge quotient.
    io:format("~p~n", [[catch_all(fun() -> ratio(A, B, C) end)
                        || {A, B, C} <- [{1.0, 2.0, 4.0}, {1.0, 0.0, 1.0}, {1.0, -0.0, 1.0},
                                         {0.0, 0.0, 0.0}, {1.0, 0, 2.0}, {3, 4, 5},
                                         {6, 3, 2}, {1.0e300, 1.0e-300, 1.0},
                                         {-0.0, 1.0, 1.0}, {1.0, 1.0e-300, 1.0e300},
                                         {1.0, 2.0, a}]]]),
    %% sqrt: negative (NaN), -0.0, integers, a non-number.
    io:format("~p~n", [[catch_all(fun() -> norm(V) end)
                        || V <- [{3.0, 4.0, 0.0}, {-0.0, -0.0, -0.0}, {3, 4, 12},
                                 {1.0e200, 1.0e200, 0.0}, {1.0e-200, 1.0e-200, 0.0},
                                 {1.0, b, 2.0}, {1 bsl 80, 0.0, 0.0}]]]),
    io:format("~p~n", [[catch_all(fun() -> root(X) end) || X <- [4.0, -4.0, -0.0, 9, x]]]),
    %% An overflow whose inf only feeds a divisor (1 / inf is finite): still badarith.
    io:format("~p~n", [[catch_all(fun() -> hidden_inf(X) end) || X <- [2.0, 1.0e200]]]),
    io:format("~p~n", [big(list_to_tuple([float(I) / 3 || I <- lists:seq(1, 20)]))]),
    io:format("~p~n", [big(list_to_tuple(lists:seq(1, 20)))]),
    io:format("~p~n", [catch_all(fun() -> big(list_to_tuple(lists:seq(1, 19) ++ [z])) end)]),
    %% A block inside a try body; errors in it caught there.
    %% (Not {1.0e300, 0.5}: OTP 25 names erlang:'*'/2 for Y's overflow, ferl in_try/2,
    %% with or without blocks: its float-typed arithmetic always names the function.)
    io:format("~p~n", [[in_try(A, B) || {A, B} <- [{1.5, 2.0}, {2, 3}, {1.0e300, 1.0e10},
                                                   {1.5, nope}]]]),
    %% Finite results whose sum overflows (the block's check fails; same results).
    io:format("~p~n", [[catch_all(fun() -> two_big(V) end)
                        || V <- [{1.0e308, 1.0e308}, {-1.0e308, -1.0e308}, {1.0e308, 1}]]]),
    %% A collection between reading the fields and the arithmetic on them.
    io:format("~p~n", [[catch_all(fun() -> gc_between(V) end)
                        || V <- [{1.5, 2.5, 3.5}, {1, 2, 3}, {1.5, 2, x}]]]),
    io:format("~p~n", [lists:last([gc_between({float(I), 0.5, 0.25})
                                   || I <- lists:seq(1, 5000)])]),
    %% Many collections while blocks allocate.
    io:format("~p~n", [churn(30000, {0.5, 0.25, 0.125}, [])]),
    io:format("~p~n", [moves(lists:duplicate(300, {1.0, 2.0, 3.0, 0.5, -0.5, 0.25, 1.0}), 50)]),
    ok.

catch_all(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            [{M, Fn, A, _Loc} | _] = St,
            {C, R, {M, Fn, arity(A)}}
    end.

zero() -> 0.0.

arity(A) when is_list(A) -> length(A);
arity(A) -> A.

%% nbody's inner loop.
step([]) -> [];
step([B | T]) ->
    {B1, T1} = pair(B, T, []),
    [B1 | step(T1)].

pair(B, [], Acc) -> {B, lists:reverse(Acc)};
pair({X, Y, Z, VX, VY, VZ, M}, [{X2, Y2, Z2, VX2, VY2, VZ2, M2} | T], Acc) ->
    DX = X - X2, DY = Y - Y2, DZ = Z - Z2,
    D2 = DX * DX + DY * DY + DZ * DZ,
    Mag = 0.01 / (D2 * math:sqrt(D2)),
    MM2 = M2 * Mag, MM = M * Mag,
    pair({X, Y, Z, VX - DX * MM2, VY - DY * MM2, VZ - DZ * MM2, M}, T,
         [{X2, Y2, Z2, VX2 + DX * MM, VY2 + DY * MM, VZ2 + DZ * MM, M2} | Acc]).

iterate(0, Bodies) -> Bodies;
iterate(N, Bodies) -> iterate(N - 1, move(step(Bodies))).

move([]) -> [];
move([{X, Y, Z, VX, VY, VZ, M} | T]) ->
    [{X + 0.01 * VX, Y + 0.01 * VY, Z + 0.01 * VZ, VX, VY, VZ, M} | move(T)].

mix({A1, A2, A3}, {B1, B2, B3}) ->
    D1 = A1 - B1, D2 = A2 - B2, D3 = A3 - B3,
    S = D1 * D1 + D2 * D2 + D3 * D3,
    P = D1 * D2 * D3,
    {S, P, [D1, D2, D3]}.

ratio(A, B, C) ->
    Q = A / B,
    R = Q * C + B,
    {Q, R, R - Q}.

norm({X, Y, Z}) ->
    N = math:sqrt(X * X + Y * Y + Z * Z),
    {N, X / (N + 1.0), Y - N}.

root(X) ->
    R = math:sqrt(X),
    {R, R * R - X}.

hidden_inf(X) ->
    Big = X * 1.0e200,
    Small = 1.0 / Big,
    {Small * 2.0, Small + 1.0}.

big({A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T}) ->
    S1 = A + B * C - D / E,
    S2 = F * G + H * I - J * K,
    S3 = L - M + N * O / P,
    S4 = Q * R + S * T,
    {S1, S2, S3, S4, S1 * S2 + S3 * S4, [S1, S2 | {S3, S4}]}.

in_try(A, B) ->
    try
        X = A * 1.0 * B,
        Y = X * A - B,
        Z = Y / X,
        {X, Y, Z}
    catch
        error:badarith:St ->
            [{M, F, Ar, _} | _] = St,
            {caught, M, F, arity(Ar)}
    end.

two_big({A, B}) ->
    X = A * 1.5,
    Y = B * 1.5 - 0.0,
    {X, Y}.

gc_between({A, B, C}) ->
    L = [A, B, {A, C}],
    S = A * B + C * A,
    {L, S, S * B - C}.

churn(0, V, Acc) -> {V, length(Acc), lists:sublist(Acc, 3)};
churn(N, {X, Y, Z}, Acc) ->
    X1 = X * 0.999 + Y * 0.001,
    Y1 = Y * 0.998 + Z * 0.002,
    Z1 = Z * 0.997 + X * 0.003,
    V = {X1, Y1, Z1},
    Acc1 = case N rem 100 of
               0 -> [V | Acc];
               _ -> Acc
           end,
    churn(N - 1, V, Acc1).

moves(Bodies, 0) -> {length(Bodies), hd(Bodies), lists:last(Bodies)};
moves(Bodies, N) -> moves(move(Bodies), N - 1).
