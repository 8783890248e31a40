%% Nested try: rethrow from a handler, exceptions in after blocks, try inside
%% loops, a try as the last expression of a recursive function, deep unwinding.
-module(try_nested).
-export([main/1]).

deep(0, Class) -> erlang:Class(bottom);
deep(N, Class) -> [N | deep(N - 1, Class)].

safe_div(A, B) ->
    try A div B
    catch error:badarith -> infinity
    end.

retry(0, _) -> gave_up;
retry(N, F) ->
    try F(N)
    catch throw:again -> retry(N - 1, F)
    end.

main(_) ->
    R1 = try
             try throw(inner)
             catch throw:inner -> throw(rethrown)
             end
         catch throw:X -> {outer_got, X}
         end,
    io:format("~p~n", [R1]),
    R2 = try
             try error(first)
             after throw(from_after)
             end
         catch C:R -> {C, R}
         end,
    io:format("~p~n", [R2]),
    io:format("~p~n", [[safe_div(10, D) || D <- [1, 2, 0, 5, 0]]]),
    io:format("~p~n", [retry(5, fun(N) when N > 2 -> throw(again); (N) -> {done, N} end)]),
    io:format("~p~n", [retry(3, fun(_) -> throw(again) end)]),
    [io:format("~p~n", [try deep(1000, C) catch Cl:Re -> {Cl, Re} end]) || C <- [throw, error, exit]],
    %% exceptions crossing several nested frames and handlers
    R3 = try
             try
                 try exit(level3)
                 catch throw:_ -> wrong
                 end
             catch error:_ -> wrong
             end
         catch exit:level3 -> right
         end,
    io:format("~p~n", [R3]),
    %% a value computed through nested trys
    V = try 1 + (try 2 * (try throw(3) catch throw:N -> N end) catch _:_ -> 0 end) catch _:_ -> -1 end,
    io:format("~p~n", [V]),
    %% try in a loop accumulating results
    io:format("~p~n", [loop(lists:seq(1, 10), [])]).

loop([], Acc) -> lists:reverse(Acc);
loop([H | T], Acc) ->
    R = try
            case H rem 3 of
                0 -> throw({fizz, H});
                1 -> H;
                2 -> error({buzz, H})
            end
        catch
            throw:{fizz, N} -> {t, N};
            error:{buzz, N} -> {e, N}
        end,
    loop(T, [R | Acc]).
