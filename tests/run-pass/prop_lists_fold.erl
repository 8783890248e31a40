-module(prop_lists_fold).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: foldl/3, foldr/3, mapfoldl/3, mapfoldr/3, map/2, foreach/2 on generated lists.

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
    Ls = many(250, 31, fun(S) -> ilist(S, 9, 30) end),
    lists:foreach(fun(L) ->
        put(acc, []),
        lists:foreach(fun(X) -> put(acc, [X * 2 | get(acc)]) end, L),
        io:format("~w ~w ~w ~w ~w ~w~n",
                  [lists:foldl(fun(X, A) -> [X | A] end, [], L), lists:foldr(fun(X, A) -> A * 3 + X end, 1, L),
                   lists:mapfoldl(fun(X, A) -> {X + A, A + 1} end, 0, L),
                   lists:mapfoldr(fun(X, A) -> {{X, A}, A + X} end, 0, L),
                   lists:map(fun(X) -> X rem 7 end, L), get(acc)])
    end, Ls),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:foldl(fun(_, _) -> x end, 0, a) end,
                                       fun() -> lists:map(fun(X) -> X end, [a | b]) end,
                                       fun() -> lists:foldr(a, 0, [1]) end,
                                       fun() -> lists:mapfoldl(fun(X, A) -> {X, A} end, 0, x) end,
                                       fun() -> lists:foreach(fun(X) -> X end, y) end]]]).
