-module(eu_procs).
-include_lib("eunit/include/eunit.hrl").

echo_test() ->
    P = spawn(fun() -> receive {From, M} -> From ! {self(), M} end end),
    P ! {self(), hi},
    receive {P, R} -> ?assertEqual(hi, R) end.

monitor_test() ->
    {P, Ref} = spawn_monitor(fun() -> exit(done) end),
    receive {'DOWN', Ref, process, P, Why} -> ?assertEqual(done, Why) end.

trap_exit_test() ->
    process_flag(trap_exit, true),
    P = spawn_link(fun() -> exit(crash) end),
    receive {'EXIT', P, R} -> ?assertEqual(crash, R) end,
    process_flag(trap_exit, false).

registered_test() ->
    register(eu_procs_reg, self()),
    ?assertEqual(self(), whereis(eu_procs_reg)),
    unregister(eu_procs_reg).

wrong_reply_test() ->
    P = spawn(fun() -> receive {From, _} -> From ! other end end),
    P ! {self(), x},
    receive Msg -> ?assertEqual(expected, Msg) end.
