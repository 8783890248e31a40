%% Property check of the term order on mixed terms of every type (numbers, atoms, refs, funs, pids, tuples, maps, lists, binaries, bitstrings): comparisons, sort, max/min, printed as type tags where the value is not printable.
-module(prop_term_order_mixed).
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

val(S, Env) ->
    case r(S, 12) of
        0 -> r(S bsr 4, 10);
        1 -> r(S bsr 4, 10) / 2;
        2 -> element(r(S bsr 4, 3) + 1, {a, b, zz});
        3 -> element(r(S bsr 4, 2) + 1, element(1, Env));
        4 -> element(r(S bsr 4, 2) + 1, element(2, Env));
        5 -> element(r(S bsr 4, 2) + 1, element(3, Env));
        6 -> list_to_tuple(lists:seq(1, r(S bsr 4, 3)));
        7 -> maps:from_list([{K, K} || K <- lists:seq(1, r(S bsr 4, 3))]);
        8 -> lists:seq(1, r(S bsr 4, 3));
        9 -> list_to_binary(lists:seq(1, r(S bsr 4, 3)));
        10 -> <<(r(S bsr 4, 8)):3>>;
        _ -> 1 bsl (60 + r(S bsr 4, 10))
    end.

tag(X) when is_reference(X) -> ref;
tag(X) when is_function(X) -> {'fun', element(2, erlang:fun_info(X, arity))};
tag(X) when is_pid(X) -> pid;
tag(X) -> X.

main(_) ->
    Refs = {make_ref(), make_ref()},
    Funs = {fun(A) -> A end, fun(A, B) -> {A, B} end},
    Pids = {self(), spawn(fun() -> ok end)},
    {R1, R2} = Refs, {P1, P2} = Pids,
    Env = {Refs, Funs, Pids},
    cases(250, 257, fun(I, S) ->
        {L, _} = gl(S, r(S, 8) + 2, fun(X) -> val(X, Env) end),
        [A, B | _] = L,
        Rel = fun(X, Y) when X == R1, Y == R2 -> R1 < R2;
                 (X, Y) when X == R2, Y == R1 -> R2 < R1;
                 (X, Y) when X == P1, Y == P2 -> P1 < P2;
                 (X, Y) when X == P2, Y == P1 -> P2 < P1;
                 (_, _) -> same
              end,
        Sorted = lists:sort(fun(X, Y) -> X =< Y end, L),
        Det = [X || X <- Sorted, not is_reference(X), not is_pid(X)],
        io:format("~w ~w ~w ~w~n", [I, [tag(X) || X <- Det],
            {A < B, A == B, A =:= B, A >= B, tag(max(A, B)) =:= tag(max(B, A)), Rel(A, B) =:= same orelse Rel(A, B) =:= (A < B)},
            [tag(X) || X <- lists:usort(fun(X, Y) -> X =< Y end, L), not is_reference(X), not is_pid(X)]])
    end).
