%% Property check of array resize/1,2 and size after growing and shrinking generated arrays (values past the size reappear as OTP's do).
-module(prop_array_resize).
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
    cases(200, 181, fun(I, S) ->
        {L, S1} = gl(S, r(S, 12), fun(X) -> r(X, 9) end),
        {Rs, _} = gl(S1, 3, fun(X) -> r(X, 18) end),
        A = array:from_list(L, u),
        Tr = lists:map(fun(N) -> R = array:resize(N, A), {array:size(R), array:sparse_size(R), array:to_list(array:resize(16, R))} end, Rs),
        B = array:resize(array:set(r(S, 30), x, A)),
        io:format("~w ~w ~w ~w~n", [I, Tr, array:size(B), array:is_fix(array:resize(5, array:fix(A)))])
    end),
    io:format("~w~n", [[t(fun() -> array:resize(X, array:new()) end) || X <- [-1, a, 0]]]),
    io:format("~w~n", [[t(fun() -> array:F(X) end) || F <- [size, is_array, is_fix, default, fix, relax, resize, to_list], X <- [a, {array, 1}]]]).
