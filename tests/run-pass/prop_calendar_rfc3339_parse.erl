%% Property check of calendar:rfc3339_to_system_time/2 on generated timestamp strings (fractions of several lengths, z/Z/offsets, T/t/space separators) in every unit.
-module(prop_calendar_rfc3339_parse).
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

p2(N) -> tl(integer_to_list(100 + N)).

main(_) ->
    cases(250, 443, fun(I, S) ->
        Y = 1970 + r(S, 100), Mo = 1 + r(S bsr 2, 12), D = 1 + r(S bsr 5, 28),
        H = r(S bsr 3, 24), Mi = r(S bsr 7, 60), Se = r(S bsr 9, 60),
        Frac = case r(S bsr 4, 4) of 0 -> ""; 1 -> "." ++ integer_to_list(r(S, 10)); 2 -> "." ++ tl(integer_to_list(1000 + r(S, 1000))); _ -> "." ++ tl(integer_to_list(1000000000 + r(S, 1000000000))) end,
        Off = element(r(S bsr 6, 6) + 1, {"Z", "z", "+01:00", "-11:45", "+00:00", "-00:00"}),
        Sep = element(r(S bsr 8, 3) + 1, {$T, $t, $\s}),
        Str = integer_to_list(Y) ++ "-" ++ p2(Mo) ++ "-" ++ p2(D) ++ [Sep] ++ p2(H) ++ ":" ++ p2(Mi) ++ ":" ++ p2(Se) ++ Frac ++ Off,
        io:format("~w ~s ~w~n", [I, Str, [t(fun() -> calendar:rfc3339_to_system_time(Str, [{unit, U}]) end) || U <- [second, millisecond, microsecond, nanosecond]]])
    end).
