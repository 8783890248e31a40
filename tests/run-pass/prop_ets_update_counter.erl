%% Property check of ets:update_counter/3,4 in every form (increment, {Pos, Incr}, {Pos, Incr, Threshold, SetValue}, lists of them, default objects) on set and ordered_set tables, with the errors.
-module(prop_ets_update_counter).
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

upd(S) ->
    case r(S, 5) of
        0 -> r(S bsr 3, 11) - 5;
        1 -> {2 + r(S bsr 3, 2), r(S bsr 5, 11) - 5};
        2 -> {2 + r(S bsr 3, 2), r(S bsr 5, 11) - 5, r(S bsr 9, 10) - 3, r(S bsr 12, 7)};
        3 -> [{2, 1}, {3, -1, 0, 9}, {2, 2}];
        _ -> {r(S bsr 3, 5), 1}
    end.

main(_) ->
    cases(250, 449, fun(I, S) ->
        Type = element(r(S, 2) + 1, {set, ordered_set}),
        T = ets:new(t, [Type]),
        ets:insert(T, [{K, K, K * 2, x} || K <- lists:seq(0, 3)]),
        {Rs, _} = gl(S, 6, fun(X) ->
                                   K = r(X bsr 2, 6), U = upd(X bsr 4),
                                   case r(X, 3) of
                                       0 -> t(fun() -> ets:update_counter(T, K, U, {K, 10, 20, y}) end);
                                       _ -> t(fun() -> ets:update_counter(T, K, U) end)
                                   end
                           end),
        io:format("~w ~w ~w ~w~n", [I, Type, Rs, lists:sort(ets:tab2list(T))]),
        ets:delete(T)
    end).
