-module(stdlib_lists_all).
-export([main/1]).

%% Property-style check of every lists export: generated lists (an LCG), each result
%% printed, and every function also run on bad arguments with the exception printed.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

elem(S) ->
    case S rem 8 of
        0 -> S rem 10;
        1 -> element(S rem 4 + 1, {a, b, c, d});
        2 -> (S rem 10) / 2 + 0.25;
        3 -> {S rem 3, S rem 5};
        4 -> [S rem 3];
        _ -> S rem 7
    end.

gen_list(0, S, Acc) -> {Acc, S};
gen_list(N, S0, Acc) ->
    S1 = lcg(S0),
    gen_list(N - 1, S1, [elem(S1) | Acc]).

gen_lists(0, _, Acc) -> lists:reverse(Acc);
gen_lists(N, S0, Acc) ->
    S1 = lcg(S0),
    {L, S2} = gen_list(S1 rem 9, S1, []),
    gen_lists(N - 1, S2, [L | Acc]).

ints(L) -> [X || X <- L, is_integer(X)].
tups(L) -> [X || X <- L, is_tuple(X)].

run(F) -> try F() catch C:R -> {'EXIT', C, R} end.
p(T) -> io:format("~p~n", [T]).

main(_) ->
    Ls = gen_lists(150, 11, []),
    lists:foreach(fun one/1, Ls),
    two(lists:zip(lists:sublist(Ls, 75), lists:nthtail(75, Ls))),
    errors(),
    ok.

one(L) ->
    Is = ints(L),
    Ts = tups(L),
    N = length(L),
    Even = fun(X) -> is_integer(X) andalso X rem 2 =:= 0 end,
    p({L, lists:reverse(L), lists:reverse(L, [z]), lists:sort(L), lists:usort(L),
       lists:sort(fun(A, B) -> A >= B end, L), lists:usort(fun(A, B) -> A >= B end, L),
       lists:sort(fun(A, B) -> A > B end, L), lists:usort(fun(A, B) -> A < B end, L)}),
    p({lists:member(a, L), lists:member(1, L), lists:member(1.0, L), lists:delete(a, L),
       lists:delete(1, L), lists:last([x | L]), lists:droplast([x | L]), lists:duplicate(N, L),
       lists:nth(N + 1, [x | L]), lists:nthtail(N, L), lists:nthtail(N div 2, L)}),
    p({lists:sublist(L, N div 2), lists:sublist(L, N + 3), [lists:sublist(L, S, 2) || S <- lists:seq(1, N + 2)],
       lists:split(N div 2, L), lists:join(sep, L), lists:prefix(lists:sublist(L, 2), L),
       lists:suffix(lists:nthtail(N div 2, L), L), lists:prefix([q], L), lists:suffix([q], L)}),
    p({lists:flatten([L, [L, [[]]], L]), lists:flatten([L, [L]], [t]), lists:flatlength([L, [L, [[]]]]),
       lists:append([L, L, L]), lists:append(L, L), lists:subtract(L ++ L, L), lists:concat([a, 1, "s", 2.5 | [x || _ <- Is]]),
       lists:sum(Is), lists:max([0 | L]), lists:min([0 | L]), lists:seq(1, N), lists:seq(N, 1, -2), lists:seq(-N, N, 3)}),
    p({lists:map(fun(X) -> {X} end, L), lists:filter(Even, L), lists:partition(Even, L),
       lists:all(Even, L), lists:any(Even, L), lists:takewhile(Even, L), lists:dropwhile(Even, L),
       lists:splitwith(Even, L), lists:search(Even, L), lists:filtermap(fun(X) when is_atom(X) -> true; (X) when is_integer(X) -> {true, X * 10}; (_) -> false end, L),
       lists:zf(fun(X) -> is_atom(X) end, L), lists:flatmap(fun(X) -> [X, X] end, L)}),
    p({lists:foldl(fun(X, A) -> [X | A] end, [], L), lists:foldr(fun(X, A) -> [X | A] end, [], L),
       lists:mapfoldl(fun(X, A) -> {{X, A}, A + 1} end, 0, L), lists:mapfoldr(fun(X, A) -> {{X, A}, A + 1} end, 0, L),
       lists:enumerate(L), lists:enumerate(-2, L), lists:uniq(L), lists:uniq(fun(X) when is_number(X) -> X * 1.0; (X) -> X end, L)}),
    lists:foreach(fun(X) -> io:format("~w;", [X]) end, L), io:format("~n"),
    p({lists:zip(L, lists:seq(1, N)), lists:zip3(L, L, lists:seq(1, N)), lists:zipwith(fun(A, B) -> {B, A} end, L, L),
       lists:zipwith3(fun(A, B, C) -> [A, B, C] end, L, L, L), lists:unzip([{X, Y} || {X, Y} <- Ts]),
       lists:unzip3([{X, X, x} || X <- L])}),
    p({[lists:keyfind(K, 1, Ts) || K <- [0, 1, 2, 1.0]], [lists:keyfind(K, 2, Ts) || K <- [0, 3, 4.0]],
       [lists:keymember(K, 1, Ts) || K <- [0, 1, 2.0]], [lists:keysearch(K, 2, Ts) || K <- [0, 1, 2]],
       lists:keydelete(1, 1, Ts), lists:keydelete(2.0, 2, Ts), lists:keyreplace(1, 1, Ts, {new}),
       lists:keystore(2, 1, Ts, {new}), lists:keystore(9, 1, Ts, {new}), lists:keytake(1, 1, Ts),
       lists:keytake(9, 1, Ts), lists:keymap(fun(X) -> {X} end, 2, Ts)}),
    p({lists:keysort(1, Ts), lists:keysort(2, Ts), lists:ukeysort(1, Ts), lists:ukeysort(2, Ts)}).

