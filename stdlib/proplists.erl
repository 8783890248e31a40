%% proplists — property lists, written for ferl from OTP 25's documented and observed
%% behaviour. An entry is an atom A (short for {A, true}) or a tuple whose first element
%% is the key (compared with =:=); other terms are ignored.
-module(proplists).
-export([property/1, property/2, unfold/1, compact/1, lookup/2, lookup_all/2,
         is_defined/2, get_value/2, get_value/3, get_all_values/2, append_values/2,
         get_bool/2, get_keys/1, delete/2, split/2, to_map/1, to_map/2, from_map/1,
         substitute_aliases/2, substitute_negations/2, expand/2, normalize/2]).

property({K, true}) when is_atom(K) -> K;
property(P) -> P.

property(K, true) when is_atom(K) -> K;
property(K, V) -> {K, V}.

unfold([P | Ps]) when is_atom(P) -> [{P, true} | unfold(Ps)];
unfold([P | Ps]) -> [P | unfold(Ps)];
unfold([]) -> [].

compact(L) -> [property(P) || P <- L].

%% Does entry P have key K?
has_key(K, P) when is_atom(P) -> P =:= K;
has_key(K, P) when is_tuple(P), tuple_size(P) >= 1 -> element(1, P) =:= K;
has_key(_, _) -> false.

lookup(K, [P | Ps]) ->
    case has_key(K, P) of
        true when is_atom(P) -> {K, true};
        true -> P;
        false -> lookup(K, Ps)
    end;
lookup(_, []) -> none.

lookup_all(K, [P | Ps]) ->
    case has_key(K, P) of
        true when is_atom(P) -> [{K, true} | lookup_all(K, Ps)];
        true -> [P | lookup_all(K, Ps)];
        false -> lookup_all(K, Ps)
    end;
lookup_all(_, []) -> [].

is_defined(K, [P | Ps]) -> has_key(K, P) orelse is_defined(K, Ps);
is_defined(_, []) -> false.

get_value(K, L) -> get_value(K, L, undefined).

get_value(K, [P | Ps], D) ->
    case has_key(K, P) of
        true when is_atom(P) -> true;
        true ->
            case P of
                {_, V} -> V;
                _ -> D
            end;
        false -> get_value(K, Ps, D)
    end;
get_value(_, [], D) -> D.

get_all_values(K, [K | Ps]) when is_atom(K) -> [true | get_all_values(K, Ps)];
get_all_values(K, [{K, V} | Ps]) -> [V | get_all_values(K, Ps)];
get_all_values(K, [_ | Ps]) -> get_all_values(K, Ps);
get_all_values(_, []) -> [].

append_values(K, [P | Ps]) ->
    case has_key(K, P) of
        true when is_atom(P) -> [true | append_values(K, Ps)];
        true ->
            case P of
                {_, V} when is_list(V) -> V ++ append_values(K, Ps);
                {_, V} -> [V | append_values(K, Ps)];
                _ -> append_values(K, Ps)
            end;
        false -> append_values(K, Ps)
    end;
append_values(_, []) -> [].

get_bool(K, [P | Ps]) ->
    case has_key(K, P) of
        true when is_atom(P) -> true;
        true -> P =:= {K, true};
        false -> get_bool(K, Ps)
    end;
get_bool(_, []) -> false.

%% (OTP returns the keys in the order of its sets module; here they are sorted.)
%% The keys as a `sets` (version 1) set lists them, as OTP's.
get_keys(L) ->
    sets:to_list(lists:foldl(fun sets:add_element/2, sets:new(), get_keys_1(L))).

get_keys_1([P | Ps]) when is_atom(P) -> [P | get_keys_1(Ps)];
get_keys_1([P | Ps]) when is_tuple(P), tuple_size(P) >= 1 -> [element(1, P) | get_keys_1(Ps)];
get_keys_1([_ | Ps]) -> get_keys_1(Ps);
get_keys_1([]) -> [].

delete(K, [P | Ps]) ->
    case has_key(K, P) of
        true -> delete(K, Ps);
        false -> [P | delete(K, Ps)]
    end;
delete(_, []) -> [].

split(L, Keys) ->
    {Store, Rest} = split_1(L, [{K, []} || K <- Keys], []),
    {[lists:reverse(Ps) || {_, Ps} <- Store], lists:reverse(Rest)}.

split_1([P | Ps], Store, Rest) ->
    case split_key(P) of
        {ok, K} ->
            case [x || {K2, _} <- Store, K2 =:= K] =/= [] of
                true -> split_1(Ps, add_to(K, P, Store), Rest);
                false -> split_1(Ps, Store, [P | Rest])
            end;
        error -> split_1(Ps, Store, [P | Rest])
    end;
