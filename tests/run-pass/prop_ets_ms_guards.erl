%% Property check of ets:select/2 with generated match specifications using guard BIFs and body expressions (element, size, abs, arithmetic, comparisons, type tests, const, tuples and lists in bodies) on ordered_set tables.
-module(prop_ets_ms_guards).
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

g(S) ->
    case r(S, 10) of
        0 -> {'>', {element, 1, '$2'}, r(S bsr 4, 4)};
        1 -> {'==', {size, '$2'}, 2};
        2 -> {'<', {abs, '$1'}, 3};
        3 -> {'=:=', {'rem', '$1', 2}, 0};
        4 -> {is_tuple, '$2'};
        5 -> {'not', {is_integer, '$2'}};
        6 -> {'>=', {'-', '$1', {const, 2}}, 0};
        7 -> {'andalso', {is_list, '$2'}, {'>', {length, '$2'}, 1}};
        8 -> {'orelse', {'==', '$1', -1}, {is_atom, '$2'}};
        _ -> {'=/=', {hd, '$2'}, 0}
    end.

b(S) ->
    case r(S, 6) of
        0 -> '$_';
        1 -> {{'$1', {'*', '$1', '$1'}}};
        2 -> ['$1', '$2'];
        3 -> {'+', '$1', 100};
        4 -> {const, {c, '$1'}};
        _ -> {{'$$', '$_'}}
    end.

v(S) ->
    case r(S, 4) of
        0 -> {r(S bsr 3, 5), x};
        1 -> [r(S bsr 3, 3), r(S bsr 5, 3)];
        2 -> r(S bsr 3, 7);
        _ -> element(r(S bsr 3, 2) + 1, {a, b})
    end.

main(_) ->
    cases(250, 461, fun(I, S) ->
        T = ets:new(t, [ordered_set]),
        {Objs, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 11) - 5, v(X bsr 4)} end),
        ets:insert(T, Objs),
        MS = [{{'$1', '$2'}, [g(S1)], [b(lcg(S1))]}, {{'$1', a}, [], [a]}],
        io:format("~w ~w ~w~n", [I, MS, t(fun() -> ets:select(T, MS) end)]),
        ets:delete(T)
    end).
