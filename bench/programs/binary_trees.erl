%% binary-trees (Computer Language Benchmarks Game), single process. Prints
%% {StretchCheck, [{Iterations, Depth, Check}], LongLivedCheck}.
-module(binary_trees).
-export([main/1]).

-define(MIN, 4).

main([A]) ->
    N = list_to_integer(A),
    Max = max2(?MIN + 2, N),
    Stretch = check(make(Max + 1)),
    LongLived = make(Max),
    Rows = depths(?MIN, Max),
    erlang:display({Stretch, Rows, check(LongLived)}).

depths(D, Max) when D > Max -> [];
depths(D, Max) ->
    Iter = 1 bsl (Max - D + ?MIN),
    [{Iter, D, loop(Iter, D, 0)} | depths(D + 2, Max)].

loop(0, _D, Sum) -> Sum;
loop(I, D, Sum) -> loop(I - 1, D, Sum + check(make(D))).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

max2(A, B) when A > B -> A;
max2(_, B) -> B.
