%% erlang:raise/3 re-raises with the given class and reason; error/2 and error/3;
%% exit/2 to self is not tested here; badarg from raise with a bad class.
-module(raise).
-export([main/1]).

reraise(F) ->
    try F()
    catch Class:Reason:Stack -> erlang:raise(Class, {wrapped, Reason}, Stack)
    end.

main(_) ->
    [io:format("~p~n", [try reraise(F) catch C:R -> {C, R} end])
     || F <- [fun() -> throw(t) end, fun() -> error(e) end, fun() -> exit(x) end, fun() -> ok end]],
    R1 = try erlang:raise(throw, direct, []) catch throw:direct -> caught_direct end,
    io:format("~p~n", [R1]),
    R2 = try erlang:raise(error, {my, reason}, []) catch error:{my, X} -> X end,
    io:format("~p~n", [R2]),
    %% a bad class makes raise/3 return badarg (it is an error itself)
    R3 = try erlang:raise(bad_class, r, []) catch error:E -> {error, E} end,
    io:format("~p~n", [R3]),
    R4 = try error(with_args, [1, 2]) catch error:with_args -> ok end,
    io:format("~p~n", [R4]),
    R5 = try error(with_opts, [a], [{error_info, #{}}]) catch error:with_opts -> ok end,
    io:format("~p~n", [R5]),
    R6 = try throw({a, [nested, {terms}]}) catch throw:{a, [_, {T}]} -> T end,
    io:format("~p~n", [R6]).
