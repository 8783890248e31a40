%% Property check of extendible arrays: set/get/size at generated indices, the printed array (OTP's {array, Size, Max, Default, Tree}) and to_list.
-module(prop_array_set_get).
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
    cases(150, 157, fun(I, S) ->
        {Ops, S1} = gl(S, r(S, 10), fun(X) -> {r(X, 1 + r(X bsr 12, 3) * 60), r(X bsr 5, 9)} end),
        A = lists:foldl(fun({Ix, V}, Ar) -> array:set(Ix, V, Ar) end, array:new(), Ops),
        {Q, _} = gl(S1, 6, fun(X) -> r(X, 130) end),
        io:format("~w ~w ~w ~w~n", [I, array:size(A), [array:get(Ix, A) || Ix <- Q], array:sparse_to_orddict(A)]),
        case array:size(A) < 25 of
            true -> io:format("  ~w ~w~n", [A, array:to_list(A)]);
            false -> ok
        end
    end),
    io:format("~w~n", [[array:new(), array:new(5), array:new(25, {default, x}), array:new([{size, 12}, fixed])]]).
