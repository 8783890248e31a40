-module(prop_lists_flatten).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: flatten/1,2, flatlength/1, append/1,2, concat/1 on generated deep lists.

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

deep(S, 0) -> int(S, 10);
deep(S, D) ->
    {K, S1} = int(S, 4),
    case K of
        0 -> int(S1, 10);
        1 -> {A, S2} = int(S1, 5), {list_to_atom([$a + A]), S2};
        _ -> list(S1, 4, fun(X) -> deep(X, D - 1) end)
    end.

main(_) ->
    Ds = many(250, 29, fun(S) -> list(S, 5, fun(X) -> deep(X, 3) end) end),
    lists:foreach(fun(D) ->
        io:format("~w: ~w ~w ~w ~w~n", [D, lists:flatten(D), lists:flatten(D, [end1]), lists:flatlength(D),
                                         run(fun() -> lists:append(D) end)])
    end, Ds),
    io:format("~w~n", [[lists:concat(X) || X <- [[], [a, 1, "bc", 2.5], [foo, 'B', -3, ""]]]]),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:flatten(a) end, fun() -> lists:flatten([a | b]) end,
                                       fun() -> lists:append(id(a), [b]) end, fun() -> lists:append([a], id(b)) end,
                                       fun() -> lists:concat([{a}]) end, fun() -> lists:flatlength(x) end]]]).
