%% Property check of the badarg errors of the ets functions on deleted tables, bad table ids, bad objects, bad key positions and bad match specifications.
-module(prop_ets_errors).
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

main(_) ->
    Dead = ets:new(d, []), ets:delete(Dead),
    T = ets:new(t, [set, {keypos, 2}]),
    ets:insert(T, {a, 1, x}),
    Bads = [Dead, nonexistent_table_name, 1, {a}],
    cases(40, 463, fun(I, S) ->
        Tab = lists:nth(r(S, 4) + 1, Bads), K = r(S bsr 3, 3),
        io:format("~w ~w~n", [I, [t(fun() -> ets:lookup(Tab, K) end), t(fun() -> ets:insert(Tab, {K}) end), t(fun() -> ets:member(Tab, K) end),
                                  t(fun() -> ets:delete(Tab, K) end), t(fun() -> ets:first(Tab) end), t(fun() -> ets:tab2list(Tab) end),
                                  t(fun() -> ets:info(Tab) end), t(fun() -> ets:select(Tab, [{'_', [], ['$_']}]) end)]])
    end),
    io:format("~w~n", [[t(fun() -> ets:insert(T, O) end) || O <- [{a}, {}, a, [{a, 2}, {b}], [{x, y} | z]]]]),
    io:format("~w~n", [[t(fun() -> ets:new(x, O) end) || O <- [[{keypos, 0}], [bad_option], a, [{heir, x}]]]]),
    io:format("~w~n", [[t(fun() -> ets:select(T, MS) end) || MS <- [a, [a], [{'_', a, []}], [{'_', [], a}], [{'_', [{foo, '$1'}], ['$_']}], [{{'$1', '$2', '_'}, [], ['$3']}]]]]),
    io:format("~w~n", [[t(fun() -> ets:update_counter(T, K, U) end) || K <- [1, 2], U <- [1, {3, 1}, {1, 1}, {2, 1}, a]]]),
    io:format("~w~n", [[t(fun() -> ets:update_element(T, K, U) end) || K <- [1, 2], U <- [{3, z}, {2, 5}, {4, z}, a]]]),
    io:format("~w~n", [[t(fun() -> ets:next(T, K) end) || K <- [1, 2]]]),
    io:format("~w~n", [[t(fun() -> ets:lookup_element(T, K, P) end) || K <- [1, 2], P <- [0, 1, 3, 4]]]).
