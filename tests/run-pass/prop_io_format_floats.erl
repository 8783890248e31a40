-module(prop_io_format_floats).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: io_lib:format ~e ~f ~g with precisions, widths and padding on generated floats.

%% Deterministic generator (an LCG; independent of rand's algorithm).
lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.
%% int(S, M): a value in 0..M-1 and the next seed.
int(S, M) -> S1 = lcg(S), {(S1 bsr 8) rem M, S1}.
%% many(N, S, G): N values of the generator G(S) -> {V, S1}.
many(0, _, _) -> [];
many(N, S, G) -> {V, S1} = G(S), [V | many(N - 1, S1, G)].
%% list(S, MaxLen, G): a list of 0..MaxLen values of G.
list(S, MaxLen, G) -> {Len, S1} = int(S, MaxLen + 1), lst(Len, S1, G, []).
lst(0, S, _, Acc) -> {Acc, S};
lst(N, S, G, Acc) -> {V, S1} = G(S), lst(N - 1, S1, G, [V | Acc]).
ilist(S, MaxLen, M) -> list(S, MaxLen, fun(X) -> int(X, M) end).
%% A mixed term of every kind (for order-sensitive functions).
term(S) ->
    {K, S1} = int(S, 9),
    {V, S2} = int(S1, 7),
    T = case K of
            0 -> V; 1 -> V - 3; 2 -> V / 2; 3 -> element(V rem 3 + 1, {a, b, c});
            4 -> {V rem 3}; 5 -> [V rem 2]; 6 -> <<V>>; 7 -> {V rem 2, a}; 8 -> []
        end,
    {T, S2}.
run(F) -> try F() catch C:R -> {C, R} end.
%% id(X): hides a literal argument from the compiler.
id(X) -> X.
%% A character from a small pool: letters, digits, blanks, separators, non-ASCII
%% (Latin-1, Greek, CJK, a combining accent, CR LF).
chr(S) ->
    {I, S1} = int(S, 24),
    {element(I + 1, {$a, $b, $c, $A, $B, $Z, $0, $7, $\s, $\s, $\t, $\n, $\r, $,, $-, $., $_,
                     16#e9, 16#df, 16#3a3, 16#3c3, 16#4e2d, 16#301, $x}), S1}.
str(S) -> list(S, 9, fun chr/1).

main(_) ->
    Fs = many(200, 113, fun(S) -> {M, S1} = int(S, 2000000), {E, S2} = int(S1, 40), {P, S3} = int(S2, 9), {Sg, S4} = int(S3, 2),
                                   {{(1 - 2 * Sg) * (M / 1000) * math:pow(10, E - 20), P + 2}, S4} end),
    lists:foreach(fun({F, P}) ->
        io:format("~s~n", [io_lib:format("~e|~f|~g|~.*e|~.*f|~.*g|~15.*e|~-15.*f|~15.*.*g|~.1f",
                                         [F, F, F, P, F, P, F, P, F, P, F, P, F, P, $_, F, F])])
    end, Fs),
    io:format("~s~n", [io_lib:format("~e|~f|~g|~.2e|~.1f|~.2g|~e|~f|~g", [0.0, 0.0, 0.0, 1.0e-300, 5.0e-324, 1.0e300, -0.0, 123456789.0, 0.1])]).
