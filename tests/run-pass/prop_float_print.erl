%% Property check of float printing (~w, ~p, float_to_list short) on generated floats: random bit patterns, binary fractions that fall exactly halfway between two shortest decimals, and decimal-looking values.
-module(prop_float_print).
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

fl(S) ->
    case r(S, 4) of
        0 -> <<F:64/float>> = <<(S bsl 33 bxor lcg(S) bsl 2 bxor (S bsr 5)):64>>,
             case F of _ when is_float(F) -> F end;
        1 -> (r(S bsr 2, 1 bsl 22) * (1 bsl 30) + r(lcg(S), 1 bsl 22)) / (1 bsl (r(S bsr 4, 8) + 1));
        2 -> r(S bsr 3, 1000000) / 1000 * math:pow(10, r(S bsr 9, 40) - 20);
        _ -> (r(S bsr 2, 1 bsl 20) + 0.5) * (1 bsl r(S bsr 7, 40))
    end.

safe(S) -> try fl(S) catch error:_ -> 1.0 end.

main(_) ->
    cases(400, 251, fun(I, S) ->
        F = safe(S),
        io:format("~w ~w ~p ~s ~w~n", [I, F, -F, float_to_list(F, [short]), <<F:64/float>>])
    end).
