-module(prop_lists_keysort).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: lists:keysort/2, ukeysort/2 (stability, duplicate keys) on generated tuple lists.

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

tup(S) -> {A, S1} = int(S, 5), {B, S2} = int(S1, 4), {C, S3} = term(S2), {{A, B, C}, S3}.

main(_) ->
    Ls = many(200, 3, fun(S) -> list(S, 9, fun tup/1) end),
    lists:foreach(fun(L) ->
        io:format("~w~n ~w ~w~n ~w ~w~n", [L, lists:keysort(1, L), lists:keysort(2, L),
                                          lists:ukeysort(1, L), lists:ukeysort(3, L)])
    end, Ls),
    io:format("~w~n", [[run(fun() -> lists:keysort(N, X) end) || {N, X} <- [{0, [{a}]}, {2, [{a}]}, {1, a}, {a, []}, {1, [a]}]]]),
    io:format("~w~n", [[run(fun() -> lists:ukeysort(N, X) end) || {N, X} <- [{0, [{a}]}, {2, [{a}, {b}]}, {1, [{b}, {a}, a]}]]]).
