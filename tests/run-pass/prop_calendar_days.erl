%% Property check of calendar date_to_gregorian_days/1,3 and back, day_of_the_week/1,3, is_leap_year, last_day_of_the_month and valid_date/1,3 on generated dates (valid and invalid).
-module(prop_calendar_days).
-export([main/1]).
-compile([nowarn_unused_function]).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

r(S, N) -> (S bsr 8) rem N.

%% Len values G(State) over successive generator states; {List, NextState}.
gl(S, Len, G) -> gl(S, Len, G, []).
gl(S, 0, _, A) -> {lists:reverse(A), S};
gl(S, N, G, A) -> S1 = lcg(S), gl(S1, N - 1, G, [G(S1) | A]).

%% F(I, State) for I in 1..N, each case with its own state.
cases(N, S, F) -> cases(1, N, S, F).
cases(I, N, _, _) when I > N -> ok;
cases(I, N, S, F) -> S1 = lcg(S), F(I, S1), cases(I + 1, N, lcg(lcg(S1)), F).

t(F) -> try F() catch C:R -> {C, R} end.

%% A term of mixed type (numbers, atoms, tuples, lists, binaries).
term(S) ->
    case r(S, 8) of
        0 -> r(S bsr 3, 20);
        1 -> element(r(S bsr 5, 4) + 1, {a, b, c, d});
        2 -> r(S bsr 4, 10) / 4;
        3 -> {r(S bsr 6, 3)};
        4 -> [r(S bsr 7, 3)];
        5 -> -r(S bsr 2, 9);
        6 -> <<(r(S bsr 9, 3))>>;
        _ -> r(S bsr 3, 5) * 1.0
    end.

main(_) ->
    cases(300, 191, fun(I, S) ->
        Y = case r(S, 4) of 0 -> r(S bsr 3, 10000); 1 -> 1900 + r(S bsr 3, 200); 2 -> r(S bsr 3, 5) * 100; _ -> 1996 + r(S bsr 3, 10) end,
        M = r(S bsr 5, 14), D = r(S bsr 9, 33),
        Valid = calendar:valid_date(Y, M, D),
        Days = t(fun() -> calendar:date_to_gregorian_days(Y, M, D) end),
        io:format("~w ~w ~w ~w ~w ~w ~w ~w ~w~n", [I, {Y, M, D}, Valid, calendar:valid_date({Y, M, D}), Days,
            t(fun() -> calendar:gregorian_days_to_date(Days) end), t(fun() -> calendar:day_of_the_week(Y, M, D) end),
            calendar:is_leap_year(Y), t(fun() -> calendar:last_day_of_the_month(Y, M) end)])
    end),
    io:format("~w~n", [[t(fun() -> calendar:gregorian_days_to_date(X) end) || X <- [-1, 0, 1, 365, 366, 730485, 3652424, a]]]),
    io:format("~w~n", [[t(fun() -> calendar:day_of_the_week(X) end) || X <- [{2000, 1, 1}, {0, 1, 1}, {-1, 1, 1}, {2023, 2, 29}, x]]]),
    io:format("~w~n", [[t(fun() -> calendar:valid_date(X) end) || X <- [{2000, 2, 29}, {1900, 2, 29}, {a, 1, 1}, {2000, 1}, x]]]),
    io:format("~w~n", [[t(fun() -> calendar:is_leap_year(X) end) || X <- [0, 4, 100, 400, -4, 2.0, a]]]).
