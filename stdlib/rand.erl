%% rand: pseudo random numbers, written from scratch for ferl. Three of OTP's
%% generators are implemented exactly: exsss (the default: xorshift116** on two 58-bit
%% words, seeded through splitmix64), exsp (xorshift116+) and exrop (xoroshiro116+), so
%% rand:seed(Alg, S) followed by uniform/0,1, uniform_s/1,2, uniform_real/0 and
%% export_seed/0 give OTP's numbers and states. exsplus runs exsp; the other names
%% (exs1024s, exro928ss, exs64, exs1024) are accepted but run exsss, so their
%% sequences differ from OTP's; normal/0,2 use the Box-Muller transform (OTP: a
%% ziggurat), bytes/1 takes 7 bytes per 58-bit output (values differ from OTP's), and
%% jump/0,1 is not implemented. The state lives in the process dictionary under
%% rand_seed, as OTP's (a map {#{type => Alg, bits => 58}, [S1 | S0]}; OTP's map also
%% holds funs).
-module(rand).
-export([seed/1, seed/2, seed_s/1, seed_s/2, export_seed/0, export_seed_s/1,
         uniform/0, uniform/1, uniform_s/1, uniform_s/2, uniform_real/0, uniform_real_s/1,
         normal/0, normal/2, normal_s/1, normal_s/3, bytes/1, bytes_s/2]).

