%% halt/1 called by a spawned process ends the whole program with its status, after
%% the output already written by every process.
-module(halt_from_process).
-export([main/1]).

main(_) ->
    Self = self(),
    spawn(fun() ->
                  register(child, self()),
                  io:format("child running~n"),
                  Self ! ready,
                  receive go -> io:format("child halting~n"), halt(3) end
          end),
    receive ready -> ok end,
    io:format("main sends go~n"),
    child ! go,
    receive never -> ok end.