split_1([], Store, Rest) -> {Store, Rest}.

split_key(P) when is_atom(P) -> {ok, P};
split_key(P) when is_tuple(P), tuple_size(P) >= 1 -> {ok, element(1, P)};
split_key(_) -> error.

%% (to every list of that key: a key given twice collects the entries twice)
add_to(K, P, [{K2, Ps} | T]) when K =:= K2 -> [{K2, [P | Ps]} | add_to(K, P, T)];
add_to(K, P, [E | T]) -> [E | add_to(K, P, T)];
add_to(_, _, []) -> [].

%% The first entry of each key decides: {K, V} -> V, an atom -> true, any other
%% entry hides the key.
to_map(L) -> to_map_1(L, #{}, #{}).

to_map_1([P | Ps], M, Seen) ->
    case split_key(P) of
        {ok, K} ->
            case is_map_key(K, Seen) of
                true -> to_map_1(Ps, M, Seen);
                false ->
                    Seen1 = Seen#{K => true},
                    case P of
                        {_, V} -> to_map_1(Ps, M#{K => V}, Seen1);
                        _ when is_atom(P) -> to_map_1(Ps, M#{K => true}, Seen1);
                        _ -> to_map_1(Ps, M, Seen1)
                    end
            end;
        error -> to_map_1(Ps, M, Seen)
    end;
to_map_1([], M, _) -> M.

from_map(M) -> maps:to_list(M).

%% Each entry whose key is the first element of an alias pair gets the pair's second
%% element as key (the first matching pair only).
substitute_aliases(As, L) -> [alias(As, P) || P <- L].

alias([{K, K1} | As], P) ->
    case has_key(K, P) of
        true when is_atom(P) -> K1;
        true when tuple_size(P) =:= 2 -> property(K1, element(2, P));
        true -> setelement(1, P, K1);
        false -> alias(As, P)
    end;
alias([], P) -> P.

%% An entry K (or {K, true}) of a negation pair {K, K1} becomes {K1, false}; any other
%% entry with key K becomes K1 (the first matching pair only).
substitute_negations(Ns, L) -> [negate(Ns, P) || P <- L].

negate([{K, K1} | Ns], P) ->
    case has_key(K, P) of
        true when P =:= K; P =:= {K, true} -> {K1, false};
        true -> K1;
        false -> negate(Ns, P)
    end;
negate([], P) -> P.

%% For each {Property, Expansion}: when the first entry with Property's key has the
%% same normal form as Property, it is replaced by Expansion's elements and the later
%% entries with that key are deleted (else that first entry is compacted, as OTP's
%% does). Expanded elements are not expanded again. The
%% result is flattened one level (lists in the input list are spliced in too).
expand(Es, L) ->
    Marked = lists:foldl(fun({Prop, Exp}, Acc) -> expand_1(prop_key(Prop), property(Prop), Exp, Acc) end,
                         [{entry, P} || P <- L], Es),
    lists:append([case M of
                      {entry, P} when is_list(P) -> P;
                      {entry, P} -> [P];
                      {expanded, X} when is_list(X) -> X;
                      {expanded, X} -> [X]
                  end || M <- Marked]).

prop_key(P) when is_atom(P) -> P;
prop_key(P) when is_tuple(P), tuple_size(P) >= 1 -> element(1, P).

expand_1(K, Norm, Exp, [{entry, P} = M | Ms]) ->
    case has_key(K, P) of
        true ->
            case property(P) =:= Norm of
                true -> [{expanded, Exp} | [X || X <- Ms, not same_key(K, X)]];
                false -> [{entry, property(P)} | Ms]
            end;
        false -> [M | expand_1(K, Norm, Exp, Ms)]
    end;
expand_1(K, Norm, Exp, [M | Ms]) -> [M | expand_1(K, Norm, Exp, Ms)];
expand_1(_, _, _, []) -> [].

same_key(K, {entry, P}) -> has_key(K, P);
same_key(_, _) -> false.

%% The stages in order ({aliases, As}, {negations, Ns}, {expand, Es}), then compact/1.
normalize(L, Stages) -> compact(lists:foldl(fun stage/2, L, Stages)).

stage({aliases, As}, L) -> substitute_aliases(As, L);
stage({negations, Ns}, L) -> substitute_negations(Ns, L);
stage({expand, Es}, L) -> expand(Es, L).

to_map(L, Stages) -> to_map(normalize(L, Stages)).
