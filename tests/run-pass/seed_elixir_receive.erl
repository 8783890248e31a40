%% Seed (notes on the BEAM process model; the snippets are Elixir): spawn a process that
%% prints, send a message to self and receive it with a fallback clause and an `after`.
%% Written in Erlang.
-module(seed_elixir_receive).
-export([main/1]).

main(_) ->
    Parent = self(),
    Pid = spawn(fun() -> io:format("New processs.~n"), Parent ! printed end),
    receive printed -> ok end,
    io:format("~p~n", [is_pid(Pid)]),
    self() ! {message, 1},
    recv(),
    self() ! {other, 2},
    recv(),
    recv().

recv() ->
    receive
        {message, Id} -> io:format("~p~n", [Id]);
        {_, _} -> io:format("No match.~n")
    after
        50 -> io:format("Message not received~n")
    end.
