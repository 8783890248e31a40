%% Property check of the errors the sets, ordsets, gb_sets and gb_trees functions raise for generated bad arguments (only the error class and reason, as OTP's).
-module(prop_sets_errors).
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

bad(S) -> element(r(S, 6) + 1, {a, 1, {x}, [a | b], <<>>, {set, 1}}).

main(_) ->
    cases(60, 431, fun(I, S) ->
        B = bad(S),
        io:format("~w ~w~n  ~w~n  ~w~n", [I, B,
            [t(fun() -> sets:F(B) end) || F <- [size, to_list, is_empty]] ++
            [t(fun() -> sets:is_element(1, B) end), t(fun() -> sets:add_element(1, B) end), t(fun() -> sets:union(B, sets:new()) end),
             t(fun() -> sets:from_list(B) end), t(fun() -> sets:fold(fun(_, A) -> A end, 0, B) end)],
            [t(fun() -> gb_sets:F(B) end) || F <- [size, to_list, is_empty, smallest, balance]] ++
            [t(fun() -> gb_trees:F(B) end) || F <- [size, to_list, is_empty, keys, smallest, balance]] ++
            [t(fun() -> gb_trees:lookup(1, B) end), t(fun() -> gb_sets:is_member(1, B) end), t(fun() -> gb_sets:from_list(B) end),
             t(fun() -> ordsets:from_list(B) end), t(fun() -> ordsets:union(B, []) end), t(fun() -> ordsets:is_element(1, B) end)]])
    end),
    T = gb_trees:from_orddict([{1, a}]), G = gb_sets:from_list([1]),
    io:format("~w~n", [[t(fun() -> gb_trees:get(2, T) end), t(fun() -> gb_trees:delete(2, T) end), t(fun() -> gb_trees:take(2, T) end),
                        t(fun() -> gb_sets:delete(2, G) end), t(fun() -> gb_sets:insert(1, G) end), t(fun() -> gb_trees:from_orddict(x) end)]]).
