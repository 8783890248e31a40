-module(stdlib_sets_dict).
-export([main/1]).

%% Property-style check of sets (v1 record and v2 map) and dict: random operation
%% sequences (a tiny LCG) growing and shrinking tables through their expansion and
%% contraction thresholds; the printed forms and to_list orders must equal OTP's.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

elem(S) ->
    case S rem 9 of
        0 -> {t, S rem 13};
        1 -> [S rem 7];
        2 -> float(S rem 50);
        3 -> list_to_atom([$a + S rem 26]);
        4 -> <<(S rem 256)>>;
        _ -> S rem 150
    end.

dop(S, D) ->
    K = elem(S div 5),
    case (S div 3) rem 16 of
        0 -> dict:store(K, S rem 10, D);
        1 -> dict:erase(K, D);
        2 -> dict:append(K, S rem 4, D);
        3 -> dict:append_list(K, [a, b], D);
        4 -> dict:update(K, fun(V) -> {u, V} end, D);
        5 -> dict:update(K, fun(V) -> {u, V} end, 0, D);
        6 -> dict:update_counter(K, 3, D);
        7 -> {dict:find(K, D), dict:is_key(K, D)};
        8 -> dict:fetch(K, D);
        9 -> dict:take(K, D);
        10 -> dict:filter(fun(_, V) -> is_integer(V) andalso V > 3 end, D);
        11 -> dict:map(fun(_, V) -> {m, V} end, D);
        _ -> dict:store(elem(S), S rem 7, D)
    end.

is_dict(D) -> is_tuple(D) andalso tuple_size(D) =:= 9 andalso element(1, D) =:= dict.

dwalk(0, _, D) -> D;
dwalk(N, S, D) ->
    S1 = lcg(S),
    R = run(fun() -> dop(S1 div 16, D) end),
    D1 = case R of
             _ -> case is_dict(R) of
                      true -> R;
                      false when is_tuple(R), tuple_size(R) =:= 2 ->
                          case is_dict(element(2, R)) of true -> element(2, R); false -> D end;
                      false -> D
                  end
         end,
    case N rem 10 of
        0 -> p({D1, dict:to_list(D1), dict:size(D1)});
        _ -> p(case is_dict(R) of true -> dict:size(R); false -> R end)
    end,
    dwalk(N - 1, S1, D1).

sop(S, St) ->
    E = elem(S div 5),
    case (S div 3) rem 10 of
        0 -> sets:add_element(E, St);
        1 -> sets:del_element(E, St);
        2 -> sets:is_element(E, St);
        3 -> sets:filter(fun(X) -> not is_integer(X) orelse X rem 3 =/= 0 end, St);
        4 when is_map(St) -> srt(sets:fold(fun(X, A) -> [X | A] end, [], St));
        4 -> sets:fold(fun(X, A) -> [X | A] end, [], St);
        _ -> sets:add_element(elem(S), St)
    end.

is_sets(St) -> is_map(St) orelse (is_tuple(St) andalso element(1, St) =:= set).

swalk(0, _, St) -> St;
swalk(N, S, St) ->
    S1 = lcg(S),
    R = run(fun() -> sop(S1 div 16, St) end),
    St1 = case is_sets(R) of true -> R; false -> St end,
    case N rem 10 of
        0 when is_map(St1), map_size(St1) > 32 ->
            %% BEAM's maps over 32 keys iterate in hash order (ferl: term order)
            p({srt(sets:to_list(St1)), sets:size(St1), sets:is_empty(St1)});
        0 -> p({St1, sets:to_list(St1), sets:size(St1), sets:is_empty(St1)});
        _ -> p(case is_sets(R) of true -> sets:size(R); false -> R end)
    end,
    swalk(N - 1, S1, St1).

%% a v1 set folded over a map of over 32 keys would see BEAM's hash order (ferl: term order)
comparable(A, B) when is_map(A), not is_map(B) -> map_size(A) =< 32;
comparable(A, B) when is_map(B), not is_map(A) -> map_size(B) =< 32;
comparable(_, _) -> true.

srt(L) -> lists:sort(fun(A, B) -> {A, is_float(A)} =< {B, is_float(B)} end, L).

show(S) when is_map(S), map_size(S) > 32 -> {big_map, srt(maps:keys(S))};
show(S) -> S.

gen(0, S, Acc) -> {Acc, S};
gen(N, S, Acc) -> S1 = lcg(S), gen(N - 1, S1, [elem(S1 div 8) | Acc]).

main(_) ->
    D = dwalk(400, 1, dict:new()),
    p(D),
    D2 = dwalk(300, 77, dict:from_list([{I, I} || I <- lists:seq(1, 120)])),
    p(dict:to_list(D2)),
    p(srt(dict:fetch_keys(D2))),
    p(dict:merge(fun(_, A, B) -> {A, B} end, D, D2)),
    p(dict:merge(fun(_, A, B) -> {A, B} end, dict:from_list([{1, x}]), D2)),
    p(dict:fold(fun(K, V, A) -> [{K, V} | A] end, [], D2)),
    Big = dict:from_list([{I, I} || I <- lists:seq(1, 300)]),
    Small = lists:foldl(fun dict:erase/2, Big, lists:seq(1, 290)),
    p(Small),
    p(dict:filter(fun(K, _) -> K > 250 end, Big)),
    p(dict:is_empty(dict:new())),
    S1 = swalk(400, 3, sets:new()),
    p(S1),
    S2 = swalk(300, 5, sets:new([{version, 2}])),
    p(srt(sets:to_list(S2))),
    S3 = swalk(200, 9, sets:from_list(lists:seq(1, 100))),
    p(S3),
    Ls = [element(1, gen(N, N * 31, [])) || N <- [0, 1, 5, 20, 60, 100]],
    Vs = [sets:from_list(L) || L <- Ls] ++ [sets:from_list(L, [{version, 2}]) || L <- Ls],
    [p({show(sets:union(A, B)), show(sets:intersection(A, B)), show(sets:subtract(A, B)),
        sets:is_subset(A, B), sets:is_disjoint(A, B)}) || A <- Vs, B <- Vs, comparable(A, B)],
    p(show(sets:union(Vs))),
    p(sets:intersection(lists:sublist(Vs, 3, 3))),
    p(sets:from_list([1, 2])),
    p(sets:new([{version, 2}])),
    p(sets:new([{version, 1}])),
    p([sets:is_set(X) || X <- [id(a), id({set}), sets:new(), maps:new()]]),
    [p(run(G)) || G <- [fun() -> dict:fetch(a, dict:new()) end,
                        fun() -> dict:update(a, fun(X) -> X end, dict:new()) end,
                        fun() -> dict:update_counter(a, id(x), dict:new()) end,
                        fun() -> dict:size(id(x)) end, fun() -> dict:to_list(id(x)) end,
                        fun() -> dict:take(a, dict:new()) end,
                        fun() -> sets:size(id(x)) end, fun() -> sets:to_list(id(x)) end,
                        fun() -> sets:union(id([])) end, fun() -> sets:intersection(id([])) end]],
    ok.
