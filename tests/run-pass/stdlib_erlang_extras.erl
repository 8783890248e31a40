-module(stdlib_erlang_extras).
-export([main/1, add/2]).

%% erlang:make_fun/3, fun_info/1,2, error/3, date/time BIF shapes, os:timestamp.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

add(A, B) -> A + B.

main(_) ->
    F = erlang:make_fun(id(?MODULE), id(add), id(2)),
    %% (escript renames the module: its name is not printed)
    p({F(1, 2), tl(erlang:fun_info(F)), erlang:fun_info(F, arity)}),
    M = erlang:make_fun(id(lists), id(map), id(2)),
    p({M, erlang:fun_info(M)}),
    G = erlang:make_fun(lists, id(reverse), 1),
    p(G([1, 2, 3])),
    H = erlang:make_fun(id(nomod), nofun, 0),
    p(run(H)),
    X = id(5),
    L = fun(Y) -> X + Y end,
    p([erlang:fun_info(L, I) || I <- [arity, env, type]]),
    p(run(fun() -> erlang:fun_info(L, id(bad)) end)),
    p(run(fun() -> erlang:make_fun(id(1), a, 1) end)),
    p(run(fun() -> erlang:error(id(badarg), [1, 2], [{error_info, maps:new()}]) end)),
    {D, T} = {date(), time()},
    p({tuple_size(D), tuple_size(T), tuple_size(os:timestamp()), tuple_size(erlang:localtime()),
       tuple_size(erlang:universaltime())}),
    p(erlang:universaltime_to_localtime({{2020, 1, 1}, {0, 0, 0}}) =/= x),
    p(run(fun() -> erlang:universaltime_to_localtime(id({{2020, 2, 30}, {0, 0, 0}})) end)),
    ok.
