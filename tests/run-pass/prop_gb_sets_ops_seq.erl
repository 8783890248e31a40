%% Property check of gb_sets under generated sequences of add/insert/delete_any/del_element/take_smallest/take_largest/balance/filter, printing the set (OTP's tree shape) after the sequence and the sizes after every step.
-module(prop_gb_sets_ops_seq).
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

step(S, T) ->
    X = r(S bsr 3, 20),
    case r(S, 8) of
        0 -> gb_sets:delete_any(X, T);
        1 -> case gb_sets:is_empty(T) of true -> T; false -> element(2, gb_sets:take_smallest(T)) end;
        2 -> case gb_sets:is_empty(T) of true -> T; false -> element(2, gb_sets:take_largest(T)) end;
        3 -> gb_sets:balance(T);
        4 -> case gb_sets:is_member(X, T) of true -> gb_sets:del_element(X, T); false -> gb_sets:insert(X, T) end;
        5 -> gb_sets:filter(fun(E) -> E =/= X end, T);
        _ -> gb_sets:add(X, T)
    end.

main(_) ->
    cases(200, 569, fun(I, S) ->
        {Ops, _} = gl(S, 12, fun(X) -> X end),
        {Tr, T} = lists:mapfoldl(fun(X, A) -> B = step(X, A), {gb_sets:size(B), B} end, gb_sets:new(), Ops),
        io:format("~w ~w ~w~n", [I, Tr, T])
    end).
