%% Maps of more than 32 keys are HAMTs on BEAM: their iteration order (maps:to_list,
%% keys, values, fold, iterators, printing, term_to_binary) follows the keys' internal
%% hash. ferl must produce the same order for every kind of key whose hash it can
%% reproduce (numbers, binaries, lists, tuples, flat maps).
-module(maps_hamt_order).
-export([main/1]).

kinds(N) ->
    [{small, [I || I <- lists:seq(1, N)]},
     {negative, [-I * 7 || I <- lists:seq(1, N)]},
     {bignum, [(1 bsl 64) + I * 1000003 || I <- lists:seq(1, N)] ++ [-(1 bsl 100) - I || I <- lists:seq(1, 3)]},
     {beam_big, [(1 bsl 59) + I || I <- lists:seq(0, 5)] ++ [-(1 bsl 59) - I || I <- lists:seq(1, 5)] ++ lists:seq(1, N - 11)},
     {floats, [I / 4 || I <- lists:seq(1, N)] ++ [0.0, -1.5e300]},
     {tuples, [{I, I * I} || I <- lists:seq(1, N)] ++ [{}, {{1}}]},
     {binaries, [integer_to_binary(I) || I <- lists:seq(1, N)] ++ [<<>>, <<1:3>>, <<"a much longer binary of more than twelve bytes">>]},
     {strings, [integer_to_list(I * 31) || I <- lists:seq(1, N)] ++ [[], [1000, 2000], [1 | 2], "abc" ++ [300]]},
     {nested, [#{I => I, "x" => [I]} || I <- lists:seq(1, N)] ++ [#{}]},
     {mixed, lists:append([[I, float(I) + 0.5, {I}, <<I:16>>, [I]] || I <- lists:seq(1, N div 5)])}].

show(Name, Keys) ->
    M = maps:from_list([{K, V} || {K, V} <- lists:zip(Keys, lists:seq(1, length(Keys)))]),
    io:format("~p ~w keys~n", [Name, map_size(M)]),
    io:format("~w~n", [M]),
    io:format("~p~n", [maps:keys(M)]),
    io:format("values ~w~n", [maps:values(M)]),
    Fold = maps:fold(fun(K, _, A) -> [K | A] end, [], M),
    io:format("fold ~w~n", [lists:reverse(Fold) =:= [K || {K, _} <- iter(maps:next(maps:iterator(M)))]]),
    io:format("fold-vs-tolist ~w~n", [Fold =:= maps:keys(M)]),
    B = term_to_binary(M),
    io:format("etf ~w ~w~n", [erlang:phash2(B), binary:part(B, 0, 24)]),
    true = binary_to_term(B) =:= M.

iter(none) -> [];
iter({K, V, I}) -> [{K, V} | iter(maps:next(I))].

orders(Keys) ->
    Pairs = [{K, K} || K <- Keys],
    A = maps:from_list(Pairs),
    B = maps:from_list(lists:reverse(Pairs)),
    C = lists:foldl(fun({K, V}, M) -> M#{K => V} end, #{}, Pairs),
    {L1, L2} = lists:split(length(Pairs) div 2, Pairs),
    D = maps:merge(maps:from_list(L2), maps:from_list(L1)),
    E = maps:remove(extra, (maps:from_list([{extra, 1} | Pairs]))),
    Same = [maps:to_list(X) =:= maps:to_list(A) andalso term_to_binary(X) =:= term_to_binary(A)
            || X <- [B, C, D, E]],
    io:format("orders ~w~n", [Same]).

main(_) ->
    [show(Name, Keys) || {Name, Keys} <- kinds(40)],
    show(exactly33, lists:seq(100, 132)),
    orders(lists:seq(1, 200) ++ [<<"k", I>> || I <- lists:seq(1, 50)]),
    %% Shrinking back to 32 keys gives a flat map again (term order).
    M33 = maps:from_list([{I * 3, I} || I <- lists:seq(1, 33)]),
    M32 = maps:remove(3, M33),
    io:format("~w~n~w~n", [maps:keys(M33), maps:keys(M32)]),
    io:format("~w~n", [maps:put(1000, x, M32)]),
    %% Large maps: order checksums and the first keys.
    lists:foreach(
      fun(N) ->
              Ks = [I * 13 || I <- lists:seq(1, N)] ++ [{I} || I <- lists:seq(1, N div 10)]
                  ++ [<<I:32>> || I <- lists:seq(1, N div 10)],
              M = maps:from_list([{K, 0} || K <- Ks]),
              Keys = maps:keys(M),
              io:format("~w: ~w ~w ~w~n", [N, erlang:phash2(Keys), lists:sublist(Keys, 8),
                                           erlang:phash2(term_to_binary(M))]),
              S = lists:flatten(io_lib:format("~p", [M])),
              io:format("  ~w ~s~n", [erlang:phash2(S), lists:sublist(S, 60)])
      end, [100, 500, 2000]),
    %% A HAMT nested in a tuple, in a list, and as a value.
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [{Big, [#{a => Big}]}]),
    io:format("~p~n", [#{nested => Big}]).
