-module(prop_lists_keyops).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: keyfind/3, keymember/3, keysearch/3, keydelete/3, keyreplace/4, keystore/4, keytake/3, keymap/3.

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

tup(S) -> {A, S1} = int(S, 6), {B, S2} = int(S1, 3), {{A, B}, S2}.

main(_) ->
    Ls = many(250, 41, fun(S) -> {L, S1} = list(S, 7, fun tup/1), {K, S2} = int(S1, 6), {N, S3} = int(S2, 3), {{L, K, N + 1}, S3} end),
    lists:foreach(fun({L, K, N}) ->
        io:format("~w ~w ~w: ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [L, K, N, run(fun() -> lists:keyfind(K, N, L) end), run(fun() -> lists:keymember(K, N, L) end),
                   run(fun() -> lists:keysearch(K, N, L) end), run(fun() -> lists:keydelete(K, N, L) end),
                   run(fun() -> lists:keyreplace(K, N, L, {new}) end), run(fun() -> lists:keystore(K, N, L, {new, K}) end),
                   run(fun() -> lists:keytake(K, N, L) end), run(fun() -> lists:keymap(fun(X) -> {X} end, N, L) end)])
    end, Ls),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:keyfind(a, 0, []) end, fun() -> lists:keyfind(a, 1, b) end,
                                       fun() -> lists:keydelete(a, 0, []) end, fun() -> lists:keyreplace(a, 1, [{a}], b) end,
                                       fun() -> lists:keystore(a, 1, [], b) end, fun() -> lists:keymember(a, x, []) end,
                                       fun() -> lists:keyfind(a, 1, [x, {a}]) end]]]).
