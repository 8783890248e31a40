-module(prop_bif_integer_to_list).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: integer_to_list/1,2, integer_to_binary/1,2, list_to_integer/1,2, binary_to_integer/1,2 round trips in every base.

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

main(_) ->
    Ns = many(250, 149, fun(S) -> {A, S1} = int(S, 1000000000), {K, S2} = int(S1, 3), {B, S3} = int(S2, 35),
                                   {{case K of 0 -> A; 1 -> -A; 2 -> A * A * A end, B + 2}, S3} end),
    lists:foreach(fun({N, B}) ->
        L = integer_to_list(N, B), Bin = integer_to_binary(N, B),
        io:format("~w ~w ~s ~s ~w ~w ~w ~w~n", [N, B, L, Bin, list_to_integer(L, B), binary_to_integer(Bin, B),
                                               list_to_integer(integer_to_list(N)), binary_to_integer(integer_to_binary(N))])
    end, Ns),
    Bad = [{"", 10}, {"-", 10}, {"+", 10}, {"12a", 10}, {"1_0", 10}, {"z", 36}, {"Z", 36}, {"g", 16}, {" 1", 10}, {"+7", 8},
           {"-0", 2}, {"10", 1}, {"10", 37}, {"1.0", 10}, {"0x10", 16}],
    io:format("~w~n", [[{run(fun() -> list_to_integer(S, B) end), run(fun() -> binary_to_integer(list_to_binary(S), B) end)} || {S, B} <- Bad]]),
    io:format("~w~n", [[run(fun() -> integer_to_list(X, Y) end) || {X, Y} <- [{1, 1}, {1, 37}, {a, 10}, {1.0, 10}, {10, a}]]]),
    io:format("~w~n", [[run(fun() -> list_to_integer(X) end) || X <- [a, [$1 | $2], "1 ", [-1], <<"1">>]]]).
