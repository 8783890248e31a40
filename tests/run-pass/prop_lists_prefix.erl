-module(prop_lists_prefix).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: prefix/2, suffix/2, join/2, duplicate/2, append/2, enumerate/1,2 on generated lists.

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
    Ps = many(250, 47, fun(S) -> {A, S1} = ilist(S, 6, 3), {B, S2} = ilist(S1, 6, 3), {N, S3} = int(S2, 5), {{A, B, N - 1}, S3} end),
    lists:foreach(fun({A, B, N}) ->
        io:format("~w ~w ~w: ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [A, B, N, lists:prefix(A, B), lists:suffix(A, B), lists:prefix(A, A ++ B), lists:suffix(B, A ++ B),
                   lists:join(x, A), run(fun() -> lists:duplicate(N, B) end), lists:enumerate(A),
                   run(fun() -> lists:enumerate(N, B) end)])
    end, Ps),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:prefix(a, [a]) end, fun() -> lists:suffix([a], a) end,
                                       fun() -> lists:join(x, a) end, fun() -> lists:duplicate(a, 1) end,
                                       fun() -> lists:enumerate(a) end, fun() -> lists:enumerate(a, [1]) end,
                                       fun() -> lists:join(x, [1 | b]) end]]]).
