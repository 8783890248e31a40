%% erlang:spawn_opt/2-5 and spawn/spawn_link/spawn_monitor with a node: options
%% (link, monitor, heap sizes, max_heap_size killing the process, accepted no-op
%% options), results ({Pid, Ref} with monitor) and badarg for bad options and nodes.
-module(spawn_opt).
-export([main/1, child/1, hog/0]).

-define(P(X), p(??X, fun() -> X end)).

p(Text, F) -> io:format("~s: ~p~n", [Text, try F() catch C:R -> {C, R} end]).

child(Parent) -> Parent ! {child, self()}.

hog() -> hog([]).
hog(L) -> hog([lists:seq(1, 100) | L]).

wait_down(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 5000 -> timeout end.

main(_) ->
    process_flag(trap_exit, true),
    Self = self(),
    P1 = spawn_opt(fun() -> Self ! {hi, self()} end, []),
    receive {hi, P1} -> ?P(plain) end,
    P2 = spawn_opt(fun() -> exit(boom) end, [link]),
    receive {'EXIT', P2, R2} -> ?P(R2) end,
    {P3, M3} = spawn_opt(fun() -> exit(bye) end, [monitor]),
    ?P({is_pid(P3), is_reference(M3), wait_down(M3)}),
    {P4, M4} = spawn_opt(fun() -> ok end, [link, monitor, {min_heap_size, 1000},
                                           {min_bin_vheap_size, 100}, {priority, high},
                                           {fullsweep_after, 10},
                                           {message_queue_data, off_heap}]),
    ?P(wait_down(M4)),
    receive {'EXIT', P4, R4} -> ?P(R4) end,
    {_, M5} = spawn_opt(fun hog/0, [monitor, {max_heap_size, #{size => 10000, kill => true,
                                                                error_logger => false}}]),
    ?P(wait_down(M5)),
    {_, M6} = spawn_opt(?MODULE, child, [Self], [monitor]),
    receive {child, _} -> ?P(mfa_child) end,
    ?P(wait_down(M6)),
    {_, M7} = spawn_opt(node(), ?MODULE, child, [Self], [monitor]),
    receive {child, _} -> ?P(mfa_child_node) end,
    ?P(wait_down(M7)),
    {_, M8} = spawn_opt(node(), fun() -> Self ! node_fun end, [monitor]),
    receive node_fun -> ?P(node_fun) end,
    ?P(wait_down(M8)),
    ?P(spawn_opt(fun() -> ok end, [bogus])),
    ?P(spawn_opt(fun() -> ok end, [{priority, urgent}])),
    ?P(spawn_opt(fun() -> ok end, [{min_heap_size, -1}])),
    ?P(spawn_opt(fun() -> ok end, [{message_queue_data, sometimes}])),
    ?P(spawn_opt(fun() -> ok end, [link | monitor])),
    ?P(spawn_opt(fun() -> ok end, foo)),
    ?P(spawn_opt(42, [])),
    ?P(spawn_opt(?MODULE, child, not_a_list, [])),
    ?P(spawn_opt("m", child, [], [])),
    P9 = spawn(node(), fun() -> Self ! s2 end),
    receive s2 -> ?P(is_pid(P9)) end,
    P10 = spawn(node(), ?MODULE, child, [Self]),
    receive {child, P10} -> ?P(spawn4) end,
    P11 = spawn_link(node(), fun() -> exit(linked2) end),
    receive {'EXIT', P11, R11} -> ?P(R11) end,
    P12 = spawn_link(node(), erlang, exit, [linked4]),
    receive {'EXIT', P12, R12} -> ?P(R12) end,
    {_, M13} = spawn_monitor(node(), fun() -> exit(mon2) end),
    ?P(wait_down(M13)),
    {_, M14} = spawn_monitor(node(), erlang, exit, [mon4]),
    ?P(wait_down(M14)),
    ?P(spawn("node", fun() -> ok end)),
    ?P(spawn(42, ?MODULE, child, [Self])),
    ?P(spawn_link(1.5, fun() -> ok end)),
    ?P(spawn_monitor({}, erlang, exit, [x])),
    ok.
