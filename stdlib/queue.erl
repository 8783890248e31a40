%% queue: FIFO queues, OTP 25's API (original, extended and Okasaki), written from
%% scratch for ferl. A queue is {Rear, Front}: Front in order, Rear reversed; when one
%% side runs dry the other is split in half (so the printed shapes equal OTP's).
-module(queue).
-export([new/0, is_queue/1, is_empty/1, len/1, to_list/1, from_list/1, member/2,
         in/2, in_r/2, out/1, out_r/1,
         get/1, get_r/1, peek/1, peek_r/1, drop/1, drop_r/1,
         reverse/1, join/2, split/2, filter/2, filtermap/2, fold/3, any/2, all/2,
         delete/2, delete_r/2, delete_with/2, delete_with_r/2,
         cons/2, head/1, tail/1, snoc/2, daeh/1, last/1, liat/1, lait/1, init/1]).


new() -> {[], []}.

is_queue({R, F}) when is_list(R), is_list(F) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({R, F}) when is_list(R), is_list(F) -> false;
is_empty(Q) -> erlang:error(badarg, [Q]).

len({R, F}) when is_list(R), is_list(F) -> length(R) + length(F);
len(Q) -> erlang:error(badarg, [Q]).

to_list({R, F}) when is_list(R), is_list(F) -> F ++ lists:reverse(R);
to_list(Q) -> erlang:error(badarg, [Q]).

from_list(L) when is_list(L) -> f2r(L);
from_list(L) -> erlang:error(badarg, [L]).

member(X, {R, F}) when is_list(R), is_list(F) -> lists:member(X, R) orelse lists:member(X, F);
member(X, Q) -> erlang:error(badarg, [X, Q]).

in(X, {[_] = R, []}) -> {[X], R};
in(X, {R, F}) when is_list(R), is_list(F) -> {[X | R], F};
in(X, Q) -> erlang:error(badarg, [X, Q]).

in_r(X, {[], [_] = F}) -> {F, [X]};
in_r(X, {R, F}) when is_list(R), is_list(F) -> {R, [X | F]};
in_r(X, Q) -> erlang:error(badarg, [X, Q]).

out({[], []} = Q) -> {empty, Q};
out({[V], []}) -> {{value, V}, {[], []}};
out({[Y | R], []}) ->
    [V | F] = lists:reverse(R),
    {{value, V}, {[Y], F}};
out({R, [V]}) when is_list(R) -> {{value, V}, r2f(R)};
out({R, [V | F]}) when is_list(R) -> {{value, V}, {R, F}};
out(Q) -> erlang:error(badarg, [Q]).

out_r({[], []} = Q) -> {empty, Q};
out_r({[], [V]}) -> {{value, V}, {[], []}};
out_r({[], [Y | F]}) ->
    [V | R] = lists:reverse(F),
    {{value, V}, {R, [Y]}};
out_r({[V], F}) when is_list(F) -> {{value, V}, f2r(F)};
out_r({[V | R], F}) when is_list(F) -> {{value, V}, {R, F}};
out_r(Q) -> erlang:error(badarg, [Q]).

get({[], []} = Q) -> erlang:error(empty, [Q]);
get({R, F}) when is_list(R), is_list(F) -> get(R, F);
get(Q) -> erlang:error(badarg, [Q]).

get(R, []) -> lists:last(R);
get(_, [V | _]) -> V.

get_r({[], []} = Q) -> erlang:error(empty, [Q]);
get_r({[V | _], F}) when is_list(F) -> V;
get_r({[], F}) when is_list(F) -> lists:last(F);
get_r(Q) -> erlang:error(badarg, [Q]).

peek({[], []}) -> empty;
peek({R, F}) when is_list(R), is_list(F) -> {value, get(R, F)};
peek(Q) -> erlang:error(badarg, [Q]).

peek_r({[], []}) -> empty;
peek_r({[V | _], F}) when is_list(F) -> {value, V};
peek_r({[], F}) when is_list(F) -> {value, lists:last(F)};
peek_r(Q) -> erlang:error(badarg, [Q]).

drop({[], []} = Q) -> erlang:error(empty, [Q]);
drop({[_], []}) -> {[], []};
drop({[Y | R], []}) ->
    [_ | F] = lists:reverse(R),
    {[Y], F};
drop({R, [_]}) when is_list(R) -> r2f(R);
drop({R, [_ | F]}) when is_list(R) -> {R, F};
drop(Q) -> erlang:error(badarg, [Q]).

drop_r({[], []} = Q) -> erlang:error(empty, [Q]);
drop_r({[], [_]}) -> {[], []};
drop_r({[], [Y | F]}) ->
    [_ | R] = lists:reverse(F),
    {R, [Y]};
drop_r({[_], F}) when is_list(F) -> f2r(F);
drop_r({[_ | R], F}) when is_list(F) -> {R, F};
drop_r(Q) -> erlang:error(badarg, [Q]).

reverse({R, F}) when is_list(R), is_list(F) -> {F, R};
reverse(Q) -> erlang:error(badarg, [Q]).

join({R1, F1} = Q1, {R2, F2} = Q2) when is_list(R1), is_list(F1), is_list(R2), is_list(F2) ->
    case {Q1, Q2} of
        {{[], []}, _} -> Q2;
        {_, {[], []}} -> Q1;
        _ -> {R2, F1 ++ lists:reverse(R1, F2)}
    end;
join(Q1, Q2) -> erlang:error(badarg, [Q1, Q2]).

split(0, {R, F} = Q) when is_list(R), is_list(F) -> {{[], []}, Q};
split(N, {R, F} = Q) when is_list(R), is_list(F), is_integer(N), N > 0 ->
    Lf = length(F),
    Len = Lf + length(R),
    if
        N > Len -> erlang:error(badarg, [N, Q]);
        N < Lf ->
            {[X | F1], F2} = lists:split(N, F),
            {{lists:reverse(F1), [X]}, {R, F2}};
        N =:= Lf -> {f2r(F), r2f(R)};
        N =:= Len -> {Q, {[], []}};
        true ->
            {[Y | R1], R2} = lists:split(Len - N, R),
            Q1 = case F of [] -> f2r(lists:reverse(R2)); _ -> {R2, F} end,
            {Q1, {[Y], lists:reverse(R1)}}
    end;
split(N, Q) -> erlang:error(badarg, [N, Q]).

filter(Fun, {R, F}) when is_list(R), is_list(F), is_function(Fun, 1) ->
    F1 = filter_f(Fun, F),
    R1 = filter_r(Fun, R),
    fix(R1, F1);
filter(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

filter_f(_, []) -> [];
filter_f(Fun, [X | T]) ->
    case Fun(X) of
        true -> [X | filter_f(Fun, T)];
        false -> filter_f(Fun, T);
        L when is_list(L) -> L ++ filter_f(Fun, T)
    end.

filter_r(_, []) -> [];
filter_r(Fun, [X | T]) ->
    Rest = filter_r(Fun, T),
    case Fun(X) of
        true -> [X | Rest];
        false -> Rest;
        L when is_list(L) -> lists:reverse(L, Rest)
    end.

filtermap(Fun, {R, F}) when is_list(R), is_list(F), is_function(Fun, 1) ->
    F1 = filtermap_f(Fun, F),
    R1 = filtermap_r(Fun, R),
    fix(R1, F1);
filtermap(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

filtermap_f(_, []) -> [];
filtermap_f(Fun, [X | T]) ->
    case Fun(X) of
        true -> [X | filtermap_f(Fun, T)];
        false -> filtermap_f(Fun, T);
        {true, Y} -> [Y | filtermap_f(Fun, T)]
    end.

filtermap_r(_, []) -> [];
filtermap_r(Fun, [X | T]) ->
    Rest = filtermap_r(Fun, T),
    case Fun(X) of
        true -> [X | Rest];
        false -> Rest;
        {true, Y} -> [Y | Rest]
    end.

fold(Fun, Acc, {R, F}) when is_list(R), is_list(F), is_function(Fun, 2) ->
    lists:foldr(Fun, lists:foldl(Fun, Acc, F), R);
fold(Fun, Acc, Q) -> erlang:error(badarg, [Fun, Acc, Q]).

any(Pred, {R, F}) when is_list(R), is_list(F), is_function(Pred, 1) ->
    lists:any(Pred, F) orelse lists:any(Pred, R);
any(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

all(Pred, {R, F}) when is_list(R), is_list(F), is_function(Pred, 1) ->
    lists:all(Pred, F) andalso lists:all(Pred, R);
all(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete(X, {R, F} = Q) when is_list(R), is_list(F) ->
    case del_first(fun(Y) -> Y == X end, F) of
        {ok, F1} -> fix(R, F1);
        none ->
            case del_first(fun(Y) -> Y == X end, lists:reverse(R)) of
                {ok, R1} -> fix(lists:reverse(R1), F);
                none -> Q
            end
    end;
delete(X, Q) -> erlang:error(badarg, [X, Q]).

delete_r(X, {R, F} = Q) when is_list(R), is_list(F) ->
    {R1, F1} = delete(X, {F, R}),
    case {R1, F1} of
        _ when {R1, F1} =:= {F, R} -> Q;
        _ -> {F1, R1}
    end;
delete_r(X, Q) -> erlang:error(badarg, [X, Q]).

delete_with(Pred, {R, F} = Q) when is_list(R), is_list(F), is_function(Pred, 1) ->
    case del_first(Pred, F) of
        {ok, F1} -> fix(R, F1);
        none ->
            case del_first(Pred, lists:reverse(R)) of
                {ok, R1} -> fix(lists:reverse(R1), F);
                none -> Q
            end
    end;
delete_with(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete_with_r(Pred, {R, F} = Q) when is_list(R), is_list(F), is_function(Pred, 1) ->
    case del_first(Pred, R) of
        {ok, R1} -> fix(R1, F);
        none ->
            case del_first(Pred, lists:reverse(F)) of
                {ok, F1} -> fix(R, lists:reverse(F1));
                none -> Q
            end
    end;
delete_with_r(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

del_first(_, []) -> none;
del_first(P, [X | T]) ->
    case P(X) of
        true -> {ok, T};
        false ->
            case del_first(P, T) of
                {ok, T1} -> {ok, [X | T1]};
                none -> none
            end
    end.

%% Okasaki API
cons(X, Q) ->
    try in_r(X, Q) catch error:badarg -> erlang:error(badarg, [X, Q]) end.

head({[], []} = Q) -> erlang:error(empty, [Q]);
head({R, F}) when is_list(R), is_list(F) -> get(R, F);
head(Q) -> erlang:error(badarg, [Q]).

tail(Q) ->
    try drop(Q)
    catch error:empty -> erlang:error(empty, [Q]);
          error:badarg -> erlang:error(badarg, [Q])
    end.

snoc(Q, X) ->
    try in(X, Q) catch error:badarg -> erlang:error(badarg, [Q, X]) end.

daeh(Q) -> try get_r(Q) catch error:E -> erlang:error(E, [Q]) end.
last(Q) -> try get_r(Q) catch error:E -> erlang:error(E, [Q]) end.
liat(Q) -> try drop_r(Q) catch error:E -> erlang:error(E, [Q]) end.
lait(Q) -> try drop_r(Q) catch error:E -> erlang:error(E, [Q]) end.
init(Q) -> try drop_r(Q) catch error:E -> erlang:error(E, [Q]) end.

%% internal
fix([], F) -> f2r(F);
fix(R, []) -> r2f(R);
fix(R, F) -> {R, F}.

%% a front list into a queue: the first half stays in front
f2r([]) -> {[], []};
f2r([_] = F) -> {F, []};
f2r(F) ->
    {F1, F2} = lists:split(length(F) div 2, F),
    {lists:reverse(F2), F1}.

%% a rear list into a queue: the first (newest) half stays in the rear
r2f([]) -> {[], []};
r2f([_] = R) -> {[], R};
r2f(R) ->
    {R1, R2} = lists:split(length(R) div 2, R),
    {R1, lists:reverse(R2)}.
