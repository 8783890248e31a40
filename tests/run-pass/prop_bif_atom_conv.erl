-module(prop_bif_atom_conv).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: atom_to_list/1, atom_to_binary/1,2, list_to_atom/1, binary_to_atom/2, list_to_existing_atom/1, number_to_list conversions.

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

achr(S) -> {I, S1} = int(S, 8), {element(I + 1, {$a, $b, $Z, $_, $1, $\s, 16#e9, 16#3a3}), S1}.

main(_) ->
    Ss = many(250, 163, fun(S) -> list(S, 6, fun achr/1) end),
    lists:foreach(fun(S) ->
        A = list_to_atom(S),
        io:format("~w ~w ~w ~w ~w ~w~n", [A, atom_to_list(A), atom_to_binary(A), run(fun() -> atom_to_binary(A, latin1) end),
                                         binary_to_atom(atom_to_binary(A), utf8), list_to_existing_atom(S)])
    end, Ss),
    io:format("~w~n", [[run(F) || F <- [fun() -> list_to_existing_atom("no_such_atom_xyzzy_1") end, fun() -> list_to_atom(id(a)) end,
                                       fun() -> binary_to_atom(id(<<255>>), utf8) end, fun() -> binary_to_atom(<<255>>, latin1) end,
                                       fun() -> list_to_atom(id(lists:duplicate(256, $a))) end, fun() -> atom_to_list(id("a")) end,
                                       fun() -> list_to_atom(id([16#110000])) end]]]).
