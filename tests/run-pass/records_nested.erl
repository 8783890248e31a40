%% Nested records: records as fields and defaults, chained access and update,
%% deep patterns.
-module(records_nested).
-export([main/1]).

-record(point, {x = 0, y = 0}).
-record(rect, {top_left = #point{}, bottom_right = #point{x = 1, y = 1}, label}).
-record(scene, {items = [], origin = #point{x = 5}}).

area(#rect{top_left = #point{x = X1, y = Y1}, bottom_right = #point{x = X2, y = Y2}}) ->
    abs(X2 - X1) * abs(Y2 - Y1).

move(R = #rect{top_left = TL, bottom_right = BR}, DX, DY) ->
    R#rect{top_left = TL#point{x = TL#point.x + DX, y = TL#point.y + DY},
           bottom_right = BR#point{x = BR#point.x + DX, y = BR#point.y + DY}}.

main(_) ->
    R0 = #rect{},
    io:format("~p~n", [R0]),
    R1 = #rect{top_left = #point{x = 2, y = 3}, bottom_right = #point{x = 7, y = 9}, label = box},
    io:format("~p ~p~n", [area(R0), area(R1)]),
    R2 = move(R1, 10, -1),
    io:format("~p~n", [R2]),
    io:format("~p~n", [(R2#rect.top_left)#point.x]),
    io:format("~p~n", [R2#rect.bottom_right#point.y]),
    S = #scene{items = [R0, R1, R2]},
    io:format("~p~n", [[area(I) || I <- S#scene.items]]),
    io:format("~p~n", [S#scene.origin]),
    #scene{origin = #point{x = OX}} = S,
    io:format("~p~n", [OX]),
    S2 = S#scene{origin = (S#scene.origin)#point{y = 42}},
    io:format("~p~n", [S2#scene.origin]).
