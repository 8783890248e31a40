%% try ... of ... catch ... after with the three classes, class-qualified patterns,
%% default class (throw), stack trace variables, try_clause, after ordering.
-module(try_classes).
-export([main/1]).

do(throw) -> throw(thrown);
do(error) -> error(failed);
do(exit) -> exit(exited);
do(badarith) -> 1 / zero();
do({value, V}) -> V.

zero() -> 0.

classify(What) ->
    try do(What) of
        ok -> got_ok;
        V -> {value, V}
    catch
        thrown -> {caught_default_throw};
        error:failed -> {error_failed};
        exit:Reason -> {exit, Reason};
        Class:Reason:Stack -> {Class, Reason, is_list(Stack)}
    end.

with_after(What) ->
    Self = self(),
    try do(What)
    after
        Self ! {after_ran, What}
    end.

main(_) ->
    [io:format("~p~n", [classify(W)]) || W <- [throw, error, exit, badarith, {value, ok}, {value, 7}]],
    R1 = (catch with_after({value, 1})),
    R2 = (catch with_after(throw)),
    R3 = (catch with_after(error)),
    io:format("~p~n", [[R1, R2, element(1, R3)]]),
    io:format("~p~n", [flush()]),
    %% try_clause
    R4 = try try zero() of 2 -> two catch nothing -> x end catch error:E -> E end,
    io:format("~p~n", [R4]),
    %% exception in the of-clauses is not caught by the same try
    R5 = try
             try 1 of 1 -> throw(from_of) catch throw:_ -> inner end
         catch throw:T -> {outer, T}
         end,
    io:format("~p~n", [R5]),
    %% after runs on success and its value is ignored
    R6 = try 10 after 20 end,
    io:format("~p~n", [R6]),
    %% catch-all without class catches only throws
    R7 = try try exit(x) catch _ -> caught end catch exit:x -> exit_passed end,
    io:format("~p~n", [R7]),
    %% the stack trace is a list
    R8 = try error(e) catch error:e:St -> is_list(St) end,
    io:format("~p~n", [R8]),
    io:format("~p~n", [order()]).

order() ->
    put(log, []),
    Log = fun(X) -> put(log, [X | get(log)]) end,
    try
        Log(body),
        throw(t)
    catch
        throw:t -> Log(handler)
    after
        Log('after')
    end,
    lists:reverse(get(log)).

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.
