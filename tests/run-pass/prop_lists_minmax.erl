-module(prop_lists_minmax).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: min/1, max/1, sum/1, last/1, flatlength/1 and length on generated mixed lists.

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

main(_) ->
    Ls = many(300, 53, fun(S) -> list(S, 8, fun term/1) end),
    lists:foreach(fun(L) ->
        Nums = [X || X <- L, is_number(X)],
        io:format("~w: ~w ~w ~w ~w~n", [L, run(fun() -> lists:min(L) end), run(fun() -> lists:max(L) end),
                                          run(fun() -> lists:sum(Nums) end), run(fun() -> lists:last(L) end)])
    end, Ls),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:sum([1, a]) end, fun() -> lists:sum(a) end,
                                       fun() -> lists:min(a) end, fun() -> lists:max([1 | a]) end,
                                       fun() -> lists:sum([1.5, 2 | 3]) end]]]).
