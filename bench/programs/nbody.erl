%% n-body (Computer Language Benchmarks Game), bodies as tuples in a list.
%% Prints {round(E0 * 1e9), round(E1 * 1e9)}: the energy before and after N steps.
-module(nbody).
-export([main/1]).

-define(PI, 3.141592653589793).
-define(SOLAR_MASS, (4 * ?PI * ?PI)).
-define(DPY, 365.24).

main([A]) ->
    N = list_to_integer(A),
    B0 = offset_momentum(bodies()),
    E0 = energy(B0),
    B1 = advance(N, B0),
    E1 = energy(B1),
    erlang:display({round(E0 * 1.0e9), round(E1 * 1.0e9)}).

bodies() ->
    [{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ?SOLAR_MASS},
     {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * ?DPY, 7.69901118419740425e-03 * ?DPY,
      -6.90460016972063023e-05 * ?DPY, 9.54791938424326609e-04 * ?SOLAR_MASS},
     {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * ?DPY, 4.99852801234917238e-03 * ?DPY,
      2.30417297573763929e-05 * ?DPY, 2.85885980666130812e-04 * ?SOLAR_MASS},
     {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * ?DPY, 2.37847173959480950e-03 * ?DPY,
      -2.96589568540237556e-05 * ?DPY, 4.36624404335156298e-05 * ?SOLAR_MASS},
     {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * ?DPY, 1.62824170038242295e-03 * ?DPY,
      -9.51592254519715870e-05 * ?DPY, 5.15138902046611451e-05 * ?SOLAR_MASS}].

offset_momentum(Bodies) ->
    {PX, PY, PZ} = momentum(Bodies, 0.0, 0.0, 0.0),
    [{X, Y, Z, _, _, _, M} | Rest] = Bodies,
    [{X, Y, Z, -PX / ?SOLAR_MASS, -PY / ?SOLAR_MASS, -PZ / ?SOLAR_MASS, M} | Rest].

momentum([], PX, PY, PZ) -> {PX, PY, PZ};
momentum([{_, _, _, VX, VY, VZ, M} | T], PX, PY, PZ) ->
    momentum(T, PX + VX * M, PY + VY * M, PZ + VZ * M).

energy([]) -> 0.0;
energy([{_, _, _, VX, VY, VZ, M} = B | T]) ->
    0.5 * M * (VX * VX + VY * VY + VZ * VZ) - potential(B, T) + energy(T).

potential(_, []) -> 0.0;
potential({X, Y, Z, _, _, _, M} = B, [{X2, Y2, Z2, _, _, _, M2} | T]) ->
    DX = X - X2, DY = Y - Y2, DZ = Z - Z2,
    M * M2 / math:sqrt(DX * DX + DY * DY + DZ * DZ) + potential(B, T).

advance(0, Bodies) -> Bodies;
advance(N, Bodies) -> advance(N - 1, move(velocities(Bodies))).

velocities([]) -> [];
velocities([B | T]) ->
    {B1, T1} = pair(B, T, []),
    [B1 | velocities(T1)].

pair(B, [], Acc) -> {B, rev(Acc, [])};
pair({X, Y, Z, VX, VY, VZ, M}, [{X2, Y2, Z2, VX2, VY2, VZ2, M2} | T], Acc) ->
    DX = X - X2, DY = Y - Y2, DZ = Z - Z2,
    D2 = DX * DX + DY * DY + DZ * DZ,
    Mag = 0.01 / (D2 * math:sqrt(D2)),
    MM2 = M2 * Mag, MM = M * Mag,
    pair({X, Y, Z, VX - DX * MM2, VY - DY * MM2, VZ - DZ * MM2, M}, T,
         [{X2, Y2, Z2, VX2 + DX * MM, VY2 + DY * MM, VZ2 + DZ * MM, M2} | Acc]).

move([]) -> [];
move([{X, Y, Z, VX, VY, VZ, M} | T]) ->
    [{X + 0.01 * VX, Y + 0.01 * VY, Z + 0.01 * VZ, VX, VY, VZ, M} | move(T)].

rev([], Acc) -> Acc;
rev([H | T], Acc) -> rev(T, [H | Acc]).
