%% erlang system BIFs: shapes and invariants of statistics/1, system_info/1, time and
%% unique values, garbage_collect, group leaders, timers with options, checksums, and
%% their badarg errors (values that differ between runtimes are never printed).
-module(erlang_system_bifs).
-export([main/1]).

-compile(nowarn_deprecated_function).
-define(P(X), p(??X, fun() -> X end)).

p(Text, F) -> io:format("~s: ~p~n", [Text, try F() catch C:R -> {C, R} end]).

id(X) -> X.

pair_of_ints({A, B}) -> is_integer(A) andalso is_integer(B) andalso A >= 0 andalso B >= 0;
pair_of_ints(_) -> false.

main(_) ->
    statistics(),
    system_info(),
    times(),
    gc(),
    leaders(),
    timers(),
    checksums(),
    misc(),
    ok.

statistics() ->
    [?P(pair_of_ints(erlang:statistics(K))) || K <- [runtime, wall_clock, reductions, exact_reductions]],
    {R1, _} = erlang:statistics(reductions),
    _ = lists:seq(1, 1000),
    {R2, _} = erlang:statistics(reductions),
    ?P(R2 >= R1),
    {W1, _} = erlang:statistics(wall_clock),
    timer:sleep(20),
    {W2, D2} = erlang:statistics(wall_clock),
    ?P(W2 - W1 >= 20),
    ?P(D2 >= 20),
    {G, Words, Z} = erlang:statistics(garbage_collection),
    ?P({is_integer(G), is_integer(Words), Z}),
    {CS, Z2} = erlang:statistics(context_switches),
    ?P({is_integer(CS), Z2}),
    {{input, I}, {output, O}} = erlang:statistics(io),
    ?P({is_integer(I), is_integer(O)}),
    ?P(is_integer(erlang:statistics(run_queue))),
    ?P(is_integer(erlang:statistics(total_run_queue_lengths))),
    ?P(is_integer(erlang:statistics(total_active_tasks))),
    ?P(lists:all(fun is_integer/1, erlang:statistics(run_queue_lengths))),
    ?P(lists:all(fun is_integer/1, erlang:statistics(active_tasks))),
    ?P(erlang:statistics(scheduler_wall_time)),
    ?P(erlang:statistics(foo)),
    ?P(erlang:statistics("runtime")).

system_info() ->
    S = erlang:system_info(schedulers),
    ?P(is_integer(S) andalso S > 0),
    ?P(erlang:system_info(schedulers_online) =< S),
    ?P(erlang:system_info(logical_processors) > 0),
    ?P(erlang:system_info(process_count) >= 1),
    ?P(erlang:system_info(process_limit) > erlang:system_info(process_count)),
    ?P(erlang:system_info(atom_count) < erlang:system_info(atom_limit)),
    ?P(erlang:system_info(atom_limit)),
    ?P(erlang:system_info(otp_release)),
    ?P(erlang:system_info(machine)),
    ?P(erlang:system_info(wordsize)),
    ?P(erlang:system_info({wordsize, external})),
    ?P(io_lib:printable_list(erlang:system_info(version))),
    ?P(io_lib:printable_list(erlang:system_info(system_architecture))),
    ?P(is_integer(erlang:system_info(thread_pool_size))),
    ?P(is_integer(erlang:system_info(port_count))),
    ?P(is_integer(erlang:system_info(port_limit))),
    ?P(is_integer(erlang:system_info(ets_limit))),
    ?P(erlang:system_info(time_warp_mode)),
    ?P(erlang:system_info(heap_type)),
    ?P(erlang:system_info(min_heap_size)),
    ?P(erlang:system_info(smp_support)),
    ?P(erlang:system_info(no_such_item)),
    ?P(erlang:system_info(42)),
    ?P(erlang:system_info({wordsize, foo})).

times() ->
    U1 = erlang:unique_integer(),
    U2 = erlang:unique_integer(),
    ?P({is_integer(U1), U1 =/= U2}),
    M1 = erlang:unique_integer([monotonic]),
    M2 = erlang:unique_integer([monotonic]),
    ?P(M2 > M1),
    ?P(erlang:unique_integer([positive]) > 0),
    ?P(erlang:unique_integer([positive, monotonic]) > 0),
    ?P(erlang:unique_integer([foo])),
    ?P(erlang:unique_integer(positive)),
    N1 = erlang:now(),
    N2 = erlang:now(),
    ?P({tuple_size(N1), N2 > N1}),
    Off = erlang:time_offset(),
    ?P(is_integer(Off)),
    Sys = erlang:system_time(second),
    Mono = erlang:monotonic_time(second),
    ?P(abs(Mono + erlang:time_offset(second) - Sys) =< 1),
    ?P(erlang:time_offset(foo)),
    ?P(erlang:posixtime_to_universaltime(0)),
    ?P(erlang:posixtime_to_universaltime(1700000000)),
    ?P(erlang:universaltime_to_posixtime({{2000, 1, 1}, {0, 0, 0}})),
    ?P(erlang:universaltime_to_posixtime({{2000, 13, 1}, {0, 0, 0}})),
    ?P(erlang:posixtime_to_universaltime(1.5)).

gc() ->
    L = lists:seq(1, 5000),
    ?P(erlang:garbage_collect()),
    ?P(length(L)),
    ?P(erlang:garbage_collect(self())),
    ?P(erlang:garbage_collect(self(), [{type, minor}])),
    ?P(erlang:garbage_collect(self(), [{type, major}])),
    ?P(erlang:garbage_collect(self(), [{type, foo}])),
    ?P(erlang:garbage_collect(foo)),
    ?P(erlang:garbage_collect(self(), [{async, my_req}])),
    receive {garbage_collect, my_req, R} -> ?P(R) after 1000 -> ?P(no_gc_answer) end,
    Pid = spawn(fun() -> receive stop -> ok end end),
    ?P(erlang:garbage_collect(Pid)),
    Pid ! stop,
    Ref = monitor(process, Pid),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    ?P(erlang:garbage_collect(Pid)),
    ?P(lists:sum(L)).

