%% Property check of dict append/append_list/update/3,4/update_counter on generated dictionaries, with the errors.
-module(prop_dict_update).
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
    cases(200, 103, fun(I, S) ->
        {L, S1} = gl(S, r(S, 9), fun(X) -> {r(X, 8), [r(X bsr 4, 9)]} end),
        {Ops, _} = gl(S1, 8, fun(X) -> {r(X, 5), r(X bsr 4, 10), r(X bsr 7, 5)} end),
        A = dict:from_list(L),
        R = lists:foldl(fun({Op, K, V}, T) ->
                                case Op of
                                    0 -> dict:append(K, V, T);
                                    1 -> dict:append_list(K, [V, V + 1], T);
                                    2 -> case t(fun() -> dict:update(K, fun(X) -> [V | X] end, T) end) of
                                             {error, _} -> T;
                                             T2 -> T2
                                         end;
                                    3 -> dict:update(K, fun(X) -> tl(X ++ [V]) end, [init], T);
                                    _ -> dict:update_counter(K + 100, V, T)
                                end
                        end, A, Ops),
        io:format("~w ~w~n  ~w~n", [I, Ops, dict:to_list(R)])
    end),
    T = dict:from_list([{a, 1}, {b, [x]}]),
    io:format("~w~n", [[t(fun() -> dict:update(K, fun(X) -> X end, T) end) || K <- [a, c]]]),
    io:format("~w~n", [[t(fun() -> dict:to_list(dict:update_counter(K, 2, T)) end) || K <- [a, b, c]]]),
    io:format("~w~n", [[t(fun() -> dict:to_list(dict:append(K, 2, T)) end) || K <- [a, b, c]]]),
    io:format("~w~n", [[t(fun() -> dict:to_list(dict:append_list(K, [2], T)) end) || K <- [a, b, c]]]).
