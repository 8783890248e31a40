-module(ets_misc).
-export([main/1]).

p(X) -> io:format("~p~n", [X]).
err(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    T = ets:new(misc, [ordered_set, {keypos, 2}, public]),
    p([K || {K, _} <- ets:info(T)]),
    Info = ets:info(T),
    p([lists:keyfind(K, 1, Info) || K <- [name, size, named_table, type, keypos, protection,
                                          heir, node, compressed, read_concurrency,
                                          write_concurrency, decentralized_counters]]),
    p(lists:keyfind(id, 1, Info) =:= {id, T}),
    p(lists:keyfind(owner, 1, Info) =:= {owner, self()}),
    p(is_integer(ets:info(T, memory))),
    p(err(fun() -> ets:info(T, bogus) end)),
    p(err(fun() -> ets:info(42) end)),
    p(lists:member(T, ets:all())),
    ets:insert(T, [{r, N, N * 10} || N <- lists:seq(1, 10)]),
    p(ets:select(T, [{{r, '$1', '$2'}, [{'>', '$1', 7}], ['$2']}])),
    {First, Cont} = ets:select(T, [{{r, '$1', '_'}, [], ['$1']}], 4),
    p(First),
    {Second, Cont2} = ets:select(Cont),
    p(Second),
    p(ets:select(Cont2)),
    p(ets:match(T, {r, '$1', 30}, 5)),
    p(ets:select_reverse(T, [{{r, '$1', '_'}, [{'<', '$1', 4}], ['$1']}])),
    p(ets:foldl(fun({r, K, V}, A) -> A + K * V end, 0, T)),
    p(ets:foldr(fun({r, K, _}, A) -> [K | A] end, [], T)),
    p(err(fun() -> ets:foldl(not_a_fun, 0, T) end)),
    p(ets:test_ms({a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}])),
    p(ets:test_ms({a, 1}, [{{b, '_'}, [], [x]}])),
    %% keys of every type, in term order
    K = ets:new(keys, [ordered_set]),
    ets:insert(K, [{<<"bin">>}, {"str"}, {{t, 1}}, {[]}, {atom}, {3.5}, {2}, {self()},
                   {make_ref()}, {maps:from_list([{m, 1}])}, {fun() -> ok end}]),
    p([element(1, X) || X <- ets:tab2list(K), not is_reference(element(1, X)),
                        not is_pid(element(1, X)), not is_function(element(1, X))]),
    p(ets:info(K, size)),
    %% big objects survive the owner's garbage collections
    B = ets:new(big, []),
    Big = lists:seq(1, 5000),
    ets:insert(B, {big, Big, list_to_binary(lists:duplicate(300, $x))}),
    _ = [lists:seq(1, 100) || _ <- lists:seq(1, 2000)],
    [{big, L, Bin}] = ets:lookup(B, big),
    p({length(L), lists:sum(L), byte_size(Bin)}),
    p(ets:lookup_element(B, big, 3) =:= Bin),
    %% delete from another process of a public table
    Self = self(),
    spawn(fun() -> Self ! {deleted, ets:delete(T)} end),
    receive {deleted, D} -> p(D) end,
    p(ets:info(T)),
    ok.
