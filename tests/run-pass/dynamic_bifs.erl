%% BIFs called dynamically (apply/3 with run-time argument lists, fun erlang:F/A,
%% M:F(...) with variable parts): operators, pure BIFs and process BIFs all live in the
%% export table like any exported function.
-module(dynamic_bifs).
-export([main/1]).

id(X) -> X.

main(_) ->
    Ops = ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor', 'bsl', 'bsr',
           '==', '/=', '=:=', '=/=', '<', '=<', '>', '>='],
    io:format("~p~n", [[apply(erlang, Op, id([12, 5])) || Op <- Ops]]),
    io:format("~p~n", [[apply(erlang, Op, id([X])) || {Op, X} <- [{'-', 3}, {'+', 3}, {'bnot', 3}, {'not', true}]]]),
    io:format("~p~n", [[apply(erlang, Op, id([true, false])) || Op <- ['and', 'or', 'xor']]]),
    io:format("~p~n", [lists:foldl(fun erlang:'+'/2, 0, [1, 2, 3])]),
    io:format("~p~n", [lists:map(fun erlang:abs/1, [-1, 2, -3])]),
    io:format("~p~n", [lists:map(fun erlang:atom_to_list/1, [a, bc])]),
    io:format("~p~n", [[apply(erlang, F, id(A)) || {F, A} <- [{element, [2, {a, b}]}, {tuple_size, [{}]},
                                                                {length, [[1, 2]]}, {hd, [[h]]}]]]),
    M = id(erlang), F = id(self),
    io:format("~p~n", [M:F() =:= self()]),
    io:format("~p~n", [is_reference(apply(erlang, make_ref, id([])))]),
    Send = fun erlang:'!'/2,
    Send(self(), via_bang),
    apply(erlang, send, id([self(), via_send])),
    io:format("~p~n", [[receive X -> X end || _ <- [1, 2]]]),
    apply(erlang, put, id([key, value])),
    io:format("~p~n", [apply(erlang, get, id([key]))]),
    {Pid, Ref} = apply(erlang, spawn_monitor, id([fun() -> exit(done) end])),
    receive {'DOWN', Ref, process, Pid, R} -> io:format("~p~n", [R]) end,
    {_, Ref2} = spawn_monitor(fun() -> apply(erlang, exit, id([self(), kill])), exit(not_reached) end),
    receive {'DOWN', Ref2, process, _, R2} -> io:format("~p~n", [R2]) end,
    io:format("~p~n", [try apply(erlang, '+', id([a, 1])) catch error:E -> E end]),
    io:format("~p~n", [try apply(erlang, no_such_bif, id([])) catch error:E2 -> E2 end]).
