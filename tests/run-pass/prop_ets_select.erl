%% Property check of ets:select/2, select_count/2, select_delete/2, select_reverse/2 with generated match specifications (guards, bodies, '$_', '$$') on ordered_set tables.
-module(prop_ets_select).
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

guard(S) ->
    case r(S, 6) of
        0 -> [];
        1 -> [{'>', '$1', r(S bsr 3, 10)}];
        2 -> [{'andalso', {is_integer, '$2'}, {'=<', '$2', r(S bsr 3, 5)}}];
        3 -> [{'orelse', {'==', '$1', 3}, {'=:=', '$2', a}}];
        4 -> [{'>', {'+', '$1', '$2'}, 6}];
        _ -> [{is_atom, '$2'}]
    end.

body(S) ->
    case r(S, 5) of
        0 -> ['$_'];
        1 -> ['$$'];
        2 -> [{{'$2', '$1'}}];
        3 -> [{'*', '$1', 2}];
        _ -> [true]
    end.

main(_) ->
    cases(250, 311, fun(I, S) ->
        T = ets:new(t, [ordered_set]),
        {Objs, S1} = gl(S, r(S, 14), fun(X) -> {r(X, 15), case r(X bsr 3, 3) of 0 -> a; _ -> r(X bsr 5, 8) end} end),
        ets:insert(T, Objs),
        G = guard(S1), B = body(lcg(S1)),
        MS = [{{'$1', '$2'}, G, B}],
        io:format("~w ~w ~w ~w ~w~n", [I, MS, t(fun() -> ets:select(T, MS) end), t(fun() -> ets:select_reverse(T, MS) end),
                                     t(fun() -> ets:select_count(T, [{{'$1', '$2'}, G, [true]}]) end)]),
        io:format("  ~w ~w~n", [t(fun() -> ets:select_delete(T, [{{'$1', '$2'}, G, [true]}]) end), ets:tab2list(T)]),
        ets:delete(T)
    end).
