%% Property check of calendar day and second conversions over dense runs of consecutive days and seconds around generated dates (every date round-trips, weekdays advance by one).
-module(prop_calendar_roundtrip).
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
    cases(100, 541, fun(I, S) ->
        D0 = r(S, 800000),
        Run = [begin Date = calendar:gregorian_days_to_date(D), {D =:= calendar:date_to_gregorian_days(Date), calendar:day_of_the_week(Date)} end || D <- lists:seq(D0, D0 + 40)],
        Sec0 = r(S bsr 3, 1000000) * 86400 + 86400 - 20,
        Secs = [calendar:gregorian_seconds_to_datetime(X) || X <- [Sec0, Sec0 + 19, Sec0 + 20, Sec0 + 21]],
        io:format("~w ~w ~w ~w ~w~n", [I, calendar:gregorian_days_to_date(D0), lists:all(fun({B, _}) -> B end, Run), [W || {_, W} <- lists:sublist(Run, 9)], Secs])
    end).
