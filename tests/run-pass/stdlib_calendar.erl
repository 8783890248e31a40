-module(stdlib_calendar).
-export([main/1]).

%% Property-style check of calendar's pure functions over 400 generated dates and
%% times (a tiny LCG, years 0..3000, invalid days included), RFC 3339 with explicit
%% offsets, and the shapes of the clock functions (their values depend on the time).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

main(_) ->
    lists:foldl(fun(_, S) ->
        S1 = lcg(S), S2 = lcg(S1),
        Y = case S1 rem 4 of 0 -> S1 rem 3001; _ -> 1900 + S1 rem 200 end,
        M = (S2 div 8) rem 13,
        D = (S2 div 128) rem 32,
        Secs = (S2 div 4) rem 100000,
        Date = {Y, M, D},
        p({Date, run(fun() -> calendar:valid_date(Date) end),
           run(fun() -> calendar:date_to_gregorian_days(Date) end),
           run(fun() -> calendar:day_of_the_week(Date) end),
           run(fun() -> calendar:iso_week_number(Date) end),
           run(fun() -> calendar:last_day_of_the_month(Y, M) end),
           run(fun() -> calendar:is_leap_year(Y) end),
           run(fun() -> calendar:gregorian_days_to_date(S2 rem 1100000) end),
           run(fun() -> calendar:gregorian_seconds_to_datetime(S2 * 47) end),
           run(fun() -> calendar:datetime_to_gregorian_seconds({Date, {Secs rem 24, Secs rem 60, Secs rem 61}}) end),
           run(fun() -> calendar:seconds_to_time(Secs) end),
           run(fun() -> calendar:seconds_to_daystime(Secs * 7 - 300000) end),
           run(fun() -> calendar:time_to_seconds(calendar:seconds_to_time(Secs rem 86400)) end),
           run(fun() -> calendar:now_to_datetime({S1 rem 3000, S2 rem 1000000, 5}) end),
           run(fun() -> calendar:system_time_to_universal_time(S1 * 1000 + S2 rem 1000, millisecond) end),
           run(fun() -> calendar:system_time_to_rfc3339(S1 - 1000000000, [{offset, "Z"}]) end),
           run(fun() -> calendar:system_time_to_rfc3339(S1 * 1000 + 7, [{unit, millisecond}, {offset, -5400000}]) end),
           run(fun() -> calendar:system_time_to_rfc3339(S1 * 1000000 + 12, [{unit, microsecond}, {offset, "+05:30"}, {time_designator, $\s}]) end),
           run(fun() -> calendar:rfc3339_to_system_time(calendar:system_time_to_rfc3339(S1, [{offset, "-03:00"}])) end),
           run(fun() -> calendar:rfc3339_to_system_time(calendar:system_time_to_rfc3339(S1 * 1000 + 999, [{unit, millisecond}, {offset, "Z"}]), [{unit, millisecond}]) end)}),
        S2
    end, 5, lists:seq(1, 400)),
    p([run(F) || F <- [fun() -> calendar:valid_date(id(a), 1, 1) end,
                       fun() -> calendar:seconds_to_time(id(90000)) end,
                       fun() -> calendar:gregorian_days_to_date(id(-1)) end,
                       fun() -> calendar:date_to_gregorian_days(id(2020), 2, 30) end,
                       fun() -> calendar:last_day_of_the_month(2020, id(13)) end,
                       fun() -> calendar:is_leap_year(id(a)) end,
                       fun() -> calendar:rfc3339_to_system_time(id("bad")) end,
                       fun() -> calendar:rfc3339_to_system_time("2023-11-14T22:13:20.5+01:00", [{unit, millisecond}]) end,
                       fun() -> calendar:rfc3339_to_system_time("2023-11-14 22:13:20.123456-02:30", [{unit, microsecond}]) end,
                       fun() -> calendar:system_time_to_rfc3339(1700000000123456789, [{unit, nanosecond}, {offset, "Z"}]) end,
                       fun() -> calendar:time_difference({{2020, 1, 1}, {0, 0, 0}}, {{2019, 1, 1}, {0, 0, 0}}) end,
                       fun() -> calendar:day_of_the_week(0, 1, 1) end,
                       fun() -> calendar:iso_week_number({2021, 1, 3}) end]]),
    {{Y0, _, _}, {_, _, _}} = calendar:local_time(),
    {{Y1, _, _}, {_, _, _}} = calendar:universal_time(),
    p({is_integer(Y0), is_integer(Y1), tuple_size(calendar:now_to_local_time(os:timestamp())),
       length(calendar:local_time_to_universal_time_dst({{2020, 6, 1}, {12, 0, 0}})) >= 1,
       is_list(calendar:system_time_to_rfc3339(erlang:system_time(second)))}),
    ok.
