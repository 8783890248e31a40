%% Property check of the {Rear, Front} split of long queues: generated runs of in/in_r/out/out_r/drop/drop_r/peek on queues of up to 120 elements, printing both side lengths after every step.
-module(prop_queue_long_shapes).
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
    case r(S, 7) of
        0 -> queue:in(r(S bsr 3, 9), Q);
        1 -> queue:in_r(r(S bsr 3, 9), Q);
        2 -> element(2, queue:out(Q));
        3 -> element(2, queue:out_r(Q));
        4 -> try queue:drop(Q) catch error:empty -> Q end;
        5 -> try queue:drop_r(Q) catch error:empty -> Q end;
        _ -> _ = queue:peek(Q), queue:tail(queue:cons(x, Q))
    end.

main(_) ->
    cases(150, 547, fun(I, S) ->
        Q0 = case r(S, 3) of 0 -> queue:from_list(lists:seq(1, r(S bsr 2, 120))); 1 -> lists:foldl(fun queue:in/2, queue:new(), lists:seq(1, r(S bsr 2, 120))); _ -> lists:foldl(fun queue:in_r/2, queue:new(), lists:seq(1, r(S bsr 2, 60))) end,
        {Ops, _} = gl(S, 14, fun(X) -> X end),
        {Tr, Q} = lists:mapfoldl(fun(X, A) -> B = step(X, A), {R, F} = B, {{length(R), length(F)}, B} end, Q0, Ops),
        io:format("~w ~w ~w ~w~n", [I, Tr, queue:len(Q), queue:to_list(Q) =:= element(2, Q) ++ lists:reverse(element(1, Q))])
    end).
