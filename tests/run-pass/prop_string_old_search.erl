-module(prop_string_old_search).
-export([main/1]).
-compile([nowarn_unused_function]).

%% Property-style: the old string API: len/1, chr/2, rchr/2, str/2, rstr/2, span/2, cspan/2, concat/2.

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
    Ss = many(250, 97, fun(S) -> {A, S1} = str(S), {P, S2} = list(S1, 2, fun chr/1), {{A, P}, S2} end),
    lists:foreach(fun({S, P}) ->
        C = case P of [] -> $a; [H | _] -> H end,
        io:format("~w ~w: ~w ~w ~w ~w ~w ~w ~w ~w~n",
                  [S, P, string:len(S), string:chr(S, C), string:rchr(S, C), string:str(S, P), string:rstr(S, P),
                   string:span(S, "abc "), string:cspan(S, P), string:concat(S, P)])
    end, Ss),
    io:format("~w~n", [[run(F) || F <- [fun() -> string:len(a) end, fun() -> string:chr(a, $a) end,
                                       fun() -> string:str("abc", a) end, fun() -> string:concat(a, "b") end]]]).
