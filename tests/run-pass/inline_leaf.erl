%% Small leaf functions the compiler inlines at their call sites: results, and the stack
%% traces of errors raised inside them (the callee's entry, then the caller's where the
%% call was not a tail call), for every kind of raise a leaf can contain.
-module(inline_leaf).
-export([main/1]).

main(_) ->
    io:format("~p~n", [[sq(X) || X <- [1, 2.5, -3]]]),
    io:format("~p~n", [sum_a(5, 0.0)]),
    io:format("~p~n", [classify_all([0, 7, -2, 3.5, foo, {a}])]),
    io:format("~p~n", [pick({1, 2, 3}, 2)]),
    io:format("~p~n", [mid(4, 5)]),
    io:format("~p~n", [{twice_sq(3), tail_sq(1.5), deep(3)}]),
    [io:format("~p~n", [run(F)]) || F <- [
        fun() -> tail_sq(bar) end,
        fun() -> pick({1, 2}, 5) end,
        fun() -> only_pos(-1) + 1 end,
        fun() -> must_ok(error) end,
        fun() -> kind(3) end,
        fun() -> mid(x, 1) end,
        fun() -> a(1, 0) end
    ]],
    ok.

run(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            %% Only this module's named functions and BIFs (comprehension and fun
            %% entries are named differently on BEAM; escript adds its own frames).
            {C, R, [{M, Fn, A, line(Loc)} || {M, Fn, A, Loc} <- St,
                                              M =:= inline_leaf orelse M =:= erlang,
                                              hd(atom_to_list(Fn)) =/= $-]}
    end.

%% Lines relative to base/0 (escript numbers lines from the second one).
base() -> ?LINE.
line(Loc) ->
    case proplists:get_value(line, Loc) of
        undefined -> undefined;
        L -> L - base()
    end.

sq(X) -> X * X.

twice_sq(X) ->
    Y = sq(X),
    {Y, Y}.

tail_sq(X) -> sq(X).

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

sum_a(0, S) -> S;
sum_a(N, S) -> sum_a(N - 1, S + a(N, N + 1) * 2.0).

classify(0) -> zero;
classify(N) when is_integer(N), N > 0 -> pos;
classify(N) when is_integer(N) -> neg;
classify(N) when is_float(N) -> float.

classify_all(L) -> [try classify(X) catch error:R -> R end || X <- L].

pick(T, I) -> element(I, T).

only_pos(N) when N > 0 -> N.

must_ok(X) ->
    ok = X,
    done.

kind(X) ->
    case X of
        1 -> one;
        2 -> two
    end.

deep(0) -> sq(2);
deep(N) -> 1 + deep(N - 1).

mid(A, B) -> (A + B) div 2.