two(Pairs) ->
    lists:foreach(
      fun({A, B}) ->
              SA = lists:sort(A), SB = lists:sort(B), UA = lists:usort(A), UB = lists:usort(B),
              RA = lists:reverse(SA), RB = lists:reverse(SB), RUA = lists:reverse(UA), RUB = lists:reverse(UB),
              TA = lists:keysort(1, tups(A)), TB = lists:keysort(1, tups(B)),
              UTA = lists:ukeysort(1, tups(A)), UTB = lists:ukeysort(1, tups(B)),
              Le = fun(X, Y) -> X =< Y end,
              p({lists:merge(SA, SB), lists:merge([SA, SB, SA]), lists:merge3(SA, SB, SA),
                 lists:merge(Le, SA, SB), lists:umerge(UA, UB), lists:umerge([UA, UB, UA]),
                 lists:umerge3(UA, UB, UA), lists:umerge(Le, UA, UB)}),
              p({lists:rmerge(RA, RB), lists:rmerge3(RA, RB, RA), lists:rmerge(Le, RA, RB),
                 lists:rumerge(RUA, RUB), lists:rumerge3(RUA, RUB, RUA), lists:rumerge(Le, RUA, RUB)}),
              p({lists:keymerge(1, TA, TB), lists:ukeymerge(1, UTA, UTB),
                 lists:rkeymerge(1, lists:reverse(TA), lists:reverse(TB)),
                 lists:rukeymerge(1, lists:reverse(UTA), lists:reverse(UTB)),
                 lists:subtract(A, B), lists:zip(A, A)})
      end, Pairs).

