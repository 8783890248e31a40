-module(stdlib_array).
-export([main/1]).

%% Property-style check of every array export: random operation sequences (a tiny LCG)
%% on fixed and extendible arrays print every intermediate array (its tree shape is
%% visible to ~p and must equal OTP's), plus errors for bad arguments.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

idx(S) ->
    case S rem 5 of
        0 -> S rem 1200;
        1 -> S rem 130;
        _ -> S rem 30
    end.

op(S, A) ->
    I = idx(S div 3),
    case (S div 5000) rem 24 of
        0 -> array:set(I, S rem 9, A);
        1 -> array:get(I, A);
        2 -> array:reset(I, A);
        3 -> array:resize(I, A);
        4 -> array:resize(A);
        5 -> array:fix(A);
        6 -> array:relax(A);
        7 -> {array:size(A), array:is_fix(A), array:default(A), array:sparse_size(A)};
        8 -> array:to_list(A);
        9 -> array:sparse_to_list(A);
        10 -> array:to_orddict(A);
        11 -> array:sparse_to_orddict(A);
        12 -> array:map(fun(J, V) -> {J, V} end, A);
        13 -> array:sparse_map(fun(J, V) -> {J, V} end, A);
        14 -> array:foldl(fun(J, V, Acc) -> [{J, V} | Acc] end, [], A);
        15 -> array:foldr(fun(J, V, Acc) -> [{J, V} | Acc] end, [], A);
        16 -> array:sparse_foldl(fun(J, V, Acc) -> [{J, V} | Acc] end, [], A);
        17 -> array:sparse_foldr(fun(J, V, Acc) -> [{J, V} | Acc] end, [], A);
        18 -> array:from_list(array:sparse_to_list(A), array:default(A));
        19 -> array:from_orddict(array:sparse_to_orddict(A));
        _ -> array:set(I div 2, S rem 4, A)
    end.

is_arr(A) -> is_tuple(A) andalso tuple_size(A) =:= 5 andalso element(1, A) =:= array.

walk(0, _, A) -> A;
walk(N, S, A) ->
    S1 = lcg(S),
    R = run(fun() -> op(S1 div 16, A) end),
    p(R),
    walk(N - 1, S1, case is_arr(R) of true -> R; false -> A end).

main(_) ->
    Starts = [array:new(), array:new(5), array:new(25), array:new([{size, 5}, {fixed, false}]),
              array:new(3, {default, 0}), array:new({default, x}), array:new([fixed, {default, 7}, 4]),
              array:from_list(lists:seq(1, 25)), array:from_list(lists:seq(1, 10)), array:from_list([]),
              array:from_orddict([{3, a}, {35, b}]), array:from_orddict([{0, a}, {150, b}], 0)],
    lists:foldl(fun(A0, S) ->
        p({start, A0}),
        A = walk(30, S, A0),
        p({final, A, array:to_list(A)}),
        lcg(S + 17)
    end, 1, Starts ++ Starts),
    p(array:set(1000, a, array:new())),
    p(array:set(100, a, array:new())),
    p(array:from_list(lists:seq(1, 101))),
    p(array:resize(500, array:new(5))),
    p([array:is_array(X) || X <- [id(a), array:new(), id({array, a, b, c, d})]]),
    Bad = [id(x), id(-1), id(1.5), id([a])],
    A = array:from_list([a, b, c]),
    F = array:fix(A),
    [p(run(G)) || B <- Bad, G <- [
        fun() -> array:new(B) end, fun() -> array:new(B, []) end, fun() -> array:new(3, B) end,
        fun() -> array:size(B) end, fun() -> array:default(B) end, fun() -> array:fix(B) end,
        fun() -> array:is_fix(B) end, fun() -> array:relax(B) end,
        fun() -> array:resize(B, A) end, fun() -> array:resize(B) end,
        fun() -> array:set(B, 1, A) end, fun() -> array:set(1, 1, B) end,
        fun() -> array:get(B, A) end, fun() -> array:get(1, B) end,
        fun() -> array:reset(B, A) end, fun() -> array:reset(1, B) end,
        fun() -> array:to_list(B) end, fun() -> array:sparse_to_list(B) end,
        fun() -> array:from_list(B) end, fun() -> array:from_list(B, 0) end,
        fun() -> array:to_orddict(B) end, fun() -> array:sparse_to_orddict(B) end,
        fun() -> array:from_orddict(B) end, fun() -> array:from_orddict([{1, a}, B]) end,
        fun() -> array:map(B, A) end, fun() -> array:sparse_map(B, A) end,
        fun() -> array:foldl(B, 0, A) end, fun() -> array:foldr(B, 0, A) end,
        fun() -> array:sparse_foldl(B, 0, A) end, fun() -> array:sparse_foldr(B, 0, A) end,
        fun() -> array:sparse_size(B) end]],
    [p(run(G)) || G <- [fun() -> array:get(3, F) end, fun() -> array:set(3, x, F) end,
                        fun() -> array:reset(5, F) end, fun() -> array:get(3, A) end,
                        fun() -> array:from_orddict([{2, a}, {1, b}]) end,
                        fun() -> array:from_orddict([{a, 1}]) end, fun() -> array:new(fixed) end,
                        fun() -> array:new([{default}]) end, fun() -> array:new([a | b]) end]],
    ok.
