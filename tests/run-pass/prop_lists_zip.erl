-module(prop_lists_zip).
-export([main/1]).
-compile([nowarn_unused_function]).


%% Property-style: zip/2, zip3/3, unzip/1, unzip3/1, zipwith/3, zipwith3/4, including length mismatches.

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
    Ps = many(200, 17, fun(S) -> {A, S1} = ilist(S, 6, 10), {B, S2} = ilist(S1, 6, 10), {C, S3} = ilist(S2, 6, 10), {{A, B, C}, S3} end),
    lists:foreach(fun({A, B, C}) ->
        Z = run(fun() -> lists:zip(A, B) end),
        Z3 = run(fun() -> lists:zip3(A, B, C) end),
        W = run(fun() -> lists:zipwith(fun(X, Y) -> X * 10 + Y end, A, B) end),
        W3 = run(fun() -> lists:zipwith3(fun(X, Y, Q) -> X + Y + Q end, A, B, C) end),
        U = case Z of {_, _} when not is_list(Z) -> none; _ -> lists:unzip(Z) end,
        U3 = case Z3 of {_, _} when not is_list(Z3) -> none; _ -> lists:unzip3(Z3) end,
        io:format("~w ~w ~w ~w ~w ~w~n", [Z, Z3, W, W3, U, U3])
    end, Ps),
    io:format("~w~n", [[run(F) || F <- [fun() -> lists:unzip([{a}]) end, fun() -> lists:unzip3([{a, b}]) end,
                                       fun() -> lists:zip(a, b) end, fun() -> lists:unzip(a) end]]]).