errors() ->
    Bad = [x, [1 | x], [a, b | c], 1.5, {}],
    F1 = fun(X) -> X end,
    P = fun(X) -> X =:= a end,
    Calls =
        [fun(X) -> lists:reverse(X) end, fun(X) -> lists:reverse(X, []) end,
         fun(X) -> lists:member(a, X) end, fun(X) -> lists:keyfind(a, 1, X) end,
         fun(X) -> lists:keyfind(a, X, []) end, fun(X) -> lists:keymember(a, 1, X) end,
         fun(X) -> lists:keysearch(a, 1, X) end, fun(X) -> lists:keysearch(a, X, [{a}]) end,
         fun(X) -> lists:map(F1, X) end, fun(X) -> lists:map(X, [1]) end,
         fun(X) -> lists:foldl(fun(E, A) -> [E | A] end, [], X) end, fun(X) -> lists:foldl(X, [], [1]) end,
         fun(X) -> lists:foldr(fun(E, A) -> [E | A] end, [], X) end, fun(X) -> lists:foldr(X, [], []) end,
         fun(X) -> lists:foreach(F1, X) end, fun(X) -> lists:foreach(X, []) end,
         fun(X) -> lists:filter(P, X) end, fun(X) -> lists:filter(X, [1]) end,
         fun(X) -> lists:filter(fun(_) -> X end, [1]) end,
         fun(X) -> lists:all(P, X) end, fun(X) -> lists:any(P, X) end,
         fun(X) -> lists:all(fun(_) -> X end, [1]) end, fun(X) -> lists:any(X, []) end,
         fun(X) -> lists:filtermap(fun(_) -> X end, [1]) end, fun(X) -> lists:filtermap(P, X) end,
         fun(X) -> lists:flatmap(fun(E) -> [E] end, X) end, fun(X) -> lists:flatmap(fun(_) -> X end, [1, 2]) end,
         fun(X) -> lists:mapfoldl(fun(E, A) -> {E, A} end, 0, X) end, fun(X) -> lists:mapfoldl(fun(_, _) -> X end, 0, [1]) end,
         fun(X) -> lists:mapfoldr(fun(E, A) -> {E, A} end, 0, X) end,
         fun(X) -> lists:partition(P, X) end, fun(X) -> lists:partition(fun(_) -> X end, [1]) end,
         fun(X) -> lists:takewhile(P, X) end, fun(X) -> lists:dropwhile(P, X) end,
         fun(X) -> lists:splitwith(P, X) end, fun(X) -> lists:search(P, X) end,
         fun(X) -> lists:takewhile(fun(_) -> X end, [1]) end, fun(X) -> lists:search(fun(_) -> X end, [1]) end,
         fun(X) -> lists:keymap(F1, 1, X) end, fun(X) -> lists:keymap(F1, X, [{a}]) end,
         fun(X) -> lists:seq(1, X) end, fun(X) -> lists:seq(X, 1) end, fun(X) -> lists:seq(1, 5, X) end,
         fun(X) -> lists:duplicate(X, a) end, fun(X) -> lists:nth(X, [a, b]) end, fun(X) -> lists:nth(3, X) end,
         fun(X) -> lists:nthtail(X, [a]) end, fun(X) -> lists:nthtail(2, X) end, fun(X) -> lists:last(X) end,
         fun(X) -> lists:droplast(X) end, fun(X) -> lists:append(X) end, fun(X) -> lists:append([[1], X]) end,
         fun(X) -> lists:append(X, [1]) end, fun(X) -> lists:subtract(X, [1]) end, fun(X) -> lists:subtract([1], X) end,
         fun(X) -> lists:concat(X) end, fun(X) -> lists:concat([X]) end, fun(X) -> lists:delete(a, X) end,
         fun(X) -> lists:sublist(X, 1) end, fun(X) -> lists:sublist([1, 2], X) end, fun(X) -> lists:sublist(X, 2, 1) end,
         fun(X) -> lists:sublist([1, 2], X, 1) end, fun(X) -> lists:sublist([1, 2], 1, X) end,
         fun(X) -> lists:split(X, [1, 2]) end, fun(X) -> lists:split(2, X) end, fun(X) -> lists:split(5, X) end,
         fun(X) -> lists:join(s, X) end, fun(X) -> lists:prefix(X, [1]) end, fun(X) -> lists:prefix([1], X) end,
         fun(X) -> lists:suffix(X, [1]) end, fun(X) -> lists:suffix([1], X) end,
         fun(X) -> lists:flatten(X) end, fun(X) -> lists:flatten([X]) end, fun(X) -> lists:flatten([1], X) end,
         fun(X) -> lists:flatlength(X) end, fun(X) -> lists:sum(X) end, fun(X) -> lists:sum([1, X]) end,
         fun(X) -> lists:max(X) end, fun(X) -> lists:min(X) end,
         fun(X) -> lists:enumerate(X) end, fun(X) -> lists:enumerate(X, [a]) end,
         fun(X) -> lists:uniq(X) end, fun(X) -> lists:uniq(X, [a]) end, fun(X) -> lists:uniq(F1, X) end,
         fun(X) -> lists:zip(X, [1]) end, fun(X) -> lists:zip([1], X) end, fun(X) -> lists:zip3(X, [1], [1]) end,
         fun(X) -> lists:zipwith(fun(A, B) -> {A, B} end, X, [1]) end, fun(X) -> lists:zipwith(X, [], []) end,
         fun(X) -> lists:zipwith3(fun(A, B, C) -> {A, B, C} end, [1], X, [1]) end,
         fun(X) -> lists:unzip(X) end, fun(X) -> lists:unzip([{1, 2}, X]) end, fun(X) -> lists:unzip3(X) end,
         fun(X) -> lists:keydelete(a, 1, X) end, fun(X) -> lists:keydelete(a, X, []) end,
         fun(X) -> lists:keyreplace(a, 1, X, {b}) end, fun(X) -> lists:keyreplace(a, 1, [{a}], X) end,
         fun(X) -> lists:keystore(a, 1, X, {b}) end, fun(X) -> lists:keystore(a, 1, [{c}], X) end,
         fun(X) -> lists:keytake(a, 1, X) end, fun(X) -> lists:keytake(a, X, []) end,
         fun(X) -> lists:sort(X) end, fun(X) -> lists:sort([3, 1 | X]) end, fun(X) -> lists:usort(X) end,
         fun(X) -> lists:sort(X, [2, 1]) end, fun(X) -> lists:sort(fun(A, B) -> A =< B end, X) end,
         fun(X) -> lists:usort(X, [2, 1]) end, fun(X) -> lists:usort(fun(A, B) -> A =< B end, X) end,
         fun(X) -> lists:usort(fun(A, B) -> A =< B end, [X]) end],
    Sorts =
        [fun(X) -> lists:keysort(1, X) end, fun(X) -> lists:keysort(X, [{a}]) end, fun(X) -> lists:keysort(2, [{a}, {X}]) end,
         fun(X) -> lists:ukeysort(1, X) end, fun(X) -> lists:ukeysort(X, [{a}]) end,
         fun(X) -> lists:merge(X) end, fun(X) -> lists:merge([[1], X]) end, fun(X) -> lists:merge(X, [1]) end,
         fun(X) -> lists:merge([1], X) end, fun(X) -> lists:merge(X, [1], [2]) end, fun(X) -> lists:merge3(X, [1], [2]) end,
         fun(X) -> lists:umerge(X) end, fun(X) -> lists:umerge(X, [1]) end, fun(X) -> lists:umerge([1], X) end,
         fun(X) -> lists:umerge3([1], [2], X) end, fun(X) -> lists:rmerge(X, [1]) end, fun(X) -> lists:rmerge([1], X) end,
         fun(X) -> lists:rumerge(X, [1]) end, fun(X) -> lists:rmerge3([1], X, [1]) end, fun(X) -> lists:rumerge3([1], [1], X) end,
         fun(X) -> lists:keymerge(1, X, [{1}]) end, fun(X) -> lists:keymerge(1, [{1}], X) end, fun(X) -> lists:keymerge(X, [], [X]) end,
         fun(X) -> lists:ukeymerge(1, X, [{1}]) end, fun(X) -> lists:ukeymerge(1, [{1}], X) end,
         fun(X) -> lists:rkeymerge(1, X, [{1}]) end, fun(X) -> lists:rkeymerge(1, [{1}], X) end,
         fun(X) -> lists:rukeymerge(1, X, [{1}]) end, fun(X) -> lists:rukeymerge(1, [{1}], X) end],
    lists:foreach(fun({I, F}) -> p({I, [run(fun() -> F(X) end) || X <- Bad ++ [0, -1, []]]}) end,
                  lists:zip(lists:seq(1, length(Calls)), Calls)),
    %% keysorts and merges: not-a-list arguments only (on improper lists OTP's
    %% function_clause/badarg depends on its algorithm's internals; see stdlib/README.md)
    lists:foreach(fun({I, F}) -> p({I, [run(fun() -> F(X) end) || X <- [x, 1.5, {}, 0, -1, []]]}) end,
                  lists:zip(lists:seq(1, length(Sorts)), Sorts)).
