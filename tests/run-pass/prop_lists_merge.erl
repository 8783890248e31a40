-module(prop_lists_merge).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: merge/1,2,3, merge3/3, umerge/1,2,3, umerge3/3, keymerge/3, ukeymerge/3 on generated sorted lists.

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

sorted(S) -> {L, S1} = ilist(S, 7, 12), {lists:sort(L), S1}.
usorted(S) -> {L, S1} = ilist(S, 7, 12), {lists:usort(L), S1}.
ksorted(S) -> {L, S1} = ilist(S, 6, 8), {lists:keysort(1, [{X, X rem 3} || X <- L]), S1}.

main(_) ->
    Ts = many(150, 5, fun(S) -> {A, S1} = sorted(S), {B, S2} = sorted(S1), {C, S3} = sorted(S2), {{A, B, C}, S3} end),
    lists:foreach(fun({A, B, C}) ->
        Rev = fun(X, Y) -> X >= Y end,
        io:format("~w ~w ~w ~w ~w~n", [lists:merge(A, B), lists:merge3(A, B, C), lists:merge([A, B, C]),
                                     lists:merge(Rev, lists:reverse(A), lists:reverse(B)),
                                     lists:umerge(Rev, lists:reverse(A), lists:reverse(C))])
    end, Ts),
    Us = many(150, 9, fun(S) -> {A, S1} = usorted(S), {B, S2} = usorted(S1), {C, S3} = usorted(S2), {{A, B, C}, S3} end),
    lists:foreach(fun({A, B, C}) ->
        io:format("~w ~w ~w~n", [lists:umerge(A, B), lists:umerge3(A, B, C), lists:umerge([A, B, C])])
    end, Us),
    Ks = many(100, 13, fun(S) -> {A, S1} = ksorted(S), {B, S2} = ksorted(S1), {{A, B}, S2} end),
    lists:foreach(fun({A, B}) ->
        io:format("~w ~w ~w~n", [lists:keymerge(1, A, B), lists:ukeymerge(1, A, B), lists:keymerge(2, lists:keysort(2, A), lists:keysort(2, B))])
    end, Ks),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:merge(a, []) end, fun() -> lists:merge([a]) end,
                                       fun() -> lists:umerge(x) end, fun() -> lists:keymerge(0, [], []) end,
                                       fun() -> lists:merge3([], [], b) end]]]).
