-module(prop_lists_filter).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: filter/2, partition/2, filtermap/2, zf/2, flatmap/2, splitwith/2, takewhile/2, dropwhile/2, all/2, any/2.

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
    Ls = many(250, 37, fun(S) -> ilist(S, 10, 12) end),
    lists:foreach(fun(L) ->
        P = fun(X) -> X rem 3 =/= 0 end,
        FM = fun(X) when X rem 4 =:= 0 -> false; (X) when X rem 4 =:= 1 -> true; (X) -> {true, X * 2} end,
        io:format("~w ~w ~w ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [lists:filter(P, L), lists:partition(P, L), lists:filtermap(FM, L), lists:zf(FM, L),
                   lists:flatmap(fun(X) -> lists:duplicate(X rem 3, X) end, L),
                   lists:splitwith(P, L), lists:takewhile(P, L), lists:dropwhile(P, L),
                   lists:all(P, L), lists:any(P, L), lists:search(fun(X) -> X > 8 end, L)])
    end, Ls),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:filter(fun(_) -> true end, a) end,
                                       fun() -> lists:partition(fun(_) -> x end, [1]) end,
                                       fun() -> lists:all(fun(_) -> true end, a) end,
                                       fun() -> lists:any(fun(_) -> false end, [1 | b]) end,
                                       fun() -> lists:filtermap(fun(_) -> x end, [1]) end,
                                       fun() -> lists:takewhile(fun(_) -> true end, z) end]]]).