leaders() ->
    GL = group_leader(),
    ?P(is_pid(GL)),
    Self = self(),
    Child = spawn(fun() -> Self ! {gl, group_leader()} end),
    receive {gl, G1} -> ?P(G1 =:= GL) end,
    ?P(is_pid(Child)),
    Other = spawn(fun() -> receive stop -> ok end end),
    %% (nothing is printed while the leader is Other: io would wait for its answer)
    Set = group_leader(Other, self()),
    Now = group_leader() =:= Other,
    spawn(fun() -> Self ! {gl2, group_leader()} end),
    Inherited = receive {gl2, G2} -> G2 =:= Other end,
    Back = group_leader(GL, self()),
    ?P({Set, Now, Inherited, Back}),
    ?P(group_leader() =:= GL),
    io:format(group_leader(), "via the group leader~n", []),
    ?P(group_leader(foo, self())),
    ?P(group_leader(self(), foo)),
    Other ! stop.

timers() ->
    T0 = erlang:monotonic_time(millisecond),
    R1 = erlang:send_after(T0 + 10, self(), abs_msg, [{abs, true}]),
    receive abs_msg -> ?P(erlang:monotonic_time(millisecond) - T0 >= 9) end,
    ?P(erlang:read_timer(R1, [])),
    R2 = erlang:start_timer(5000, self(), tm, []),
    Left = erlang:read_timer(R2, []),
    ?P(is_integer(Left) andalso Left =< 5000),
    ?P(erlang:read_timer(R2, [{async, true}])),
    receive {read_timer, R2, L2} -> ?P(is_integer(L2)) end,
    ?P(erlang:cancel_timer(R2, [{info, false}])),
    ?P(erlang:cancel_timer(R2, [])),
    R3 = erlang:send_after(5000, self(), x, []),
    ?P(erlang:cancel_timer(R3, [{async, true}, {info, true}])),
    receive {cancel_timer, R3, L3} -> ?P(is_integer(L3)) end,
    ?P(erlang:send_after(10, self(), x, [{abs, foo}])),
    ?P(erlang:send_after(10, self(), x, [foo])),
    ?P(erlang:start_timer(10, self(), x, bad)),
    ?P(erlang:cancel_timer(foo, [])),
    ?P(erlang:cancel_timer(make_ref(), [{foo, true}])),
    ?P(erlang:send(self(), hello, [noconnect])),
    receive hello -> ?P(got_hello) end,
    ?P(erlang:send(self(), hello, [bad])),
    ?P(erlang:send(no_such_name, hello, [])).

checksums() ->
    ?P(erlang:crc32(<<"The quick brown fox">>)),
    ?P(erlang:crc32(erlang:crc32("ab"), "cd") =:= erlang:crc32("abcd")),
    ?P(erlang:crc32_combine(erlang:crc32("ab"), erlang:crc32("cd"), 2) =:= erlang:crc32("abcd")),
    ?P(erlang:adler32([<<"abc">>, "def"])),
    ?P(erlang:adler32_combine(erlang:adler32("ab"), erlang:adler32("cd"), 2) =:= erlang:adler32("abcd")),
    ?P(erlang:md5("abc")),
    C0 = erlang:md5_init(),
    ?P(byte_size(C0)),
    C1 = erlang:md5_update(C0, "a"),
    C2 = erlang:md5_update(C1, lists:duplicate(100, $b)),
    ?P(erlang:md5_final(C2) =:= erlang:md5(["a", lists:duplicate(100, $b)])),
    ?P(erlang:md5_update(<<1, 2>>, "x")),
    ?P(erlang:crc32(foo)),
    ?P(erlang:md5(<<1:3>>)).

misc() ->
    ?P(erlang:yield()),
    ?P(erlang:is_builtin(erlang, length, 1)),
    ?P(erlang:is_builtin(erlang, self, 0)),
    ?P(erlang:is_builtin(lists, no_such_function, 1)),
    ?P(erlang:is_builtin(1, 2, 3)),
    ?P(erlang:is_alive()),
    ?P(erlang:nodes()),
    ?P(erlang:nodes(this)),
    ?P(erlang:nodes([visible, hidden])),
    ?P(erlang:external_size({a, "bc", <<1, 2, 3>>})),
    ?P(erlang:external_size(foo, [{minor_version, 1}])),
    ?P(erlang:append([1, 2], [3])),
    ?P(erlang:subtract([1, 2, 3, 2], [2])),
    ?P(is_pid(erlang:list_to_pid(id("<0.5.0>")))),
    ?P(erlang:list_to_pid(id("<0.5>"))),
    R = make_ref(),
    ?P(erlang:list_to_ref(erlang:ref_to_list(R)) =:= R),
    ?P(erlang:list_to_ref("#Ref<0.1>")),
    ?P(erlang:process_flag(self(), save_calls, 0)),
    ?P(erlang:process_flag(self(), trap_exit, true)),
    ?P(is_list(erlang:memory())),
    ?P(erlang:memory(total) > 0),
    M = monitor(process, spawn(fun() -> ok end), []),
    receive {'DOWN', M, process, _, Why} -> ?P(Why) end,
    ?P(erlang:monitor(process, self(), foo)),
    ?P(erlang:display_string(foo)),
    ?P(erlang:halt(0, [foo])).
