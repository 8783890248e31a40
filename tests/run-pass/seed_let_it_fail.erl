%% Seed ("Erlang: the driver behind WhatsApp's success", "Let It Fail"): the defensive
%% convert/1 with a catch-all returning {error, unknown_day} versus the offensive one that
%% simply has no clause for bad input and crashes (function_clause), with the crash
%% contained in its own process.
-module(seed_let_it_fail).
-export([main/1]).

defensive(monday) -> 1;
defensive(tuesday) -> 2;
defensive(wednesday) -> 3;
defensive(thursday) -> 4;
defensive(friday) -> 5;
defensive(saturday) -> 6;
defensive(sunday) -> 7;
defensive(_) -> {error, unknown_day}.

convert(monday) -> 1;
convert(tuesday) -> 2;
convert(wednesday) -> 3;
convert(thursday) -> 4;
convert(friday) -> 5;
convert(saturday) -> 6;
convert(sunday) -> 7.

main(_) ->
    Days = [monday, tuesday, wednesday, thursday, friday, saturday, sunday, funday],
    io:format("~p~n", [[defensive(D) || D <- Days]]),
    io:format("~p~n", [[try convert(D) catch error:R -> R end || D <- Days]]),
    %% let it fail: the worker crashes, the caller learns why through a monitor
    {Pid, Ref} = spawn_monitor(fun() -> exit({converted, convert(sunday)}) end),
    receive {'DOWN', Ref, process, Pid, Why} -> io:format("~p~n", [Why]) end,
    process_flag(trap_exit, true),
    P2 = spawn_link(fun() -> exit(try convert(funday) catch error:E -> E end) end),
    receive {'EXIT', P2, Why2} -> io:format("~p~n", [Why2]) end.
