%% Exceptions inside guards make the guard fail silently, for every raising guard BIF and
%% operator, including inside andalso/orelse and nested arithmetic; the same expressions in
%% bodies raise.
-module(guard_exceptions).
-export([main/1]).

id(X) -> X.

g(X) when hd(X) > 0 -> hd;
g(X) when tl(X) =:= [] -> tl;
g(X) when element(2, X) =:= b -> element;
g(X) when length(X) > 100 -> length;
g(X) when X / 0 > 1 -> div_zero;
g(X) when byte_size(X) > 0 -> byte_size;
g(X) when map_get(k, X) =:= v -> map_get;
g(X) when abs(X) > 1000 -> abs;
g(X) when X + 1 > 0 orelse true -> orelse_alt;
g(_) -> none.

main(_) ->
    Inputs = [[1], [-1], {a, b}, {a}, <<"x">>, #{k => v}, #{}, 5000, "abc", atom, 2.5],
    io:format("~p~n", [[{I, g(I)} || I <- Inputs]]),
    Body = [fun() -> hd(id([])) end, fun() -> element(3, id({a})) end, fun() -> id(1) / 0 end,
            fun() -> byte_size(id(a)) end, fun() -> map_get(k, id(#{})) end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Body]]).
