%% -import of functions from another module, calling and taking funs of imported and
%% auto-imported functions, and -compile({no_auto_import, ...}) with a local function
%% that shadows a BIF name.
-module(imports_autoimport).
-export([main/1]).
-import(lists, [reverse/1, foldl/3]).
-compile({no_auto_import, [size/1]}).

size(X) -> {my_size, X}.

main(_) ->
    io:format("~p~n", [reverse([1, 2, 3])]),
    io:format("~p~n", [foldl(fun(X, A) -> X + A end, 0, [1, 2, 3])]),
    io:format("~p~n", [size({a, b})]),
    io:format("~p~n", [erlang:size({a, b})]),
    S = fun size/1,
    io:format("~p~n", [S(x)]),
    L = fun length/1,
    T = fun tuple_size/1,
    I = fun integer_to_list/2,
    io:format("~p ~p ~p~n", [L([1, 2]), T({1}), I(255, 16)]),
    Self = fun self/0,
    io:format("~p~n", [Self() =:= self()]),
    io:format("~p~n", [[F(X) || {F, X} <- [{fun abs/1, -3}, {fun atom_to_list/1, ok}, {fun hd/1, [h]}]]]).
