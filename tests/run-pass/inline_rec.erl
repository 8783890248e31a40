%% Small body-recursive functions the compiler inlines into themselves once (and into
%% their callers): results, and stack traces of errors raised at various depths, in
%% inlined and not inlined copies, through calls to other inlined functions.
-module(inline_rec).
-export([main/1]).

main(_) ->
    io:format("~p~n", [[fib(N) || N <- lists:seq(0, 20)]]),
    io:format("~p~n", [check(make(6))]),
    io:format("~p~n", [sum([1, 2, 3, 4, 5])]),
    io:format("~p~n", [len(lists:seq(1, 1001))]),
    [io:format("~p~n", [run(F)]) || F <- [
        fun() -> fib(foo) end,
        fun() -> bad_at(0, 5) end,
        fun() -> bad_at(1, 5) end,
        fun() -> bad_at(2, 5) end,
        fun() -> bad_at(3, 5) end,
        fun() -> check(make(3) ) + check({x, y, z}) end,
        fun() -> check({{nil, nil}, {{nil, nil}, oops}}) end,
        fun() -> sum([1, 2, a, 4]) end,
        fun() -> sum([1, 2, 3 | b]) end,
        fun() -> len(lists:seq(1, 20) ++ improper) end,
        fun() -> outer(0) end,
        fun() -> outer(1) end
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
                                              M =:= inline_rec orelse M =:= erlang,
                                              hd(atom_to_list(Fn)) =/= $-]}
    end.

%% Lines relative to base/0 (escript numbers lines from the second one).
base() -> ?LINE.
line(Loc) ->
    case proplists:get_value(line, Loc) of
        undefined -> undefined;
        L -> L - base()
    end.

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

%% Raises at depth K of a body recursion of depth N.
bad_at(K, 0) -> 1 / (K - K);
bad_at(K, N) when N =:= K -> erlang:error({depth, N});
bad_at(K, N) -> 1 + bad_at(K, N - 1).

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

outer(X) -> 2 * middle(X).
middle(X) -> 1 + inner(X).
inner(0) -> 1 / zero();
inner(X) -> elem(X).
elem(X) -> element(X, list_to_tuple([])) + zero().
zero() -> 0.
