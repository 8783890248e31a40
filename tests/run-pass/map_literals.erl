%% Map literals nested in other literals (emitted as static data with keys in map-key order),
%% maps as keys, mixed key types, a 40-key literal, and literal maps in patterns.
-module(map_literals).
-export([main/1]).
main(_) ->
    L = [#{}, #{a => 1}, [0 | #{}], {#{b => #{c => [1, 2.0]}}, x},
         #{1 => int, 1.0 => float, a => atom, "s" => str, {t} => tup, [] => nil, <<"b">> => bin, #{k => v} => map},
         #{2 => b, 1 => a, 3 => c},
         maps:from_list([{K, K * K} || K <- lists:seq(1, 40)]) =:= big(),
         [#{x => 1, y => 2} || _ <- [1, 2]]],
    io:format("~p~n", [L]),
    M = #{a => 1, b => 2},
    io:format("~p~n", [M#{c => 3}]),
    #{b := B} = #{a => [1], b => {2}},
    io:format("~p~n", [{B, maps:get(k, #{k => #{deep => [#{}]}})}]).
big() -> #{1=>1,2=>4,3=>9,4=>16,5=>25,6=>36,7=>49,8=>64,9=>81,10=>100,11=>121,12=>144,13=>169,14=>196,15=>225,16=>256,17=>289,18=>324,19=>361,20=>400,21=>441,22=>484,23=>529,24=>576,25=>625,26=>676,27=>729,28=>784,29=>841,30=>900,31=>961,32=>1024,33=>1089,34=>1156,35=>1225,36=>1296,37=>1369,38=>1444,39=>1521,40=>1600}.
