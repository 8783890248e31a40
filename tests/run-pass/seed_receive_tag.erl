%% Seed ("Erlang: the driver behind WhatsApp's success"): receiving messages by pattern
%% and guard: receive {tag, Value} -> Value; N when is_integer(N) -> N + 42 end.
-module(seed_receive_tag).
-export([main/1]).

recv() ->
    receive
        {tag, Value} -> Value;
        N when is_integer(N) -> N + 42
    end.

main(_) ->
    self() ! not_matched,
    self() ! 0,
    self() ! {tag, hello},
    self() ! {tag, 1.5},
    self() ! 100,
    io:format("~p~n", [[recv() || _ <- [1, 2, 3, 4]]]),
    io:format("~p~n", [receive Other -> Other after 0 -> none end]).
