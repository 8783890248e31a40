-module(prop_lists_subtract).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: subtract/2, --, delete/2, member/2, reverse/1,2, uniq/1,2 on generated lists.

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
    Ps = many(250, 43, fun(S) -> {A, S1} = ilist(S, 8, 6), {B, S2} = ilist(S1, 5, 6), {{A, B}, S2} end),
    lists:foreach(fun({A, B}) ->
        X = case B of [] -> 0; [H | _] -> H end,
        io:format("~w ~w: ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [A, B, lists:subtract(A, B), A -- B, lists:delete(X, A), lists:member(X, A),
                   lists:reverse(A), lists:reverse(A, B), lists:uniq(A), lists:uniq(fun(E) -> E rem 3 end, A)])
    end, Ps),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:subtract(id(a), []) end, fun() -> lists:subtract([], id(a)) end,
                                       fun() -> lists:delete(a, b) end, fun() -> lists:member(a, b) end,
                                       fun() -> lists:reverse(a) end, fun() -> lists:reverse([1 | a]) end,
                                       fun() -> lists:reverse([1], a) end, fun() -> lists:uniq(a) end]]]).
