%% Seed (WhatsApp / message passing article, "Fehlertoleranz"): a worker that may crash
%% and a supervisor that monitors it and restarts it. The seed's supervisor module is
%% named `supervisor` (OTP's own module name) and calls spawn/2 with a fun and a list;
%% here it is `seed_sup`, started with spawn/3. The driver crashes the worker twice and
%% checks that a fresh worker answers each time.
-module(seed_supervisor).
-export([main/1]).

main(_) ->
    Sup = seed_sup:start(self()),
    W1 = wait_worker(),
    W1 ! {message, "first worker alive"},
    W1 ! {crash, disk_failure},
    W2 = wait_worker(),
    io:format("restarted: ~p~n", [W2 =/= W1]),
    W2 ! {message, "second worker alive"},
    W2 ! {crash, network_failure},
    W3 = wait_worker(),
    W3 ! {message, "third worker alive"},
    W3 ! {report, self()},
    receive {worker_ok, W3} -> io:format("worker answered~n") end,
    exit(Sup, kill),
    ok.

wait_worker() ->
    receive {worker_started, Pid} -> Pid end.
