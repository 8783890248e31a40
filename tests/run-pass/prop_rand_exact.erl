%% Property check of rand's exsss, exsp and exrop generators (seed_s with integer and tuple seeds, uniform_s/1,2 over small and big ranges, uniform_real_s, export_seed_s), which ferl implements exactly as OTP (exsplus, which ferl runs as exsp, is left out).
-module(prop_rand_exact).
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

run(Alg, Seed, Ns) ->
    St0 = rand:seed_s(Alg, Seed),
    {Out, St} = lists:mapfoldl(fun(N, St1) ->
                                       case N of
                                           0 -> rand:uniform_s(St1);
                                           real -> rand:uniform_real_s(St1);
                                           _ -> rand:uniform_s(N, St1)
                                       end
                               end, St0, Ns),
    {Out, rand:export_seed_s(St)}.

main(_) ->
    cases(120, 271, fun(I, S) ->
        Alg = element(r(S, 3) + 1, {exsss, exsp, exrop}),
        Seed = case r(S bsr 3, 2) of 0 -> {r(S, 1000), r(S bsr 5, 1000), r(S bsr 9, 1000)}; _ -> r(S bsr 2, 1 bsl 30) end,
        {Ns, _} = gl(S, 6, fun(X) -> element(r(X, 6) + 1, {0, real, 1 + r(X bsr 4, 10), 1 + r(X bsr 4, 1 bsl 40), (1 bsl 70) + r(X, 99), 1 bsl 58}) end),
        {Out, Exp} = run(Alg, Seed, Ns),
        io:format("~w ~w ~w ~w ~w~n", [I, Alg, Seed, Out, Exp])
    end),
    rand:seed(exsss, {1, 2, 3}),
    io:format("~w~n", [[rand:uniform(10) || _ <- lists:seq(1, 20)]]),
    io:format("~w ~w~n", [rand:uniform(), rand:uniform_real()]),
    io:format("~w~n", [rand:export_seed()]),
    S2 = rand:seed_s(exrop, 42),
    {_, S3} = rand:uniform_s(S2),
    rand:seed(rand:export_seed_s(S3)),
    io:format("~w~n", [[rand:uniform(1000) || _ <- lists:seq(1, 10)]]),
    io:format("~w~n", [[element(1, t(fun() -> rand:uniform(X) end)) || X <- [0, -1, a]]]).
