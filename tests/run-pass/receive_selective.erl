%% Selective receive: messages taken out of order by pattern and guard, the rest kept
%% in arrival order; receive with bound variables (refs), and a priority scheme.
-module(receive_selective).
-export([main/1]).

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

main(_) ->
    Self = self(),
    [Self ! M || M <- [{low, 1}, {high, 2}, other, {low, 3}, {high, 4}, {num, 10}, {num, -5}]],
    H1 = receive {high, X} -> X end,
    H2 = receive {high, Y} -> Y end,
    io:format("~p ~p~n", [H1, H2]),
    Neg = receive {num, N} when N < 0 -> N end,
    io:format("~p~n", [Neg]),
    io:format("~p~n", [flush()]),
    %% a reference bound before the receive selects only its reply
    Ref1 = make_ref(), Ref2 = make_ref(),
    Self ! {Ref2, second},
    Self ! {Ref1, first},
    A = receive {Ref1, V1} -> V1 end,
    B = receive {Ref2, V2} -> V2 end,
    io:format("~p ~p~n", [A, B]),
    %% priority: urgent messages first, then normal, in order
    [Self ! M || M <- [{normal, a}, {urgent, b}, {normal, c}, {urgent, d}]],
    io:format("~p~n", [prio()]),
    %% receive several clauses with different shapes
    [Self ! M || M <- [{add, 1, 2}, {mul, 3, 4}, {neg, 5}, stop]],
    io:format("~p~n", [calc([])]).

prio() ->
    receive {urgent, U} -> [U | prio()]
    after 0 ->
        receive {normal, N} -> [N | prio()]
        after 0 -> []
        end
    end.

calc(Acc) ->
    receive
        {add, A, B} -> calc([A + B | Acc]);
        {mul, A, B} -> calc([A * B | Acc]);
        {neg, A} -> calc([-A | Acc]);
        stop -> lists:reverse(Acc)
    end.
