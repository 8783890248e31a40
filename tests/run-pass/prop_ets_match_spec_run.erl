%% Property check of ets:match_spec_compile/1, match_spec_run/2 and is_compiled_ms/1 on generated lists of tuples with generated match specifications, with the errors for bad specs.
-module(prop_ets_match_spec_run).
-export([main/1]).
-compile([nowarn_unused_function]).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

r(S, N) -> (S bsr 8) rem N.

%% Len values G(State) over successive generator states; {List, NextState}.
gl(S, Len, G) -> gl(S, Len, G, []).
gl(S, 0, _, A) -> {lists:reverse(A), S};
gl(S, N, G, A) -> S1 = lcg(S), gl(S1, N - 1, G, [G(S1) | A]).

%% F(I, State) for I in 1..N, each case with its own state.
cases(N, S, F) -> cases(1, N, S, F).
cases(I, N, _, _) when I > N -> ok;
cases(I, N, S, F) -> S1 = lcg(S), F(I, S1), cases(I + 1, N, lcg(lcg(S1)), F).

t(F) -> try F() catch C:R -> {C, R} end.

%% A term of mixed type (numbers, atoms, tuples, lists, binaries).
term(S) ->
    case r(S, 8) of
        0 -> r(S bsr 3, 20);
        1 -> element(r(S bsr 5, 4) + 1, {a, b, c, d});
        2 -> r(S bsr 4, 10) / 4;
        3 -> {r(S bsr 6, 3)};
        4 -> [r(S bsr 7, 3)];
        5 -> -r(S bsr 2, 9);
        6 -> <<(r(S bsr 9, 3))>>;
        _ -> r(S bsr 3, 5) * 1.0
    end.

%% A float of varied magnitude and sign.
flt(S) ->
    M = (S bsr 3) rem 100000 / 1000,
    X = case r(S, 5) of 0 -> M; 1 -> -M; 2 -> M / 100; 3 -> M * 1000; _ -> -M / 10 end,
    X.

ms(S) ->
    G = case r(S, 4) of 0 -> []; 1 -> [{'>', '$2', r(S bsr 3, 5)}]; 2 -> [{is_atom, '$1'}]; _ -> [{'=:=', '$1', '$2'}] end,
    B = case r(S bsr 5, 4) of 0 -> '$_'; 1 -> '$$'; 2 -> {{'$2', '$1'}}; _ -> {'+', '$2', 1} end,
    [{{'$1', '$2'}, G, [B]}, {{'$1'}, [], [one]}].

main(_) ->
    cases(250, 599, fun(I, S) ->
        {L, S1} = gl(S, r(S, 10), fun(X) -> case r(X, 4) of 0 -> {r(X bsr 3, 4)}; 1 -> {a, r(X bsr 3, 5)}; 2 -> {r(X bsr 3, 5), r(X bsr 6, 5)}; _ -> {x, y, z} end end),
        MS = ms(S1),
        C = ets:match_spec_compile(MS),
        io:format("~w ~w ~w ~w~n", [I, L, MS, t(fun() -> ets:match_spec_run(L, C) end)])
    end),
    io:format("~w~n", [[t(fun() -> ets:match_spec_compile(X) end) || X <- [a, [a], [{'_', a, []}], [{{'$1'}, [], ['$2']}]]]]),
    io:format("~w~n", [[ets:is_compiled_ms(X) || X <- [a, [], [{'_', [], [true]}]]] ++ [ets:is_compiled_ms(ets:match_spec_compile([{'_', [], [true]}]))]]).
