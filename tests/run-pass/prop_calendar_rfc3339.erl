%% Property check of calendar:system_time_to_rfc3339/2 (explicit offsets, units, time designator) and rfc3339_to_system_time/2 round trips on generated fixed times.
-module(prop_calendar_rfc3339).
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
    cases(250, 199, fun(I, S) ->
        T = r(S, 2000000000) * 1000 + r(S bsr 3, 1000),
        {Unit, Tu} = case r(S bsr 4, 4) of 0 -> {second, T div 1000}; 1 -> {millisecond, T}; 2 -> {microsecond, T * 1000 + 7}; _ -> {nanosecond, T * 1000000 + 12345} end,
        Off = case r(S bsr 6, 5) of 0 -> "Z"; 1 -> "+02:00"; 2 -> "-05:30"; 3 -> 3600 * 2; _ -> "+00:00" end,
        OffU = case Off of N when is_integer(N) -> erlang:convert_time_unit(N, second, Unit); _ -> Off end,
        Str = calendar:system_time_to_rfc3339(Tu, [{unit, Unit}, {offset, OffU}, {time_designator, $T}]),
        Str2 = calendar:system_time_to_rfc3339(Tu, [{unit, Unit}, {offset, "Z"}, {time_designator, $\s}]),
        io:format("~w ~s ~s ~w ~w~n", [I, Str, Str2, calendar:rfc3339_to_system_time(Str, [{unit, Unit}]),
            calendar:rfc3339_to_system_time(Str2, [{unit, second}])])
    end),
    io:format("~w~n", [[t(fun() -> calendar:rfc3339_to_system_time(X) end) || X <- ["2018-02-01T16:17:58+01:00", "2018-02-01 16:17:58.123Z", "2018-02-01t16:17:58z", "2018-02-01T16:17:58.5-00:30", "1969-12-31T23:59:59.75Z", "1960-01-01T00:00:00.0025Z", "bad", "2018-13-01T16:17:58Z"]]]),
    io:format("~w~n", [[t(fun() -> calendar:rfc3339_to_system_time("2018-02-01T16:17:58.123456+01:00", [{unit, U}]) end) || U <- [second, millisecond, microsecond, nanosecond, native]]]),
    io:format("~p~n", [[t(fun() -> calendar:system_time_to_rfc3339(X, [{offset, "Z"}]) end) || X <- [0, -1, 253402300799, 1.5, a]]]).
