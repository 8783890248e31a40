%% random: the old (deprecated) random module, written from scratch for ferl: the
%% Wichmann-Hill AS183 generator (three multiplicative congruential generators summed
%% modulo 1), state in the process dictionary under random_seed, as OTP's, so seeded
%% sequences equal OTP's.
-module(random).
-export([seed/0, seed/1, seed/3, seed0/0, uniform/0, uniform/1, uniform_s/1, uniform_s/2]).

-define(P1, 30269).
-define(P2, 30307).
-define(P3, 30323).
-define(KEY, random_seed).

seed0() -> {3172, 9814, 20125}.

seed() ->
    case seed_put(seed0()) of
        undefined -> seed0();
        {_, _, _} = Old -> Old
    end.

seed({A1, A2, A3}) -> seed(A1, A2, A3).

seed(A1, A2, A3) ->
    seed_put({(abs(A1) rem (?P1 - 1)) + 1, (abs(A2) rem (?P2 - 1)) + 1,
              (abs(A3) rem (?P3 - 1)) + 1}).

seed_put(S) -> put(?KEY, S).

state() ->
    case get(?KEY) of
        undefined -> seed0();
        S -> S
    end.

uniform() ->
    {F, S} = uniform_s(state()),
    put(?KEY, S),
    F.

uniform(N) when is_integer(N), N >= 1 -> trunc(uniform() * N) + 1.

uniform_s({A1, A2, A3}) ->
    B1 = (A1 * 171) rem ?P1,
    B2 = (A2 * 172) rem ?P2,
    B3 = (A3 * 170) rem ?P3,
    R = B1 / ?P1 + B2 / ?P2 + B3 / ?P3,
    {R - trunc(R), {B1, B2, B3}}.

uniform_s(N, S0) when is_integer(N), N >= 1 ->
    {F, S1} = uniform_s(S0),
    {trunc(F * N) + 1, S1}.
