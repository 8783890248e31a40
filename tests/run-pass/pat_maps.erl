%% Map patterns and expressions: construction, match (:=), update (=> and :=), keys of
%% every type, nested maps, errors badkey/badmap.
-module(pat_maps).
-export([main/1]).

describe(#{type := circle, r := R}) -> {circle, R};
describe(#{type := rect, w := W, h := H}) -> {rect, W * H};
describe(#{type := T}) -> {unknown_type, T};
describe(#{}) -> no_type;
describe(_) -> not_a_map.

get_name(#{name := N}) -> N;
get_name(_) -> anonymous.

id(X) -> X.

main(_) ->
    M0 = #{},
    M1 = M0#{a => 1},
    M2 = M1#{b => 2, c => 3},
    M3 = M2#{a := 100},
    io:format("~p ~p ~p ~p~n", [M0, M1, M2, M3]),
    io:format("~p~n", [map_size(M3)]),
    Shapes = [#{type => circle, r => 2}, #{type => rect, w => 3, h => 4},
              #{type => hexagon}, #{other => 1}, {type, circle}],
    [io:format("~p~n", [describe(S)]) || S <- Shapes],
    io:format("~p~n", [[get_name(#{name => "joe"}), get_name(#{})]]),
    %% keys of various types
    K = #{1 => int, 1.0 => float, "s" => string, {t} => tuple, [l] => list, <<"b">> => bin},
    io:format("~p~n", [K]),
    #{1 := I, 1.0 := F, {t} := T} = K,
    io:format("~p ~p ~p~n", [I, F, T]),
    %% variable keys
    Key = id(dyn),
    M4 = #{Key => value},
    #{Key := Val} = M4,
    io:format("~p ~p~n", [M4, Val]),
    %% nested maps in expressions
    Nested = #{outer => #{inner => id(deep)}},
    #{outer := #{inner := Deep}} = Nested,
    io:format("~p ~p~n", [Nested, Deep]),
    %% errors
    E1 = try (id(M1))#{zzz := 1} catch error:R1 -> R1 end,
    E2 = try (id(not_a_map))#{a => 1} catch error:R2 -> R2 end,
    E3 = try #{a := _} = id(#{b => 1}) catch error:R3 -> R3 end,
    io:format("~p~n~p~n~p~n", [E1, E2, E3]),
    %% map in guards
    G = [case X of #{a := A} when A > 1 -> big; #{a := _} -> small; _ -> none end
         || X <- [#{a => 5}, #{a => 0}, #{}]],
    io:format("~p~n", [G]),
    io:format("~p~n", [[is_map_key(a, M3), is_map_key(z, M3), map_get(b, M3)]]).
