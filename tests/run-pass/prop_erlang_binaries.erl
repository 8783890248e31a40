%% Property check of the binary BIFs of module erlang (byte_size, bit_size, binary_part, split_binary, binary_to_list/1,3, list_to_binary, iolist_size, iolist_to_binary, bitstring_to_list) on generated binaries, with the errors.
-module(prop_erlang_binaries).
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

iol(S, 0) -> r(S, 256);
iol(S, D) ->
    case r(S, 4) of
        0 -> r(S bsr 2, 256);
        1 -> <<(r(S bsr 2, 256)), (r(S bsr 5, 256))>>;
        2 -> [iol(lcg(S), D - 1), iol(lcg(lcg(S)), D - 1)];
        _ -> [iol(lcg(S), D - 1) | <<"t">>]
    end.

main(_) ->
    cases(200, 383, fun(I, S) ->
        {L, _} = gl(S, r(S, 10), fun(X) -> r(X, 256) end),
        B = list_to_binary(L), P = r(S bsr 3, 12) - 1, Len = r(S bsr 7, 12) - 3,
        IO = iol(S, 3),
        io:format("~w ~w ~w ~w ~w~n  ~w~n", [I, B, P, Len, [byte_size(B), bit_size(B), t(fun() -> binary_part(B, P, Len) end),
            t(fun() -> split_binary(B, P) end), t(fun() -> binary_to_list(B, P, P + Len) end),
            t(fun() -> bitstring_to_list(<<B/binary, 5:3>>) end)],
            [IO, t(fun() -> iolist_size(IO) end), t(fun() -> iolist_to_binary(IO) end), t(fun() -> list_to_binary(IO) end)]])
    end),
    io:format("~w~n", [[t(fun() -> F(X) end) || F <- [fun byte_size/1, fun iolist_size/1, fun list_to_binary/1, fun iolist_to_binary/1],
                                                   X <- [a, [256], [-1], [a], <<1:3>>, [<<1:3>>], [1 | <<2>>], [[] | 1]]]]).
