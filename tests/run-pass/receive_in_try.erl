%% receive inside try (exceptions from clause bodies, after clauses raising), try inside
%% receive clauses, catch around a receive that times out, and the mailbox keeping
%% unmatched messages across all of it.
-module(receive_in_try).
-export([main/1]).

main(_) ->
    self() ! {job, 1},
    self() ! {job, crash},
    self() ! keep_me,
    self() ! {job, 3},
    R = [try
             receive
                 {job, crash} -> error(job_crashed);
                 {job, N} -> {done, N}
             end
         catch error:E -> {caught, E}
         end || _ <- [1, 2, 3]],
    io:format("~p~n", [R]),
    R2 = try receive never -> ok after 10 -> throw(timed_out) end
         catch throw:T -> T
         end,
    io:format("~p~n", [R2]),
    self() ! {compute, 10, 0},
    self() ! {compute, 10, 5},
    R3 = [receive
              {compute, A, B} ->
                  try A div B catch error:badarith -> div_by_zero end
          end || _ <- [1, 2]],
    io:format("~p~n", [R3]),
    R4 = (catch receive after 5 -> exit(late) end),
    io:format("~p~n", [R4]),
    io:format("~p~n", [receive keep_me -> kept after 0 -> lost end]),
    %% a receive loop with an accumulator in a try, ended by a throw
    [self() ! {n, I} || I <- [1, 2, 3]],
    self() ! finish,
    R5 = try acc(0) catch throw:{total, S} -> S end,
    io:format("~p~n", [R5]).

acc(S) ->
    receive
        {n, I} -> acc(S + I);
        finish -> throw({total, S})
    end.
