-module(prop_proplists_lookup).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: proplists:lookup/2, lookup_all/2, is_defined/2, get_value/2,3, get_all_values/2, append_values/2, get_bool/2 on generated lists.

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

main(_) ->
    Ls = many(250, 173, fun(S) -> {L, S1} = plist(S), {K, S2} = key(S1), {{L, K}, S2} end),
    lists:foreach(fun({L, K}) ->
        io:format("~w ~w: ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [L, K, proplists:lookup(K, L), proplists:lookup_all(K, L), proplists:is_defined(K, L),
                   proplists:get_value(K, L), proplists:get_value(K, L, dflt), proplists:get_all_values(K, L),
                   proplists:append_values(K, L), proplists:get_bool(K, L)])
    end, Ls),
    io:format("~w~n", [[run(F) || F <- [fun() -> proplists:get_value(a, a) end, fun() -> proplists:lookup(a, [a | b]) end,
                                       fun() -> proplists:get_bool(a, x) end, fun() -> proplists:append_values(a, [{a, 1} | c]) end]]]).
