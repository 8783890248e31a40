%% Small self-loops called from another function run inside the caller (inlined as a
%% loop): results, errors raised inside the loop (function_clause with the loop's
%% current arguments, badarith, badmatch) and the stack trace's first frames, which
%% name the loop function and then its caller, as without inlining.
-module(inline_loops).
-export([main/1]).

main(_) ->
    io:format("flips ~p~n", [[flips(P, 0) || P <- [[0, 1, 2], [2, 0, 1], [3, 1, 0, 2], [1, 0]]]]),
    io:format("sum ~p~n", [[sum_list(L) || L <- [[], [1, 2, 3], lists:seq(1, 1000)]]]),
    io:format("rev ~p~n", [wrap_rev([a, b, c])]),
    io:format("len ~p~n", [[len_plus(L) || L <- [[], "abc", lists:seq(1, 300000)]]]),
    io:format("errors~n"),
    [show(F) || F <- [fun() -> flips([5, 1, 2], 0) end,
                      fun() -> sum_list([1, x, 3]) end,
                      fun() -> wrap_rev([a | b]) end,
                      fun() -> len_plus([1, 2 | 3]) end,
                      fun() -> count_to(3, 10) end,
                      fun() -> count_to(a, 10) end,
                      fun() -> count_to(576460752303423485, 576460752303423490) end,
                      fun() -> count_to(-576460752303423490, -576460752303423485) end,
                      fun() -> count_to(1.5, 4) end,
                      fun() -> down_to(576460752303423489, 576460752303423485) end,
                      fun() -> down_to(-576460752303423486, -576460752303423490) end,
                      fun() -> down_to(10, 2.5) end]],
    ok.

show(F) ->
    try F() of
        V -> io:format("  ok ~p~n", [V])
    catch
        C:R:S -> io:format("  ~p:~p ~p~n", [C, R, [top(E) || E <- lists:sublist(S, 3)]])
    end.

top({M, F, A, _}) when is_list(A) -> {M, F, A};
top({M, F, A, _}) -> {M, F, A}.

flips([0 | _], F) -> F;
flips([H | _] = L, F) -> flips(rev_prefix(H + 1, L, []), F + 1).

rev_prefix(0, Rest, Acc) -> Acc ++ Rest;
rev_prefix(K, [X | T], Acc) -> rev_prefix(K - 1, T, [X | Acc]).

sum_list(L) -> 10 * sum(L, 0).

sum([], S) -> S;
sum([X | T], S) -> sum(T, S + X).

wrap_rev(L) -> {rev(L, []), done}.

rev([], Acc) -> Acc;
rev([H | T], Acc) -> rev(T, [H | Acc]).

len_plus(L) -> 1 + len(L, 0).

len([], N) -> N;
len([_ | T], N) -> len(T, N + 1).

count_to(N, Max) -> [count(N, Max, 0)].

count(N, Max, Acc) when N < Max -> count(N + 1, Max, Acc + N);
count(N, Max, Acc) -> {N = Max, Acc}.

down_to(N, Min) -> {down(N, Min, []), Min}.

down(N, Min, Acc) when N > Min -> down(N - 1, Min, [N | Acc]);
down(_, _, Acc) -> Acc.
