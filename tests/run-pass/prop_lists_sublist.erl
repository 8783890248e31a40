-module(prop_lists_sublist).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: sublist/2,3, nth/2, nthtail/2, split/2, last/1, droplast/1 on generated lists and positions.

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
    Ts = many(300, 23, fun(S) -> {L, S1} = ilist(S, 8, 50), {A, S2} = int(S1, 11), {B, S3} = int(S2, 11), {{L, A - 1, B - 1}, S3} end),
    lists:foreach(fun({L, A, B}) ->
        io:format("~w ~w ~w: ~w ~w ~w ~w ~w ~w ~w~n",
                  [L, A, B, run(fun() -> lists:sublist(L, A) end), run(fun() -> lists:sublist(L, A, B) end),
                   run(fun() -> lists:nth(A, L) end), run(fun() -> lists:nthtail(A, L) end),
                   run(fun() -> lists:split(A, L) end), run(fun() -> lists:last(L) end),
                   run(fun() -> lists:droplast(L) end)])
    end, Ts).
