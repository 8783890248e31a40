%% Property check of calendar datetime_to_gregorian_seconds and back, seconds_to_daystime, seconds_to_time, time_to_seconds and time_difference on generated datetimes.
-module(prop_calendar_seconds).
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

dt(S) ->
    Y = 1950 + r(S, 120), M = 1 + r(S bsr 3, 12), D = 1 + r(S bsr 7, calendar:last_day_of_the_month(Y, M)),
    {{Y, M, D}, {r(S bsr 2, 24), r(S bsr 11, 60), r(S bsr 13, 60)}}.

main(_) ->
    cases(300, 193, fun(I, S) ->
        A = dt(S), B = dt(lcg(S)),
        Sa = calendar:datetime_to_gregorian_seconds(A),
        Sec = r(S bsr 4, 200000) - 100000,
        io:format("~w ~w ~w ~w ~w ~w ~w ~w~n", [I, A, Sa, calendar:gregorian_seconds_to_datetime(Sa + Sec),
            calendar:time_difference(A, B), t(fun() -> calendar:seconds_to_daystime(Sec) end),
            t(fun() -> calendar:seconds_to_time(Sec rem 86400) end), calendar:time_to_seconds(element(2, A))])
    end),
    io:format("~w~n", [[t(fun() -> calendar:seconds_to_time(X) end) || X <- [-1, 0, 86399, 86400, a]]]),
    io:format("~w~n", [[t(fun() -> calendar:gregorian_seconds_to_datetime(X) end) || X <- [-1, 0, 63113904000, a]]]),
    io:format("~w~n", [[t(fun() -> calendar:datetime_to_gregorian_seconds(X) end) || X <- [{{0, 1, 1}, {0, 0, 0}}, {{2000, 13, 1}, {0, 0, 0}}, {{2000, 1, 1}, {25, 0, 0}}, x]]]).
