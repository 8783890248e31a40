%% A program of several modules: remote calls, funs passed across modules.
-module(multi).
-export([main/1]).

main(_) ->
    erlang:display(multi_util:sum([1, 2, 3, 4])),
    erlang:display(multi_util:map(fun(X) -> X * X end, [1, 2, 3])),
    F = fun multi_util:double/1,
    erlang:display(F(21)),
    erlang:display(try multi_util:missing(1) catch error:R -> {caught, R} end).
