%% Property check of queue against a list model: generated sequences of in/in_r/out/out_r/cons/snoc/drop/drop_r/split/join/reverse, the results and to_list/len after every step.
-module(prop_queue_model).
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

step(S, Q) ->
    X = r(S bsr 4, 100),
    case r(S, 10) of
        0 -> {ok, queue:in(X, Q)};
        1 -> {ok, queue:in_r(X, Q)};
        2 -> queue:out(Q);
        3 -> queue:out_r(Q);
        4 -> {ok, queue:cons(X, Q)};
        5 -> {ok, queue:snoc(Q, X)};
        6 -> {ok, try queue:drop(Q) catch error:empty -> Q end};
        7 -> {ok, try queue:drop_r(Q) catch error:empty -> Q end};
        8 -> N = r(S bsr 4, queue:len(Q) + 1), {Q1, Q2} = queue:split(N, Q), {ok, queue:join(Q2, Q1)};
        _ -> {ok, queue:reverse(Q)}
    end.

main(_) ->
    cases(150, 419, fun(I, S) ->
        {Ops, _} = gl(S, 10, fun(X) -> X end),
        {Tr, Q} = lists:mapfoldl(fun(X, Q0) -> {R, Q1} = step(X, Q0), {{R, queue:to_list(Q1)}, Q1} end, queue:new(), Ops),
        io:format("~w ~w ~w~n", [I, Tr, {queue:len(Q), queue:is_empty(Q), Q}])
    end).
