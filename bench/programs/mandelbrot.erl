%% mandelbrot (Computer Language Benchmarks Game) on an N x N grid, 50 iterations,
%% escape radius 2. Instead of the PBM bitmap it prints {PointsInSet, Checksum}, where
%% Checksum sums (Y * N + X) mod 1000003 over the points in the set.
-module(mandelbrot).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    erlang:display(rows(0, N, 0, 0)).

rows(Y, N, Count, Sum) when Y >= N -> {Count, Sum};
rows(Y, N, Count, Sum) ->
    Ci = 2.0 * Y / N - 1.0,
    {C1, S1} = cols(0, Y, N, Ci, Count, Sum),
    rows(Y + 1, N, C1, S1).

cols(X, _Y, N, _Ci, Count, Sum) when X >= N -> {Count, Sum};
cols(X, Y, N, Ci, Count, Sum) ->
    Cr = 2.0 * X / N - 1.5,
    case in_set(50, 0.0, 0.0, Cr, Ci) of
        true -> cols(X + 1, Y, N, Ci, Count + 1, (Sum + Y * N + X) rem 1000003);
        false -> cols(X + 1, Y, N, Ci, Count, Sum)
    end.

in_set(0, _Zr, _Zi, _Cr, _Ci) -> true;
in_set(I, Zr, Zi, Cr, Ci) ->
    Tr = Zr * Zr, Ti = Zi * Zi,
    if
        Tr + Ti > 4.0 -> false;
        true -> in_set(I - 1, Tr - Ti + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci)
    end.
