-module(stdlib_queue).
-export([main/1]).

%% Property-style check of every queue export: random operation sequences (a tiny LCG)
%% print each intermediate queue (its internal shape is visible to ~p, so it must equal
%% OTP's), plus the errors for bad arguments and empty queues.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

op(S, Q) ->
    X = S rem 7,
    case (S div 7) rem 30 of
        0 -> queue:in(X, Q);
        1 -> queue:in_r(X, Q);
        2 -> queue:out(Q);
        3 -> queue:out_r(Q);
        4 -> queue:get(Q);
        5 -> queue:get_r(Q);
        6 -> queue:peek(Q);
        7 -> queue:peek_r(Q);
        8 -> queue:drop(Q);
        9 -> queue:drop_r(Q);
        10 -> queue:reverse(Q);
        11 -> queue:join(Q, queue:from_list(lists:seq(1, X)));
        12 -> queue:split(X, Q);
        13 -> queue:filter(fun(Y) -> Y rem 2 =:= 0 end, Q);
        14 -> queue:filter(fun(Y) when Y > 3 -> [Y, Y * 10]; (Y) -> Y > 1 end, Q);
        15 -> queue:filtermap(fun(Y) when Y > 4 -> {true, Y + 100}; (Y) -> Y rem 3 =/= 0 end, Q);
        16 -> queue:fold(fun(Y, A) -> [Y | A] end, [], Q);
        17 -> {queue:any(fun(Y) -> Y > 5 end, Q), queue:all(fun(Y) -> Y > 0 end, Q)};
        18 -> queue:delete(X, Q);
        19 -> queue:delete_r(X, Q);
        20 -> queue:delete_with(fun(Y) -> Y > X end, Q);
        21 -> queue:delete_with_r(fun(Y) -> Y > X end, Q);
        22 -> {queue:cons(X, Q), queue:snoc(Q, X)};
        23 -> {queue:head(Q), queue:daeh(Q), queue:last(Q)};
        24 -> {queue:tail(Q), queue:liat(Q), (id(queue)):lait(Q), queue:init(Q)};
        25 -> {queue:len(Q), queue:is_empty(Q), queue:to_list(Q), queue:member(X, Q)};
        26 -> queue:split(X div 2, Q);
        27 -> queue:join(queue:from_list(lists:seq(1, X)), Q);
        _ -> queue:in(X + 10, Q)
    end.

next(R, Q) ->
    case R of
        {{value, _}, Q1} -> Q1;
        {Q1, Q2} when is_tuple(Q1), is_tuple(Q2) -> Q2;
        {R1, F1} when is_list(R1), is_list(F1) -> R;
        _ -> Q
    end.

walk(0, _, Q) -> Q;
walk(N, S, Q) ->
    S1 = lcg(S),
    R = run(fun() -> op(S1 div 8, Q) end),
    p(R),
    walk(N - 1, S1, next(R, Q)).

seqs(0, _) -> ok;
seqs(N, S) ->
    S1 = lcg(S),
    Q0 = queue:from_list(lists:seq(1, S1 rem 9)),
    p({start, Q0}),
    Q = walk(25, S1, Q0),
    p({final, Q, queue:to_list(Q), queue:len(Q)}),
    seqs(N - 1, S1).

main(_) ->
    seqs(60, 11),
    [p({from_list, N, queue:from_list(lists:seq(1, N))}) || N <- lists:seq(0, 9)],
    Bad = [id(foo), id({a}), id({[], x}), id([]), id({x, []})],
    E = id(queue:new()),
    F = fun(_) -> true end,
    [p(run(G)) || B <- Bad, G <- [
        fun() -> queue:is_queue(B) end, fun() -> queue:is_empty(B) end,
        fun() -> queue:len(B) end, fun() -> queue:to_list(B) end,
        fun() -> queue:member(1, B) end, fun() -> queue:in(1, B) end,
        fun() -> queue:in_r(1, B) end, fun() -> queue:out(B) end,
        fun() -> queue:out_r(B) end, fun() -> queue:get(B) end,
        fun() -> queue:get_r(B) end, fun() -> queue:peek(B) end,
        fun() -> queue:peek_r(B) end, fun() -> queue:drop(B) end,
        fun() -> queue:drop_r(B) end, fun() -> queue:reverse(B) end,
        fun() -> queue:join(B, E) end, fun() -> queue:join(E, B) end,
        fun() -> queue:split(0, B) end, fun() -> queue:filter(F, B) end,
        fun() -> queue:filtermap(F, B) end, fun() -> queue:fold(F, 0, B) end,
        fun() -> queue:any(F, B) end, fun() -> queue:all(F, B) end,
        fun() -> queue:delete(1, B) end, fun() -> queue:delete_r(1, B) end,
        fun() -> queue:delete_with(F, B) end, fun() -> queue:delete_with_r(F, B) end,
        fun() -> queue:cons(1, B) end, fun() -> queue:head(B) end,
        fun() -> queue:tail(B) end, fun() -> queue:snoc(B, 1) end,
        fun() -> queue:daeh(B) end, fun() -> queue:last(B) end,
        fun() -> queue:liat(B) end, fun() -> (id(queue)):lait(B) end,
        fun() -> queue:init(B) end, fun() -> queue:from_list(B) end]],
    [p(run(G)) || G <- [
        fun() -> queue:get(E) end, fun() -> queue:get_r(E) end,
        fun() -> queue:drop(E) end, fun() -> queue:drop_r(E) end,
        fun() -> queue:head(E) end, fun() -> queue:tail(E) end,
        fun() -> queue:daeh(E) end, fun() -> queue:last(E) end,
        fun() -> queue:liat(E) end, fun() -> queue:init(E) end,
        fun() -> (id(queue)):lait(E) end, fun() -> queue:out(E) end,
        fun() -> queue:split(1, E) end, fun() -> queue:split(-1, E) end,
        fun() -> queue:split(a, E) end, fun() -> queue:filter(id(x), E) end,
        fun() -> queue:fold(id(x), 0, E) end]],
    ok.
