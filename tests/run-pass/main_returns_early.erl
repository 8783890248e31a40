%% main/1 returning while other processes are still alive: the program exits 0 at once
%% (escript semantics), without waiting for them.
-module(main_returns_early).
-export([main/1]).

main(_) ->
    [spawn(fun() -> receive after infinity -> ok end end) || _ <- lists:seq(1, 100)],
    spawn(fun() -> loop(0) end),
    io:format("main done~n").

loop(N) -> loop(N + 1).
