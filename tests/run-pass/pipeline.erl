%% Seed ("Erlang 101", pipeline pattern): stages as processes, each transforming the
%% data and passing it to the next; the last stage sends results to a collector.
-module(pipeline).
-export([main/1]).

stage(F, Next) ->
    receive
        {data, X} ->
            case F(X) of
                drop -> ok;
                Y -> Next ! {data, Y}
            end,
            stage(F, Next);
        eof ->
            Next ! eof
    end.

collector(Parent, Acc) ->
    receive
        {data, X} -> collector(Parent, [X | Acc]);
        eof -> Parent ! {results, lists:reverse(Acc)}
    end.

build(Stages, Sink) ->
    lists:foldr(fun(F, Next) -> spawn(fun() -> stage(F, Next) end) end, Sink, Stages).

main(_) ->
    Self = self(),
    Sink = spawn(fun() -> collector(Self, []) end),
    Head = build([fun(X) -> X * 3 end,
                  fun(X) when X rem 2 =:= 0 -> drop; (X) -> X end,
                  fun(X) -> {odd_triple, X} end], Sink),
    [Head ! {data, X} || X <- lists:seq(1, 20)],
    Head ! eof,
    receive {results, R} -> io:format("~p~n", [R]) end,
    %% a long pipeline of 100 incrementing stages
    Sink2 = spawn(fun() -> collector(Self, []) end),
    Head2 = build(lists:duplicate(100, fun(X) -> X + 1 end), Sink2),
    [Head2 ! {data, X} || X <- [0, 1000]],
    Head2 ! eof,
    receive {results, R2} -> io:format("~p~n", [R2]) end.