-define(M58, 16#3FFFFFFFFFFFFFF).
-define(M64, 16#FFFFFFFFFFFFFFFF).
-define(KEY, rand_seed).

algs() -> [exsss, exrop, exsp, exs1024s, exro928ss, exsplus, exs64, exs1024, exs1024s].

seed(Alg) -> store(seed_s(Alg)).

seed(Alg, S) -> store(seed_s(Alg, S)).

store(State) -> put(?KEY, State), State.

seed_s({#{type := _}, [_ | _]} = State) -> State;
seed_s({Alg, [S1 | S0]}) when is_atom(Alg), is_integer(S1), is_integer(S0) ->
    {handler(Alg), [S1 | S0]};
seed_s(Alg) when is_atom(Alg) ->
    seed_s(Alg, {erlang:phash2([{node(), self()}]), erlang:system_time(),
                 erlang:monotonic_time()});
seed_s(X) -> erlang:error(badarg, [X]).

seed_s(Alg, S) when is_atom(Alg) ->
    case lists:member(Alg, algs()) of
        true -> {handler(Alg), words(Alg, S)};
        false -> erlang:error(function_clause, [Alg, S])
    end.

handler(Alg) -> #{type => Alg, bits => 58}.

%% the generator an algorithm name runs
gen(exsp) -> exsp;
gen(exsplus) -> exsp;
gen(exrop) -> exrop;
gen(_) -> exsss.

%% the two state words from an integer or a 3-tuple seed
words(Alg, {A1, A2, A3}) when is_integer(A1), is_integer(A2), is_integer(A3) ->
    case gen(Alg) of
        exsss -> words({A1, A2, A3});
        G ->
            %% OTP's older seeding of the + generators: three LCG-scaled words mixed
            %% by two steps
            W1 = (A1 * 4294967197 + 1) band ?M58,
            W2 = (A2 * 4294967231 + 1) band ?M58,
            W3 = (A3 * 4294967279 + 1) band ?M58,
            {_, R1} = step(G, [W1 | W2]),
            {_, R2} = step(G, [W3 | tl(R1)]),
            R2
    end;
words(_, S) -> words(S).

words(X) when is_integer(X) ->
    {S0, X0} = seed58(X band ?M64),
    {S1, _} = seed58(X0),
    [S0 | S1];
words({A1, A2, A3}) when is_integer(A1), is_integer(A2), is_integer(A3) ->
    {_, X0} = seed58(A1 band ?M64),
    {S1, X1} = seed58((A2 band ?M64) bxor X0),
    {S2, _} = seed58((A3 band ?M64) bxor X1),
    [S1 | S2];
words(S) -> erlang:error(badarg, [S]).

splitmix64(X0) ->
    X = (X0 + 16#9E3779B97F4A7C15) band ?M64,
    Z0 = ((X bxor (X bsr 30)) * 16#BF58476D1CE4E5B9) band ?M64,
    Z1 = ((Z0 bxor (Z0 bsr 27)) * 16#94D049BB133111EB) band ?M64,
    {(Z1 bxor (Z1 bsr 31)) band ?M64, X}.

%% a non-zero 58-bit word
seed58(X) ->
    case splitmix64(X) of
        {Z, X1} when Z band ?M58 =:= 0 -> seed58(X1);
        {Z, X1} -> {Z band ?M58, X1}
    end.

%% one step of generator G: a 58-bit output and the new state
step(exsss, [S1 | S0]) ->
    New = xorshift116(S1, S0),
    {starstar(S0), [S0 | New]};
step(exsp, [S1 | S0]) ->
    New = xorshift116(S1, S0),
    {(S0 + New) band ?M58, [S0 | New]};
step(exrop, [S0 | S1]) ->
    X = S1 bxor S0,
    {(S0 + S1) band ?M58, [rotl(S0, 24) bxor X bxor ((X bsl 2) band ?M58) | rotl(X, 35)]}.

xorshift116(S1, S0) ->
    T = (S1 bxor ((S1 bsl 24) band ?M58)),
    (T bxor S0 bxor (T bsr 11) bxor (S0 bsr 41)) band ?M58.

rotl(X, K) -> ((X bsl K) band ?M58) bor (X bsr (58 - K)).

%% the low bits the + generators leave weak (skipped when outputs are concatenated)
weak(exsss) -> 0;
weak(_) -> 1.

starstar(S) ->
    A = (S * 5) band ?M58,
    B = ((A bsl 7) band ?M58) bor (A bsr 51),
    (B * 9) band ?M58.

export_seed() ->
    case get(?KEY) of
        undefined -> undefined;
        State -> export_seed_s(State)
    end.

export_seed_s({#{type := Alg}, Ws}) -> {Alg, Ws}.

state() ->
    case get(?KEY) of
        undefined -> seed(exsss);
        State -> State
    end.

uniform() ->
    {X, State} = uniform_s(state()),
    store(State),
    X.

uniform(N) ->
    {X, State} = uniform_s(N, state()),
    store(State),
    X.

uniform_s({#{type := Alg} = H, Ws}) ->
    {V, Ws1} = step(gen(Alg), Ws),
    {(V bsr 5) * (1 / (1 bsl 53)), {H, Ws1}}.

uniform_s(N, {#{type := Alg} = H, Ws}) when is_integer(N), N >= 1 ->
    G = gen(Alg),
    {V, Ws1} = step(G, Ws),
    {X, Ws2} = range(G, N, V, Ws1),
    {X, {H, Ws2}}.

%% 1..N from output V (and more outputs when needed), rejecting the truncated top range
range(G, N, V, Ws) when N =< 1 bsl 58 ->
    case V < N of
        true -> {V + 1, Ws};
        false ->
            I = V rem N,
            case V - I =< (1 bsl 58) - N of
                true -> {I + 1, Ws};
                false -> {V1, Ws1} = step(G, Ws), range(G, N, V1, Ws1)
            end
    end;
range(G, N, V, Ws) ->
    case N band (N - 1) of
        0 ->
            {V1, Ws1, _} = widen(G, N bsr 58, V, Ws, 1 bsl 58),
            {(V1 band (N - 1)) + 1, Ws1};
        _ ->
            {V1, Ws1, B} = widen(G, N bsr 56, V, Ws, 1 bsl 58),
            I = V1 rem N,
            case V1 - I =< B - N of
                true -> {I + 1, Ws1};
                false -> {V2, Ws2} = step(G, Ws1), range(G, N, V2, Ws2)
            end
    end.

%% append outputs to V (dropping V's weak low bits) until the remaining range R is
%% covered; B is 2^bits of V
widen(_, R, V, Ws, B) when R =< 1 -> {V, Ws, B};
widen(G, R, V, Ws, B) ->
    Shift = 58 - weak(G),
    {V1, Ws1} = step(G, Ws),
    widen(G, R bsr Shift, ((V bsr weak(G)) bsl (Shift + weak(G))) bor V1, Ws1, B bsl Shift).

uniform_real() ->
    {X, State} = uniform_real_s(state()),
    store(State),
    X.

%% a float in (0.0, 1.0) with a full 53-bit mantissa: the first 53 bits from the leading
%% one of the stream of 56-bit chunks (the top of each 58-bit output)
uniform_real_s({#{type := Alg} = H, Ws}) ->
    {V, Ws1} = step(gen(Alg), Ws),
    real(V bsr 2, 56, 0, Ws1, H).

%% M: bits so far (Nb of them significant below the leading one), E: exponent of M's
%% last bit relative to the chunks read so far
real(M, Used, _, Ws, H) when M >= 1 bsl 52 ->
    Extra = bits(M) - 53,
    {(M bsr Extra) * math:pow(2.0, Extra - Used), {H, Ws}};
real(0, Used, _, Ws, H) when Used >= 1064 -> uniform_real_s({H, Ws});
real(M, Used, _, Ws, #{type := Alg} = H) ->
    {V, Ws1} = step(gen(Alg), Ws),
    C = V bsr 2,
    Need = 53 - bits(M),
    case M of
        0 -> real(C, Used + 56, 0, Ws1, H);
        _ -> {((M bsl Need) bor (C bsr (56 - Need))) * math:pow(2.0, -(Used + Need)), {H, Ws1}}
    end.

bits(0) -> 0;
bits(M) -> bits(M bsr 1) + 1.

normal() ->
    {X, State} = normal_s(state()),
    store(State),
    X.

normal(Mean, Var) -> Mean + math:sqrt(Var) * normal().

normal_s(State0) ->
    {U1, State1} = uniform_real_s(State0),
    {U2, State2} = uniform_s(State1),
    {math:sqrt(-2.0 * math:log(U1)) * math:cos(2.0 * math:pi() * U2), State2}.

normal_s(Mean, Var, State0) when Var >= 0 ->
    {X, State1} = normal_s(State0),
    {Mean + math:sqrt(Var) * X, State1}.

bytes(N) ->
    {B, State} = bytes_s(N, state()),
    store(State),
    B.

bytes_s(N, {#{type := Alg} = H, Ws}) when is_integer(N), N >= 0 ->
    {Bin, Ws1} = bytes_acc(gen(Alg), N, Ws, []),
    {Bin, {H, Ws1}}.

bytes_acc(_, N, Ws, Acc) when N =< 0 ->
    B = list_to_binary(lists:reverse(Acc)),
    {binary:part(B, 0, byte_size(B) + N), Ws};
bytes_acc(G, N, Ws, Acc) ->
    {V, Ws1} = step(G, Ws),
    bytes_acc(G, N - 7, Ws1, [<<(V bsr 2):56>> | Acc]).
