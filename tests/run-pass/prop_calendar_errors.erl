%% calendar's errors for bad arguments (function_clause vs badarith as OTP's guards and arithmetic raise them).
-module(prop_calendar_errors).
-export([main/1]).
t(F) -> try F() catch C:R -> {C, R} end.
main(_) ->
  Xs = [-1, 1.5, -1.5, a, {}, [], <<>>],
  io:format("~w~n", [[t(fun() -> calendar:gregorian_days_to_date(X) end) || X <- Xs]]),
  io:format("~w~n", [[t(fun() -> calendar:gregorian_seconds_to_datetime(X) end) || X <- Xs]]),
  io:format("~w~n", [[t(fun() -> calendar:system_time_to_rfc3339(X, [{offset, "Z"}]) end) || X <- Xs]]),
  io:format("~w~n", [[t(fun() -> calendar:system_time_to_rfc3339(0, X) end) || X <- [a, [a], [{unit, a}], [{offset, a}], [{offset, 1.5}], [{time_designator, a}]]]]),
  io:format("~w~n", [[t(fun() -> calendar:seconds_to_daystime(X) end) || X <- Xs]]),
  io:format("~w~n", [[t(fun() -> calendar:now_to_universal_time(X) end) || X <- [{1,2,a}, {a,1,1}, {1.5,1,1}, {-1,0,0}]]]),
  io:format("~w~n", [[t(fun() -> calendar:system_time_to_universal_time(X, second) end) || X <- Xs]]),
  io:format("~w~n", [[t(fun() -> calendar:time_difference(X, {{2000,1,1},{0,0,0}}) end) || X <- [a, {{2000,1,1},{0,0,a}}, {{-1,1,1},{0,0,0}}]]]),
  io:format("~w~n", [[t(fun() -> calendar:last_day_of_the_month(X, Y) end) || X <- [-1, a, 1.0, 2000], Y <- [0, 2, 2.0, a]]]),
  io:format("~w~n", [[t(fun() -> calendar:date_to_gregorian_days(X, 1, Y) end) || X <- [-1, a, 1.0, 2000], Y <- [0, 32, 1.0, a]]]),
  io:format("~w~n", [[t(fun() -> calendar:time_to_seconds(X) end) || X <- [{1,2,3}, {a,1,1}, {1.5,1,1}, {-1,0,0}, {1,2}]]]),
  io:format("~w~n", [[t(fun() -> calendar:seconds_to_time(X) end) || X <- Xs]]).
