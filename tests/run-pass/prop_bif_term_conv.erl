-module(prop_bif_term_conv).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: tuple_to_list/1, list_to_tuple/1, binary_to_list/1,3, list_to_binary/1, iolist_size/1, iolist_to_binary/1, bitstring_to_list/1 on generated terms.

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
%% A character from a small pool: letters, digits, blanks, separators, non-ASCII
%% (Latin-1, Greek, CJK, a combining accent, CR LF).
chr(S) ->
    {I, S1} = int(S, 24),
    {element(I + 1, {$a, $b, $c, $A, $B, $Z, $0, $7, $\s, $\s, $\t, $\n, $\r, $,, $-, $., $_,
                     16#e9, 16#df, 16#3a3, 16#3c3, 16#4e2d, 16#301, $x}), S1}.
str(S) -> list(S, 9, fun chr/1).

io(S, 0) -> int(S, 256);
io(S, D) ->
    {K, S1} = int(S, 4),
    case K of
        0 -> int(S1, 256);
        1 -> {L, S2} = ilist(S1, 4, 256), {list_to_binary(L), S2};
        _ -> list(S1, 3, fun(X) -> io(X, D - 1) end)
    end.

main(_) ->
    Is = many(250, 167, fun(S) -> list(S, 4, fun(X) -> io(X, 3) end) end),
    lists:foreach(fun(I) ->
        B = iolist_to_binary(I),
        N = byte_size(B),
        io:format("~w ~w ~w ~w ~w ~w ~w~n", [I, B, iolist_size(I), list_to_binary(I), binary_to_list(B),
                                            run(fun() -> binary_to_list(B, 2, N) end), list_to_tuple(binary_to_list(B))])
    end, Is),
    io:format("~w~n", [[run(F) || F <- [fun() -> iolist_size(id([a])) end, fun() -> list_to_binary(id([256])) end,
                                       fun() -> iolist_to_binary(id([1 | 2])) end, fun() -> list_to_binary(id([<<1>> | <<2>>])) end,
                                       fun() -> binary_to_list(id(<<1, 2>>), 2, 1) end, fun() -> binary_to_list(id(<<1, 2>>), 0, 1) end,
                                       fun() -> bitstring_to_list(id(<<1, 2:3>>)) end, fun() -> list_to_bitstring(id([<<1:1>>, 2])) end,
                                       fun() -> tuple_to_list(id(a)) end, fun() -> list_to_tuple(id([a | b])) end]]]).
