%% spectral-norm (Computer Language Benchmarks Game), vectors as lists.
%% Prints round(Norm * 1e9).
-module(spectral_norm).
-export([main/1]).

main([A]) ->
    N = list_to_integer(A),
    U0 = ones(N),
    {U, V} = iterate(10, U0, U0, N),
    VBV = dot(U, V, 0.0),
    VV = dot(V, V, 0.0),
    erlang:display(round(math:sqrt(VBV / VV) * 1.0e9)).

ones(0) -> [];
ones(N) -> [1.0 | ones(N - 1)].

%% 10 rounds of: V = AtA U; U = AtA V (as the reference program does).
iterate(0, U, V, _N) -> {U, V};
iterate(K, U, _, N) ->
    V = mul_atav(U, N),
    iterate(K - 1, mul_atav(V, N), V, N).

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

mul_av(U, N) -> [row_av(I, U, 0, 0.0) || I <- seq(0, N - 1)].
row_av(_I, [], _J, S) -> S;
row_av(I, [X | T], J, S) -> row_av(I, T, J + 1, S + a(I, J) * X).

mul_atv(U, N) -> [row_atv(I, U, 0, 0.0) || I <- seq(0, N - 1)].
row_atv(_I, [], _J, S) -> S;
row_atv(I, [X | T], J, S) -> row_atv(I, T, J + 1, S + a(J, I) * X).

mul_atav(U, N) -> mul_atv(mul_av(U, N), N).

dot([], [], S) -> S;
dot([X | T], [Y | T2], S) -> dot(T, T2, S + X * Y).

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].
