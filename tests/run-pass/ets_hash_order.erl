%% set, bag and duplicate_bag tables iterate in BEAM's order (erl_db_hash.c's linear
%% hashing over erts' internal hash): first/next, last/prev, tab2list, select, match,
%% match_object, foldl/foldr, with integer, tuple, binary, float, list and bignum keys,
%% through growth (bucket splits), deletions and re-insertions.
-module(ets_hash_order).
-export([main/1]).

chain(T) -> chain(T, ets:first(T)).
chain(_, '$end_of_table') -> [];
chain(T, K) -> [K | chain(T, ets:next(T, K))].

rchain(T) -> rchain(T, ets:last(T)).
rchain(_, '$end_of_table') -> [];
rchain(T, K) -> [K | rchain(T, ets:prev(T, K))].

h(X) -> erlang:phash2(X).

show(Tag, T) ->
    C = chain(T),
    io:format("~s size=~w chain=~w~n", [Tag, ets:info(T, size), h(C)]),
    io:format("  head ~w~n", [lists:sublist(C, 12)]),
    io:format("  rchain=~w t2l=~w sel=~w match=~w mo=~w~n",
              [h(rchain(T)), h(ets:tab2list(T)),
               h(ets:select(T, [{'$1', [], ['$1']}])),
               h(ets:match(T, '$1')), h(ets:match_object(T, '_'))]),
    io:format("  foldl=~w foldr=~w~n",
              [h(ets:foldl(fun(O, A) -> [O | A] end, [], T)),
               h(ets:foldr(fun(O, A) -> [O | A] end, [], T))]).

main(_) ->
    rand:seed(exsss, {3, 5, 8}),
    Keys = [{ints, fun(I) -> I end},
            {negs, fun(I) -> -I * 7 end},
            {tuples, fun(I) -> {I, I rem 7} end},
            {bins, fun(I) -> integer_to_binary(I) end},
            {strings, fun(I) -> integer_to_list(I * 13) end},
            {floats, fun(I) -> I / 4 end},
            {bigs, fun(I) -> I * 100000000000000000000 end},
            {mixed, fun(I) -> case I rem 3 of 0 -> I; 1 -> {I, "k"}; 2 -> <<I:16>> end end}],
    lists:foreach(fun({Name, F}) -> run_set(Name, F) end, Keys),
    run_bag(bag),
    run_bag(duplicate_bag),
    shrink(4500),
    small().

%% Growth past the second and third bucket segments, then deletions: BEAM joins
%% buckets only while three or more segments are allocated.
shrink(N) ->
    T = ets:new(t, [set]),
    [ets:insert(T, {I * 3, I}) || I <- lists:seq(1, N)],
    show(io_lib:format("shrink ~w", [N]), T),
    lists:foreach(fun(I) ->
                          ets:delete(T, I * 3),
                          case lists:member(N - I, [2200, 1000, 100]) of
                              true -> show(io_lib:format("shrink ~w left ~w", [N, N - I]), T);
                              false -> ok
                          end
                  end, lists:seq(1, N - 10)),
    ets:delete(T).

run_set(Name, F) ->
    T = ets:new(t, [set]),
    [ets:insert(T, {F(I), I}) || I <- lists:seq(1, 40)],
    show(io_lib:format("~s 40", [Name]), T),
    [ets:insert(T, {F(I), I}) || I <- lists:seq(41, 400)],
    show(io_lib:format("~s 400", [Name]), T),
    [ets:delete(T, F(I)) || I <- lists:seq(1, 400, 3)],
    show(io_lib:format("~s deleted", [Name]), T),
    [ets:insert(T, {F(I), x}) || I <- lists:seq(1, 120)],
    show(io_lib:format("~s reinserted", [Name]), T),
    ets:delete(T).

run_bag(Kind) ->
    T = ets:new(b, [Kind]),
    [ets:insert(T, {I rem 50, rand:uniform(4)}) || I <- lists:seq(1, 600)],
    show(io_lib:format("~s", [Kind]), T),
    io:format("  lookup 7: ~w~n", [ets:lookup(T, 7)]),
    [ets:delete_object(T, {I, 2}) || I <- lists:seq(0, 49)],
    show(io_lib:format("~s delete_object", [Kind]), T),
    io:format("  select_delete ~w~n", [ets:select_delete(T, [{{'$1', 1}, [{'<', '$1', 20}], [true]}])]),
    show(io_lib:format("~s select_delete", [Kind]), T),
    ets:delete(T).

small() ->
    T = ets:new(t, [set]),
    [ets:insert(T, {K}) || K <- lists:seq(1, 20)],
    io:format("chain ~w~n", [chain(T)]),
    io:format("t2l ~w~n", [ets:tab2list(T)]),
    io:format("last ~w prev ~w~n", [ets:last(T), ets:prev(T, 5)]),
    B = ets:new(b, [bag]),
    [ets:insert(B, {K rem 3, K}) || K <- lists:seq(1, 10)],
    io:format("bag ~w~nchain ~w~nfoldl ~w~nfoldr ~w~n",
              [ets:tab2list(B), chain(B),
               ets:foldl(fun(O, A) -> [O | A] end, [], B),
               ets:foldr(fun(O, A) -> [O | A] end, [], B)]).
