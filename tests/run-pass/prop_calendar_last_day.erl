%% Property check of calendar:last_day_of_the_month/2, is_leap_year/1 and date arithmetic over all months of generated years (day 1 to the last day, the next day's date).
-module(prop_calendar_last_day).
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

%% A float of varied magnitude and sign.
flt(S) ->
    M = (S bsr 3) rem 100000 / 1000,
    X = case r(S, 5) of 0 -> M; 1 -> -M; 2 -> M / 100; 3 -> M * 1000; _ -> -M / 10 end,
    X.

main(_) ->
    cases(150, 439, fun(I, S) ->
        Y = case r(S, 3) of 0 -> r(S bsr 2, 3000); 1 -> r(S bsr 2, 5) * 100; _ -> 1896 + r(S bsr 2, 12) end,
        Ls = [calendar:last_day_of_the_month(Y, M) || M <- lists:seq(1, 12)],
        Nexts = [calendar:gregorian_days_to_date(calendar:date_to_gregorian_days(Y, M, calendar:last_day_of_the_month(Y, M)) + 1) || M <- [2, 12]],
        io:format("~w ~w ~w ~w ~w ~w~n", [I, Y, calendar:is_leap_year(Y), Ls, Nexts, [calendar:day_of_the_week(Y, M, 1) || M <- lists:seq(1, 12)]])
    end).
