%% Property check of the conversion BIFs (integer_to_list/binary with bases, list_to_integer/2, binary_to_integer/2, float_to_list/binary options, list_to_float, atom_to_list, list_to_atom, number_to_list round trips) on generated numbers and strings, with the errors.
-module(prop_erlang_conversions).
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
    cases(200, 389, fun(I, S) ->
        N = case r(S, 3) of 0 -> r(S bsr 2, 100000) - 50000; 1 -> (r(S bsr 2, 100000) - 50000) * (1 bsl 70); _ -> r(S bsr 2, 36) end,
        Base = 2 + r(S bsr 5, 35),
        F = flt(S),
        D = r(S bsr 9, 8),
        Str = integer_to_list(N, Base),
        io:format("~w ~w ~w ~s ~w ~w~n  ~w~n", [I, N, Base, Str, list_to_integer(Str, Base) =:= N, binary_to_integer(integer_to_binary(N, Base), Base) =:= N,
            [F, float_to_list(F, [{decimals, D}]), float_to_list(F, [{decimals, D}, compact]), float_to_list(F, [{scientific, D}]),
             float_to_binary(F, [short]), list_to_float(float_to_list(F)) =:= F, t(fun() -> float_to_list(F, [{decimals, 300}]) end)]])
    end),
    io:format("~w~n", [[t(fun() -> list_to_integer(X) end) || X <- ["", "-", "+5", "1_000", "12a", "007", " 1", a]]]),
    io:format("~w~n", [[t(fun() -> list_to_integer(X, B) end) || X <- ["zz", "ZZ", "10", "-ff"], B <- [1, 16, 36, 37]]]),
    io:format("~w~n", [[t(fun() -> list_to_float(X) end) || X <- ["1.0", "1", "1.0e3", "1e3", ".5", "-0.0", "1.0E-2", "1.5x"]]]),
    io:format("~w~n", [[t(fun() -> binary_to_integer(X) end) || X <- [<<"12">>, <<"-0">>, <<>>, <<"1.0">>]]]).
