%% String processing on character lists: tokenizing, word counts with an association
%% list, capitalisation, palindromes, replacing substrings, number parsing.
-module(string_processing).
-export([main/1]).

tokens(S) -> tokens(S, [], []).
tokens([], [], Acc) -> lists:reverse(Acc);
tokens([], W, Acc) -> lists:reverse([lists:reverse(W) | Acc]);
tokens([C | T], W, Acc) when C =:= $\s; C =:= $,; C =:= $.; C =:= $\n ->
    case W of
        [] -> tokens(T, [], Acc);
        _ -> tokens(T, [], [lists:reverse(W) | Acc])
    end;
tokens([C | T], W, Acc) -> tokens(T, [C | W], Acc).

lower(S) -> [if C >= $A, C =< $Z -> C + 32; true -> C end || C <- S].

capitalize([C | T]) when C >= $a, C =< $z -> [C - 32 | T];
capitalize(S) -> S.

count(Words) -> count(Words, []).
count([], Acc) -> lists:keysort(1, Acc);
count([W | T], Acc) ->
    case lists:keyfind(W, 1, Acc) of
        {W, N} -> count(T, [{W, N + 1} | keydelete(W, Acc)]);
        false -> count(T, [{W, 1} | Acc])
    end.

palindrome(S) ->
    L = [C || C <- lower(S), C >= $a, C =< $z],
    L =:= lists:reverse(L).

replace([], _, _) -> [];
replace(S, From, To) ->
    case prefix(From, S) of
        true -> To ++ replace(nthtail(length(From), S), From, To);
        false -> [hd(S) | replace(tl(S), From, To)]
    end.

main(_) ->
    Text = "The quick brown fox jumps over the lazy dog. The dog sleeps, the fox runs.",
    Words = [lower(W) || W <- tokens(Text)],
    io:format("~p~n", [Words]),
    io:format("~p~n", [count(Words)]),
    io:format("~s~n", [string_join([capitalize(W) || W <- tokens("hello big world")], " ")]),
    io:format("~p~n", [[palindrome(S) || S <- ["A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw"]]]),
    io:format("~s~n", [replace("the cat sat on the mat", "at", "og")]),
    io:format("~p~n", [[list_to_integer(W) || W <- tokens("10 20 30,40"), W =/= ""]]).

keydelete(K, L) -> [E || {K2, _} = E <- L, K2 =/= K].

prefix([], _) -> true;
prefix([C | A], [C | B]) -> prefix(A, B);
prefix(_, _) -> false.

nthtail(0, L) -> L;
nthtail(N, [_ | T]) -> nthtail(N - 1, T).

string_join([], _) -> [];
string_join([W], _) -> W;
string_join([W | T], Sep) -> W ++ Sep ++ string_join(T, Sep).
