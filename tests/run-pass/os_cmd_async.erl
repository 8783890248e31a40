%% os:cmd/1,2 does not stop other processes: a ticker keeps printing while a command
%% runs; several commands run at once; max_size truncates the output (bytes).
-module(os_cmd_async).
-export([main/1]).

main(_) ->
    Self = self(),
    Ticker = spawn(fun() -> tick(Self, 0) end),
    receive ticking -> ok end,
    Out = os:cmd("sleep 0.15; echo done"),
    Ticker ! {stop, self()},
    N = receive {ticks, T} -> T end,
    io:format("cmd: ~p, ticker ran during it: ~p~n", [Out, N >= 5]),
    %% commands in parallel: all finish in about the time of one
    T0 = erlang:monotonic_time(millisecond),
    Ps = [spawn_cmd(Self, I) || I <- lists:seq(1, 4)],
    Rs = [receive {P, R} -> R end || P <- Ps],
    T1 = erlang:monotonic_time(millisecond),
    io:format("parallel: ~p, overlapped: ~p~n", [Rs, T1 - T0 < 300]),
    p(max_10, os:cmd("yes", #{max_size => 10})),
    p(max_inf, os:cmd("printf abc", #{max_size => infinity})),
    p(max_big, os:cmd("printf abc", #{max_size => 100})),
    p(max_exact, os:cmd("printf abc", #{max_size => 3})),
    p(max_0, os:cmd("printf abc", #{max_size => 0})),
    p(max_utf8_cut, os:cmd("printf '\\303\\251\\303\\251'", #{max_size => 3})),
    p(max_utf8, os:cmd("printf '\\303\\251\\303\\251'", #{max_size => 4})),
    p(empty_opts, os:cmd("echo x", #{})),
    p(nul, os:cmd("printf 'a\\000b'")),
    p(big_output, length(os:cmd("seq 1 20000"))),
    p(stderr, os:cmd("echo e 1>&2; echo o")),
    p(in_catch, catch os:cmd("echo c")),
    p(background_job_does_not_block, os:cmd("sleep 1 & echo bg")),
    p(eot_ends_output, os:cmd("printf 'ab\\004cd'")),
    p(trailing_nuls, os:cmd([$e, "cho", [" z", 0, 0]])),
    p(atom_cmd, os:cmd('echo atom')),
    p(syntax_error_output, os:cmd("echo (") =/= []),
    p(unicode_cmd, os:cmd("echo \x{3b1}")),
    p(nul_inside, catch_class(fun() -> os:cmd([$e, 0, $x]) end)),
    p(bad_char, catch_class(fun() -> os:cmd([$e, -1]) end)),
    p(max_atom, os:cmd("printf abc", #{max_size => foo})),
    p(other_opt, os:cmd("printf abc", #{foo => 1})),
    p(bad, catch_class(fun() -> os:cmd({x}) end)),
    p(bad_opts, catch_class(fun() -> os:cmd("echo", [max_size]) end)),
    p(messages_left, process_info(self(), message_queue_len)),
    ok.

spawn_cmd(Parent, I) ->
    spawn(fun() ->
                  R = os:cmd("sleep 0.1; echo " ++ integer_to_list(I)),
                  Parent ! {self(), R}
          end).

tick(Parent, 0) -> Parent ! ticking, tick2(Parent, 0);
tick(Parent, N) -> tick2(Parent, N).
tick2(Parent, N) ->
    receive
        {stop, From} -> From ! {ticks, N}
    after 10 ->
            tick(Parent, N + 1)
    end.

catch_class(F) ->
    try F() of V -> {value, V}
    catch C:R -> {C, R}
    end.

p(Tag, V) ->
    io:format("~p: ~p~n", [Tag, V]).
