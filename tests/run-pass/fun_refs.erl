%% fun F/A and fun M:F/A references: calling them, passing them, comparing, arity,
%% with variables for M, F and A, and erlang:fun_info.
-module(fun_refs).
-export([main/1, triple/1, add/2]).

triple(X) -> X * 3.
add(X, Y) -> X + Y.
local_sq(X) -> X * X.

apply_all(Fs, X) -> [F(X) || F <- Fs].

main(_) ->
    L = fun local_sq/1,
    E = fun fun_refs:triple/1,
    io:format("~p~n", [apply_all([L, E, fun triple/1], 7)]),
    io:format("~p~n", [lists:map(fun ?MODULE:triple/1, [1, 2, 3])]),
    io:format("~p~n", [lists:foldl(fun add/2, 0, [1, 2, 3, 4])]),
    M = fun_refs, F = add, A = 2,
    Dyn = fun M:F/A,
    io:format("~p~n", [Dyn(20, 22)]),
    io:format("~p~n", [Dyn =:= fun fun_refs:add/2]),
    io:format("~p~n", [E =:= fun ?MODULE:triple/1]),
    io:format("~p~n", [[is_function(L, 1), is_function(E, 1), is_function(Dyn, 3)]]),
    io:format("~p~n", [erlang:fun_info(E, module)]),
    io:format("~p~n", [erlang:fun_info(E, name)]),
    io:format("~p~n", [erlang:fun_info(E, arity)]),
    io:format("~p~n", [erlang:fun_info(L, arity)]),
    io:format("~p~n", [E]),
    io:format("~p~n", [fun erlang:abs/1]),
    io:format("~p~n", [(fun erlang:abs/1)(-5)]),
    io:format("~p~n", [(fun erlang:element/2)(2, {a, b})]),
    Undef = fun fun_refs:nope/0,
    R = try Undef() catch error:Reason -> Reason end,
    io:format("~p~n", [R]).
