%% ets — the Erlang-written part of ferl's ets module. The tables and almost every
%% function are runtime BIFs (runtime/src/ets/), as on BEAM; compiled code calls them
%% directly and the export table lists them, so this module does not define them.
%% Written for ferl from the documented behaviour (not from OTP's source).
-module(ets).
-export([foldl/3, foldr/3, test_ms/2, select/3, select/1,
         match/3, match/1, match_object/3, match_object/1, select_reverse/2]).

%% foldl/3: Fun(Object, Acc) over the objects in table order (first/next).
foldl(F, Acc, T) when is_function(F, 2) ->
    lists:foldl(F, Acc, ets:tab2list(T)).

%% foldr/3: the same in reverse order.
foldr(F, Acc, T) when is_function(F, 2) ->
    lists:foldr(F, Acc, ets:tab2list(T)).

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

select_reverse(T, Spec) -> lists:reverse(ets:select(T, Spec)).

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
