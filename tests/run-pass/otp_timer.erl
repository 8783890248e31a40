%% timer: sleep, send_after, apply_after, cancel, send_interval, tc, unit helpers.
-module(otp_timer).
-export([main/1, hello/2]).

main(_) ->
    ok = timer:sleep(5),
    {ok, _} = timer:send_after(10, self(), ping),
    receive ping -> io:format("send_after: ping~n") end,
    {ok, _} = timer:send_after(5, late),
    receive late -> io:format("send_after/2: late~n") end,
    {ok, T} = timer:send_after(50, self(), never),
    io:format("cancel: ~p~n", [timer:cancel(T)]),
    receive never -> io:format("cancelled timer fired~n") after 100 -> io:format("cancelled timer silent~n") end,
    {ok, _} = timer:apply_after(5, ?MODULE, hello, [self(), world]),
    receive {hello, W} -> io:format("apply_after: ~p~n", [W]) end,
    {ok, A} = timer:apply_after(50, ?MODULE, hello, [self(), again]),
    {ok, cancel} = timer:cancel(A),
    receive {hello, again} -> io:format("cancelled apply fired~n") after 100 -> io:format("cancelled apply silent~n") end,
    {ok, I} = timer:send_interval(5, tick),
    [receive tick -> ok end || _ <- [1, 2, 3]],
    {ok, cancel} = timer:cancel(I),
    io:format("interval: 3 ticks~n"),
    {Micros, V} = timer:tc(fun() -> lists:sum(lists:seq(1, 1000)) end),
    io:format("tc: ~p ~p~n", [V, is_integer(Micros) andalso Micros >= 0]),
    {_, V2} = timer:tc(lists, reverse, [[1, 2, 3]]),
    {_, V3} = timer:tc(fun erlang:'+'/2, [1, 2]),
    io:format("tc/3: ~p tc/2: ~p~n", [V2, V3]),
    io:format("units: ~p ~p ~p ~p~n", [timer:seconds(2), timer:minutes(3), timer:hours(1), timer:hms(1, 2, 3)]),
    io:format("now_diff: ~p~n", [timer:now_diff({1, 2, 3}, {1, 1, 0})]),
    io:format("bad: ~p~n", [timer:send_after(-1, self(), x)]),
    io:format("done~n").

hello(Pid, W) -> Pid ! {hello, W}.
