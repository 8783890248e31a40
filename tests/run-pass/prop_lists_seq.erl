-module(prop_lists_seq).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: lists:seq/2,3 over generated bounds and increments, with the error cases.

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
    Ts = many(300, 21, fun(S) -> {F, S1} = int(S, 21), {T, S2} = int(S1, 21), {I, S3} = int(S2, 9), {{F - 10, T - 10, I - 4}, S3} end),
    lists:foreach(fun({F, T, I}) ->
        io:format("~w ~w ~w: ~w ~w~n", [F, T, I, run(fun() -> lists:seq(F, T) end), run(fun() -> lists:seq(F, T, I) end)])
    end, Ts),
    io:format("~w~n", [[run(fun() -> lists:seq(A, B) end) || {A, B} <- [{1.0, 2}, {a, 2}, {1, b}, {5, 3}, {5, 4}]]]),
    io:format("~w~n", [[run(fun() -> lists:seq(A, B, C) end) || {A, B, C} <- [{1, 1, 0}, {1, 2, 0}, {1.0, 2, 1}, {3, 1, 1}, {1, 3, -1}, {1, 0, 1}]]]).
