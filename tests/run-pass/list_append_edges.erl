%% erlang:'++'/2 edge cases: empty operands, improper and non-list right operands (shared
%% as the tail), improper and non-list left operands (badarg with erlang:'++' on top of
%% the stack trace, seen through catch and try), long lists, strings, and the left list
%% being copied (not shared) while the right one is shared.
-module(list_append_edges).
-export([main/1]).

%% Values through the process dictionary so no operand is known at compile time.
id(X) ->
    put(id, X),
    get(id).

top({'EXIT', {Reason, [{M, F, Args, _} | _]}}) -> {Reason, M, F, Args};
top(Other) -> Other.

main(_) ->
    E = id([]),
    io:format("~p~n", [[E ++ E, E ++ [1], [1] ++ E, E ++ a, E ++ {t}]]),
    io:format("~p~n", [[id([1, 2]) ++ 3, id([1]) ++ [2 | 3], id([a, b]) ++ <<"bin">>]]),
    io:format("~p~n", [id("abc") ++ id("def")]),
    io:format("~p~n", [id("") ++ id("x") ++ id("") ++ id("yz")]),
    io:format("~p~n", [[id([1.5, {x}, "s"]) ++ id([self() =:= self()])]]),
    %% Improper or non-list left operand: badarg.
    io:format("~p~n", [top(catch id([1 | 2]) ++ [3])]),
    io:format("~p~n", [top(catch id(a) ++ [3])]),
    io:format("~p~n", [top(catch id({1, 2}) ++ [])]),
    io:format("~p~n", [top(catch id([1, 2, 3 | <<>>]) ++ id(tail))]),
    R = try id(lists:seq(1, 1000) ++ x) ++ [y] of
            V -> {ok, V}
        catch
            error:Reason:Stack ->
                [{Mod, Fun, [L, Right], _} | _] = Stack,
                {caught, Reason, Mod, Fun, lists:nthtail(998, L), Right}
        end,
    io:format("~p~n", [R]),
    %% Long lists (several heap blocks; heap fragments on the ferl side).
    Long = id(lists:seq(1, 110000)),
    L2 = Long ++ Long,
    io:format("~p~n", [{length(L2), lists:sum(L2), lists:nth(110000, L2), lists:nth(110001, L2)}]),
    L3 = Long ++ [end_marker | improper_tail],
    io:format("~p~n", [{lists:nth(110001, L3), tl(lists:nthtail(110000, L3))}]),
    L4 = lists:foldl(fun(I, Acc) -> [I] ++ Acc ++ [I] end, [], lists:seq(1, 100)),
    io:format("~p~n", [{length(L4), lists:sublist(L4, 5), lists:nthtail(195, L4)}]),
    %% Many short appends with live data kept (collections in between).
    Keep = lists:foldl(fun(I, Acc) -> [id([I, I + 1]) ++ id([I + 2]) | Acc] end, [],
                       lists:seq(1, 4000)),
    io:format("~p~n", [{length(Keep), hd(Keep), lists:last(Keep)}]),
    %% The right operand is shared, the left copied: the originals are unchanged.
    A = id([1, 2, 3]),
    B = id([4, 5]),
    C = A ++ B,
    io:format("~p~n", [{A, B, C, lists:reverse(C) ++ A}]),
    %% Strings and deep lists.
    S = lists:flatten([id("hello"), $\s | id("world")]),
    io:format("~s~n", [S ++ "!" ++ [$\n | "next line"]]),
    io:format("~p~n", [[[1, [2]] ++ [[3], 4] ++ id([[[5]]])]]),
    %% Unicode code points in strings.
    io:format("~w~n", [id([955, 8364]) ++ "ok"]).
