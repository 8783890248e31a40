%% Property check of calendar:iso_week_number/1 on generated dates, dense around the turns of the years.
-module(prop_calendar_iso_week).
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
    cases(300, 197, fun(I, S) ->
        Y = 1970 + r(S, 80),
        Date = case r(S bsr 3, 3) of
                   0 -> {Y, 12, 25 + r(S bsr 5, 7)};
                   1 -> {Y, 1, 1 + r(S bsr 5, 7)};
                   _ -> calendar:gregorian_days_to_date(calendar:date_to_gregorian_days(Y, 1, 1) + r(S bsr 5, 365))
               end,
        io:format("~w ~w ~w ~w~n", [I, Date, calendar:iso_week_number(Date), calendar:day_of_the_week(Date)])
    end),
    io:format("~w~n", [[t(fun() -> calendar:iso_week_number(X) end) || X <- [{2020, 2, 30}, x, {1, 1, 1}]]]).
