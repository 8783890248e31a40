-module(stdlib_gb).
-export([main/1]).

%% Property-style check of gb_trees and gb_sets: random operation sequences (a tiny LCG)
%% print every intermediate tree/set (their shapes are visible to ~p, so must equal
%% OTP's), set algebra on generated sets of many sizes, and errors for bad input.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

key(S) ->
    case S rem 11 of
        0 -> float(S rem 40);
        _ -> S rem 40
    end.

top(S, T) ->
    K = key(S div 3),
    case (S div 200) rem 22 of
        0 -> gb_trees:insert(K, S rem 5, T);
        1 -> gb_trees:enter(K, S rem 5, T);
        2 -> gb_trees:update(K, x, T);
        3 -> gb_trees:delete(K, T);
        4 -> gb_trees:delete_any(K, T);
        5 -> gb_trees:take(K, T);
        6 -> gb_trees:take_any(K, T);
        7 -> {gb_trees:lookup(K, T), gb_trees:is_defined(K, T)};
        8 -> gb_trees:get(K, T);
        9 -> gb_trees:take_smallest(T);
        10 -> gb_trees:take_largest(T);
        11 -> {gb_trees:smallest(T), gb_trees:largest(T)};
        12 -> gb_trees:balance(T);
        13 -> {gb_trees:keys(T), gb_trees:values(T), gb_trees:size(T), gb_trees:is_empty(T)};
        14 -> iter(gb_trees:iterator(T), []);
        15 -> iter(gb_trees:iterator_from(K, T), []);
        16 -> gb_trees:map(fun(Kx, V) -> {Kx, V} end, T);
        17 -> gb_trees:iterator_from(K, T);
        _ -> gb_trees:enter(K + 1, S rem 3, T)
    end.

iter(I, Acc) ->
    case gb_trees:next(I) of
        none -> lists:reverse(Acc);
        {K, V, I1} -> iter(I1, [{K, V} | Acc])
    end.

ist({N, nil}) when is_integer(N) -> true;
ist({N, {_, _, _, _}}) when is_integer(N) -> true;
ist(_) -> false.

tnext(R, T) ->
    case R of
        _ when is_tuple(R), tuple_size(R) >= 2 ->
            case [X || X <- tuple_to_list(R), ist(X)] of
                [T1 | _] -> T1;
                [] -> case ist(R) of true -> R; false -> T end
            end;
        _ -> T
    end.

twalk(0, _, T) -> T;
twalk(N, S, T) ->
    S1 = lcg(S),
    R = run(fun() -> top(S1 div 4, T) end),
    p(R),
    twalk(N - 1, S1, tnext(R, T)).

sop(S, T) ->
    K = key(S div 3),
    case (S div 200) rem 16 of
        0 -> gb_sets:insert(K, T);
        1 -> gb_sets:add(K, T);
        2 -> gb_sets:add_element(K, T);
        3 -> gb_sets:delete(K, T);
        4 -> gb_sets:delete_any(K, T);
        5 -> gb_sets:del_element(K, T);
        6 -> {gb_sets:is_member(K, T), gb_sets:is_element(K, T)};
        7 -> gb_sets:take_smallest(T);
        8 -> gb_sets:take_largest(T);
        9 -> {gb_sets:smallest(T), gb_sets:largest(T)};
        10 -> gb_sets:balance(T);
        11 -> {gb_sets:to_list(T), gb_sets:size(T), gb_sets:is_empty(T), gb_sets:is_set(T)};
        12 -> siter(gb_sets:iterator_from(K, T), []);
        13 -> gb_sets:filter(fun(X) -> X > K end, T);
        14 -> gb_sets:fold(fun(X, A) -> [X | A] end, [], T);
        _ -> gb_sets:add(K + 2, T)
    end.

siter(I, Acc) ->
    case gb_sets:next(I) of
        none -> lists:reverse(Acc);
        {K, I1} -> siter(I1, [K | Acc])
    end.

iss({N, nil}) when is_integer(N) -> true;
iss({N, {_, _, _}}) when is_integer(N) -> true;
iss(_) -> false.

snext(R, T) ->
    case R of
        _ when is_tuple(R), tuple_size(R) >= 2 ->
            case [X || X <- tuple_to_list(R), iss(X)] of
                [T1 | _] -> T1;
                [] -> case iss(R) of true -> R; false -> T end
            end;
        _ -> T
    end.

swalk(0, _, T) -> T;
swalk(N, S, T) ->
    S1 = lcg(S),
    R = run(fun() -> sop(S1 div 4, T) end),
    p(R),
    swalk(N - 1, S1, snext(R, T)).

gen_list(0, S, Acc) -> {Acc, S};
gen_list(N, S, Acc) -> S1 = lcg(S), gen_list(N - 1, S1, [(S1 div 16) rem 60 | Acc]).

sets(0, _, Acc) -> Acc;
sets(N, S, Acc) ->
    S1 = lcg(S),
    Len = case (S1 div 8) rem 4 of 0 -> (S1 div 32) rem 40; _ -> (S1 div 32) rem 12 end,
    {L, S2} = gen_list(Len, S1, []),
    sets(N - 1, S2, [gb_sets:from_list(L) | Acc]).

main(_) ->
    lists:foldl(fun(I, S) ->
        T0 = gb_trees:from_orddict([{K, v} || K <- lists:seq(1, I rem 13)]),
        p({start, T0}),
        T = twalk(40, S, T0),
        p({final, T, gb_trees:to_list(T)}),
        lcg(S + I)
    end, 3, lists:seq(1, 25)),
    lists:foldl(fun(I, S) ->
        T0 = gb_sets:from_list(lists:seq(1, I rem 13)),
        T = swalk(40, S, T0),
        p({final, T}),
        lcg(S + I)
    end, 5, lists:seq(1, 25)),
    Ss = sets(40, 99, []),
    [p({A, B, gb_sets:union(A, B), gb_sets:intersection(A, B), gb_sets:difference(A, B),
        gb_sets:subtract(B, A), gb_sets:is_subset(A, B), gb_sets:is_disjoint(A, B)})
     || {I, A} <- lists:zip(lists:seq(1, 40), Ss), {J, B} <- lists:zip(lists:seq(1, 40), Ss),
        (I * 7 + J) rem 5 =:= 0],
    p(gb_sets:union(lists:sublist(Ss, 5))),
    p(gb_sets:intersection(lists:sublist(Ss, 3))),
    p(gb_sets:union(gb_sets:from_list(lists:seq(1, 200)), gb_sets:from_list([500, 3, 77, 1000]))),
    p(gb_sets:union(gb_sets:from_list(lists:seq(1, 30)), gb_sets:from_list([500, 3, 77, 1000]))),
    p(gb_sets:difference(gb_sets:from_list(lists:seq(1, 30)), gb_sets:from_list([500, 3, 77, 1000]))),
    p(gb_sets:difference(gb_sets:from_list([500, 3, 77, 1000]), gb_sets:from_list(lists:seq(1, 300)))),
    p(gb_sets:intersection(gb_sets:from_list([500, 3, 77, 1000]), gb_sets:from_list(lists:seq(1, 300)))),
    p(lists:foldl(fun(X, T) -> gb_trees:insert(X, X, T) end, gb_trees:empty(), lists:seq(1, 100))),
    p(lists:foldl(fun(X, T) -> gb_sets:insert(X, T) end, gb_sets:new(), lists:seq(100, 1, -1))),
    E = id(gb_trees:empty()),
    [p(run(G)) || G <- [fun() -> gb_trees:get(1, E) end, fun() -> gb_trees:smallest(E) end,
                        fun() -> gb_trees:take_largest(E) end, fun() -> gb_trees:update(1, 2, E) end,
                        fun() -> gb_trees:delete(1, E) end, fun() -> gb_trees:take(1, E) end,
                        fun() -> gb_trees:insert(1, 2, gb_trees:insert(1, 2, E)) end,
                        fun() -> gb_trees:size(id(x)) end, fun() -> gb_trees:next(id([])) end,
                        fun() -> gb_sets:smallest(gb_sets:new()) end,
                        fun() -> gb_sets:insert(1, gb_sets:singleton(1)) end,
                        fun() -> gb_sets:delete(1, gb_sets:new()) end,
                        fun() -> gb_sets:union([]) end, fun() -> gb_sets:intersection([]) end,
                        fun() -> gb_sets:is_set(id({1, nil})) end, fun() -> gb_sets:is_set(id({a, b})) end]],
    ok.
