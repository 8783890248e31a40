%% ets — the Erlang-written part of ferl's ets module. The tables and almost every
%% function are runtime BIFs (runtime/src/ets/), as on BEAM; compiled code calls them
%% directly and the export table lists them, so this module does not define them.
%% Written for ferl from the documented behaviour (not from OTP's source).
-module(ets).
-export([foldl/3, foldr/3, test_ms/2, select/3, select/1,
         match/3, match/1, match_object/3, match_object/1, select_reverse/2,
         select_reverse/3, select_reverse/1, select_replace/2, is_compiled_ms/1]).

%% foldl/3: Fun(Object, Acc) over the keys in first/next order, each key's objects
%% in lookup order (as OTP; for hashed tables that is not tab2list's order).
foldl(F, Acc, T) when is_function(F, 2) ->
    fold_keys(fun(Objs, A) -> lists:foldl(F, A, Objs) end, Acc, T, ets:first(T), next).

%% foldr/3: the keys in last/prev order (for hashed tables the same as first/next),
%% each key's objects in reverse lookup order.
foldr(F, Acc, T) when is_function(F, 2) ->
    fold_keys(fun(Objs, A) -> lists:foldr(F, A, Objs) end, Acc, T, ets:last(T), prev).

fold_keys(_G, Acc, _T, '$end_of_table', _Dir) ->
    Acc;
fold_keys(G, Acc, T, Key, Dir) ->
    Acc1 = G(ets:lookup(T, Key), Acc),
    fold_keys(G, Acc1, T, ets:Dir(T, Key), Dir).

%% is_compiled_ms/1: a result of match_spec_compile/1 (a runtime BIF).
is_compiled_ms({'$ferl_compiled_ms', _}) -> true;
is_compiled_ms(_) -> false.

%% select/3 and match/3 with a limit: the whole result in one chunk.
select(T, Spec, Limit) when is_integer(Limit), Limit > 0 ->
    chunk(ets:select(T, Spec), Limit);
select(_, _, _) -> erlang:error(badarg).

select({Rest, Limit}) -> chunk(Rest, Limit);
select('$end_of_table') -> '$end_of_table'.

match(T, Pat, Limit) when is_integer(Limit), Limit > 0 ->
    chunk(ets:match(T, Pat), Limit);
match(_, _, _) -> erlang:error(badarg).
match(C) -> select(C).

match_object(T, Pat, Limit) when is_integer(Limit), Limit > 0 ->
    chunk(ets:match_object(T, Pat), Limit);
match_object(_, _, _) -> erlang:error(badarg).
match_object(C) -> select(C).

chunk([], _) -> '$end_of_table';
chunk(L, Limit) when length(L) =< Limit -> {L, '$end_of_table'};
chunk(L, Limit) ->
    {H, T} = lists:split(Limit, L),
    {H, {T, Limit}}.

%% select_reverse/2,3,1: an ordered_set's matches from the last key down; for the other
%% table types the same as select (as OTP).
select_reverse(T, Spec) ->
    case ets:info(T, type) of
        ordered_set -> lists:reverse(ets:select(T, Spec));
        _ -> ets:select(T, Spec)
    end.

select_reverse(T, Spec, Limit) when is_integer(Limit), Limit > 0 ->
    chunk(select_reverse(T, Spec), Limit);
select_reverse(_, _, _) -> erlang:error(badarg).

select_reverse(C) -> select(C).

%% select_replace/2: every object a clause matches is replaced by the clause's result,
%% which must keep the object's key: the spec is checked first (the result is '$_' or a
%% tuple whose key element is the head's key element), as OTP does, and bag tables are
%% not supported. Returns the number of objects replaced. Objects of a duplicate_bag
%% key keep their order.
select_replace(T, Spec) ->
    Type = ets:info(T, type),
    Kp = ets:info(T, keypos),
    Pairs = case Type =/= bag andalso Type =/= undefined andalso is_list(Spec) andalso
                lists:all(fun(C) -> keeps_key(C, Kp) end, Spec) of
                true -> ets:select(T, [{H, G, [{{'$_', lists:last(B)}}]} || {H, G, B} <- Spec]);
                false -> erlang:error(badarg, [T, Spec])
            end,
    case Type of
        duplicate_bag ->
            Keys = lists:usort([element(Kp, Old) || {Old, _} <- Pairs]),
            lists:foreach(fun(K) -> replace_key(T, K, Kp, Pairs) end, Keys);
        _ ->
            lists:foreach(fun({_, New}) -> ets:insert(T, New) end, Pairs)
    end,
    length(Pairs).

keeps_key({H, G, B}, Kp) when is_list(G), is_list(B), B =/= [] ->
    case lists:last(B) of
        '$_' -> true;
        {New} when is_tuple(New), tuple_size(New) >= Kp, is_tuple(H), tuple_size(H) >= Kp ->
            element(Kp, New) =:= element(Kp, H) andalso element(Kp, H) =/= '_';
        _ -> false
    end;
keeps_key(_, _) -> false.

%% The objects of key K in table order, those with a pair replaced by its new object.
replace_key(T, K, Kp, Pairs) ->
    Mine = [P || {Old, _} = P <- Pairs, element(Kp, Old) =:= K],
    Objs = ets:lookup(T, K),
    ets:delete(T, K),
    ets:insert(T, replace_in_order(Objs, Mine)).

replace_in_order([O | Os], [{O, New} | Ps]) -> [New | replace_in_order(Os, Ps)];
replace_in_order([O | Os], Ps) -> [O | replace_in_order(Os, Ps)];
replace_in_order([], _) -> [].

%% test_ms/2: run a match specification on one tuple in a temporary table.
test_ms(Tuple, Spec) when is_tuple(Tuple) ->
    T = ets:new(ferl_test_ms, [private, {keypos, 1}, duplicate_bag]),
    ets:insert(T, Tuple),
    R = ets:select(T, Spec),
    ets:delete(T),
    case R of
        [X] -> {ok, X};
        [] -> {ok, false}
    end.
