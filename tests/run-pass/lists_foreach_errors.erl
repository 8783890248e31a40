%% lists:foreach/2 checks its fun before walking the list (function_clause in foreach
%% for a fun of another arity or a non-fun, even on []), and an improper list fails in
%% the walk (function_clause in foreach_1), as OTP's.
-module(lists_foreach_errors).
-export([main/1]).

main(_) ->
    Cases = [{fun(_, _) -> ok end, [1]}, {fun(_, _) -> ok end, []}, {notfun, [1]},
             {fun(_) -> ok end, improper}, {fun(_) -> ok end, [1, 2 | tail]},
             {fun(X) -> put(last, X) end, [a, b, c]}],
    [io:format("~p~n", [run(F, L)]) || {F, L} <- Cases],
    io:format("~p~n", [get(last)]).

run(F, L) ->
    try lists:foreach(F, L)
    catch C:R:St ->
        {M, Fn, A, _} = hd(St),
        {C, R, M, Fn, if is_list(A) -> length(A); true -> A end}
    end.
