%% catch Expr: the values it gives for each class ({'EXIT', {Reason, Stack}} for errors,
%% {'EXIT', Reason} for exits, the thrown term for throws), precedence, and nesting.
-module(catch_expr).
-export([main/1]).

id(X) -> X.

main(_) ->
    io:format("~p~n", [catch 42]),
    io:format("~p~n", [catch throw(ball)]),
    io:format("~p~n", [catch exit(gone)]),
    {'EXIT', {Reason, Stack}} = catch error(oops),
    io:format("~p ~p~n", [Reason, is_list(Stack)]),
    {'EXIT', {badarith, _}} = catch 1 + id(a),
    io:format("badarith caught~n"),
    {'EXIT', {{badmatch, 2}, _}} = catch (1 = id(2)),
    io:format("badmatch caught~n"),
    {'EXIT', {function_clause, _}} = catch f(b),
    io:format("function_clause caught~n"),
    {'EXIT', {{case_clause, z}, _}} = catch (case id(z) of a -> a end),
    io:format("case_clause caught~n"),
    X = (catch throw({complex, [1, 2]})),
    io:format("~p~n", [X]),
    %% catch binds weaker than =, so parentheses matter
    Y = (catch id(5)),
    io:format("~p~n", [Y]),
    io:format("~p~n", [catch (catch throw(inner))]),
    io:format("~p~n", [[catch throw(N) || N <- [1, 2, 3]]]),
    io:format("~p~n", [catch exit(normal)]),
    io:format("~p~n", [catch erlang:throw({'EXIT', fake})]),
    io:format("~p~n", [(catch error(x, [a, b])) =/= x]).

f(a) -> a.
