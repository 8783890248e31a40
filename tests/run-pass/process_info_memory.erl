%% erlang:memory/0,1 shapes, process_info items with deterministic values, and the
%% max_heap_size process flag (only the offending process is killed, reason killed).
-module(process_info_memory).
-export([main/1]).

main(_) ->
    M = erlang:memory(),
    io:format("~p~n", [[K || {K, _} <- M]]),
    io:format("~p~n", [all_non_neg(M)]),
    io:format("~p~n", [is_integer(erlang:memory(processes))]),
    io:format("~p~n", [[K || {K, _} <- erlang:memory([total, binary])]]),
    io:format("~p~n", [err(fun() -> erlang:memory(bogus) end)]),
    io:format("~p~n", [erlang:memory(total) >= erlang:memory(processes)]),
    self() ! one,
    self() ! {two, [2]},
    io:format("~p~n", [process_info(self(), messages)]),
    io:format("~p~n", [process_info(self(), [message_queue_len, status, trap_exit, priority])]),
    receive one -> ok end,
    receive {two, _} -> ok end,
    io:format("~p~n", [process_info(self(), messages)]),
    {max_heap_size, MH} = process_info(self(), max_heap_size),
    io:format("~p~n", [mh(MH)]),
    io:format("~p~n", [mh(process_flag(max_heap_size, 100000))]),
    io:format("~p~n", [mh(process_flag(max_heap_size, #{size => 0, kill => false}))]),
    io:format("~p~n", [mh(process_flag(max_heap_size, #{size => 0, kill => true, error_logger => true}))]),
    io:format("~p~n", [err(fun() -> process_flag(max_heap_size, 100) end)]),
    io:format("~p~n", [err(fun() -> process_flag(max_heap_size, #{kill => true}) end)]),
    io:format("~p~n", [err(fun() -> process_flag(max_heap_size, #{size => 1000, kill => maybe}) end)]),
    {Pid, Ref} = spawn_monitor(fun() ->
        process_flag(max_heap_size, #{size => 2000, error_logger => false}),
        grow([], 0)
    end),
    receive {'DOWN', Ref, process, Pid, Why} -> io:format("down ~p~n", [Why]) end,
    %% the killer flag does not spread: we are alive and can still grow
    io:format("~p~n", [length(grow_to(20000, []))]).

all_non_neg([{_, V} | T]) when is_integer(V), V >= 0 -> all_non_neg(T);
all_non_neg([]) -> true;
all_non_neg(_) -> false.

%% (printed as a tuple: the test does not depend on io_lib's map printing)
mh(#{size := S, kill := K, error_logger := E}) -> {S, K, E}.

err(F) -> try F() catch C:R -> {C, R} end.

grow(L, N) -> grow([N | L], N + 1).

grow_to(0, L) -> L;
grow_to(N, L) -> grow_to(N - 1, [N | L]).
