-module(stdlib_rand).
-export([main/1]).

%% rand with OTP's algorithms exsss (the default), exsp and exrop, and random
%% (Wichmann-Hill): seeded
%% sequences must equal OTP's exactly. 60 seeds (integers and 3-tuples from a tiny
%% LCG) x uniform/0, uniform/1 over ranges up to 2^130, uniform_real/0, the functional
%% _s variants and export_seed; then the old random module.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~p~n", [T]).

ranges() ->
    [1, 2, 3, 7, 10, 100, 1000, 1 bsl 20, (1 bsl 32) + 1, 1 bsl 57, (1 bsl 58) - 1, 1 bsl 58,
     (1 bsl 58) + 1, 1 bsl 60, 3 bsl 59, 1 bsl 64, (1 bsl 100) + 12345, 1 bsl 116, 7 bsl 120].

main(_) ->
    lists:foldl(fun(I, S) ->
        S1 = lcg(S),
        Seed = case I rem 3 of
                   0 -> S1;
                   1 -> {S1 rem 1000, lcg(S1) rem 100000, -(S1 rem 77)};
                   _ -> S1 * 1000000007 * I
               end,
        Alg = element(I rem 3 + 1, {exsss, exsp, exrop}),
        St = rand:seed(Alg, Seed),
        p({seed, Alg, Seed, rand:export_seed(), rand:export_seed_s(St)}),
        p([rand:uniform() || _ <- lists:seq(1, 5)]),
        p([rand:uniform(N) || N <- ranges()]),
        p([rand:uniform_real() || _ <- lists:seq(1, 20)]),
        {Xs, St2} = lists:foldl(fun(N, {Acc, Sx}) -> {X, Sy} = rand:uniform_s(N, Sx), {[X | Acc], Sy} end,
                                {[], St}, ranges()),
        p({lists:reverse(Xs), rand:export_seed_s(St2)}),
        {F1, St3} = rand:uniform_s(St2),
        {F2, St4} = rand:uniform_real_s(St3),
        p({F1, F2, rand:export_seed_s(St4)}),
        p(rand:export_seed()),
        S1
    end, 1, lists:seq(1, 60)),
    _ = rand:seed(rand:export_seed()),
    p(rand:uniform(1000)),
    _ = rand:seed({exsss, [1 | 2]}),
    p([rand:uniform(1 bsl 58) || _ <- lists:seq(1, 5)]),
    p([run(fun() -> rand:uniform(X) end) || X <- [0, -1, a, 1.5]]),
    p(run(fun() -> rand:seed(foo, 1) end)),
    p(is_float(rand:normal())),
    p(byte_size(rand:bytes(10))),
    R = id(random), %% deprecated module: called through a variable (no erlc warnings)
    p(R:seed0()),
    p(R:seed(1, 2, 3)),
    p([R:uniform() || _ <- lists:seq(1, 10)]),
    p([R:uniform(N) || N <- [1, 2, 10, 1000, 1 bsl 40]]),
    p(R:seed({123, 456, 789})),
    p(R:seed()),
    p(R:uniform_s(10, {1, 2, 3})),
    p(R:uniform_s(R:seed0())),
    ok.
