%% init:stop/1 returns ok and the system stops asynchronously: the caller and other
%% processes keep running for a while (output written meanwhile appears), a second
%% stop is ignored, bad statuses are badarg; the exit status is the one given.
-module(init_stop_async).
-export([main/1]).

main(_) ->
    io:format("bad: ~p~n", [[catch_class(fun() -> init:stop(S) end)
                             || S <- [foo, -1, [256], <<"x">>, 1.0, [a]]]]),
    Self = self(),
    spawn(fun() -> receive after 50 -> ok end, io:format("other process runs~n"),
                   Self ! other_done end),
    io:format("a~n"),
    R = init:stop(3),
    io:format("b ~p~n", [R]),
    R2 = init:stop(5),
    io:format("second stop ~p~n", [R2]),
    receive other_done -> ok end,
    timer:sleep(100),
    io:format("c~n"),
    receive after infinity -> ok end.

catch_class(F) ->
    try F() of V -> {value, V}
    catch C:R:St -> {M, Fn, A, _} = hd(St), {C, R, {M, Fn, A}}
    end.
