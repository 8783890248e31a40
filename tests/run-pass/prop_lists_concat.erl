-module(prop_lists_concat).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: lists:concat/1 on generated atoms, integers, floats and strings, and append/1,2 of generated lists of lists.

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
%% A property list entry: an atom, {K, V} (V a boolean, integer or list), {K, V, W},
%% or a term that is not an entry.
key(S) -> {I, S1} = int(S, 5), {element(I + 1, {a, b, c, no_a, d}), S1}.
prop(S) ->
    {K, S1} = key(S),
    {I, S2} = int(S1, 9),
    {V, S3} = int(S2, 4),
    P = case I of
            0 -> K; 1 -> K; 2 -> {K, true}; 3 -> {K, false}; 4 -> {K, V};
            5 -> {K, [V]}; 6 -> {K, V, V}; 7 -> "x"; 8 -> {K}
        end,
    {P, S3}.
plist(S) -> list(S, 7, fun prop/1).
%% A binary over a small alphabet (so that patterns match often).
bbin(S) -> {L, S1} = list(S, 10, fun(X) -> {I, X1} = int(X, 4), {element(I + 1, {$a, $b, $c, 0}), X1} end), {list_to_binary(L), S1}.
bpat(S) -> {L, S1} = list(S, 2, fun(X) -> {I, X1} = int(X, 4), {element(I + 1, {$a, $b, $c, 0}), X1} end), {list_to_binary(L), S1}.

part(S) ->
    {K, S1} = int(S, 4),
    {V, S2} = int(S1, 1000),
    {case K of 0 -> V - 500; 1 -> V / 8; 2 -> list_to_atom([$a + V rem 26]); 3 -> integer_to_list(V, 16) end, S2}.

main(_) ->
    Ls = many(200, 379, fun(S) -> list(S, 5, fun part/1) end),
    lists:foreach(fun(L) ->
        Strs = [lists:concat([X]) || X <- L],
        io:format("~w ~s ~w ~w~n", [L, lists:concat(L), lists:append(Strs), lists:append(Strs, [end1])])
    end, Ls).
