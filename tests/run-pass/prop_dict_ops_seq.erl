%% Property check of dict and orddict under generated sequences of store/erase/append/update_counter/take, printing the small dict (OTP's record form) and the orddict after each sequence.
-module(prop_dict_ops_seq).
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

step(S, {D, O}) ->
    K = term(S bsr 3),
    case r(S, 5) of
        0 -> {dict:erase(K, D), orddict:erase(K, O)};
        1 -> {dict:append(K, x, D), orddict:append(K, x, O)};
        2 -> {dict:update_counter({c, K}, 2, D), orddict:update_counter({c, K}, 2, O)};
        3 -> {case dict:take(K, D) of error -> D; {_, D2} -> D2 end, case orddict:take(K, O) of error -> O; {_, O2} -> O2 end};
        _ -> {dict:store(K, [r(S, 9)], D), orddict:store(K, [r(S, 9)], O)}
    end.

main(_) ->
    cases(150, 557, fun(I, S) ->
        {Ops, _} = gl(S, 8, fun(X) -> X end),
        {D, O} = lists:foldl(fun step/2, {dict:new(), orddict:new()}, Ops),
        io:format("~w ~w~n  ~w~n", [I, D, O])
    end).
