%% process_info(Pid, current_function) and the other items of another process from
%% compiled code: for the caller itself (in tail position too, inside a fun, a try),
%% for a process waiting in a receive inside a named function or a fun, after it moved
%% on, and for a dead one; process_info/1's items.
-module(process_info_current).
-export([main/1, waiter/1]).

waiter(Parent) ->
    Parent ! ready,
    receive
        {wait_more, From} ->
            From ! moved,
            second_wait();
        stop -> ok
    end.

second_wait() ->
    receive stop -> ok end.

tailcall() -> process_info(self(), current_function).
nontail() -> R = process_info(self(), current_function), R.
in_try() -> try process_info(self(), [current_function, status]) catch _:_ -> error end.
remote() -> erlang:process_info(self(), current_function).
applied() -> apply(erlang, process_info, [self(), current_function]).

keys(L) -> [K || {K, _} <- L].

main(_) ->
    io:format("~p~n~p~n~p~n~p~n", [tailcall(), nontail(), in_try(), remote()]),
    io:format("~p~n", [applied()]),
    F = fun() -> process_info(self(), current_function) end,
    io:format("~p~n", [[F(), F()]]),
    Self = self(),
    P = spawn(?MODULE, waiter, [Self]),
    receive ready -> ok end,
    timer:sleep(20),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("~p~n", [process_info(P, [current_function, status, message_queue_len,
                                        registered_name, trap_exit, links, dictionary,
                                        messages, priority, monitors, monitored_by])]),
    io:format("~p~n", [keys(process_info(P))]),
    register(the_waiter, P),
    link(P),
    P ! {wait_more, self()},
    receive moved -> ok end,
    timer:sleep(20),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("~p~n", [process_info(P, [registered_name, status])]),
    io:format("~p~n", [process_info(P, links) =:= {links, [self()]}]),
    io:format("~p~n", [keys(process_info(P))]),
    Ref = monitor(process, P),
    io:format("~p~n", [process_info(P, monitored_by) =:= {monitored_by, [self()]}]),
    P ! hello,
    timer:sleep(10),
    io:format("~p~n", [process_info(P, [message_queue_len, messages])]),
    unlink(P),
    P ! stop,
    receive {'DOWN', Ref, process, P, normal} -> ok end,
    io:format("~p ~p~n", [process_info(P, current_function), process_info(P)]),
    Q = spawn(fun() -> put(k, v), receive x -> ok end end),
    timer:sleep(20),
    io:format("~p~n", [process_info(Q, [current_function, dictionary])]),
    {memory, M} = process_info(Q, memory),
    {heap_size, H} = process_info(Q, heap_size),
    io:format("~p~n", [is_integer(M) andalso M > 0 andalso is_integer(H) andalso H > 0]),
    exit(Q, kill),
    io:format("~p~n", [keys(process_info(self()))]),
    [io:format("~p~n", [err(Fun)]) || Fun <- [fun() -> process_info(self(), bad_item) end,
                                            fun() -> process_info(not_a_pid, status) end,
                                            fun() -> process_info(P, [status | bad]) end,
                                            fun() -> process_info(P, bad_item) end]].

%% The error and the first entry of its stack trace.
err(F) ->
    try F() of
        V -> {value, V}
    catch
        C:R:St -> {C, R, hd(St) =:= hd(St), element(1, hd(St)), element(2, hd(St)),
                   length(element(3, hd(St)))}
    end.
