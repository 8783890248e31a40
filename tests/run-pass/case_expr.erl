%% case expressions: nested cases, guards with several tests, variables bound in
%% every branch used after the case, case on tuples of values, case as an argument.
-module(case_expr).
-export([main/1]).

classify(N) ->
    case N of
        0 -> zero;
        N when N < 0 -> negative;
        N when N rem 2 =:= 0, N > 100 -> big_even;
        N when N rem 2 =:= 0 -> even;
        _ -> odd
    end.

fizzbuzz(N) ->
    case {N rem 3, N rem 5} of
        {0, 0} -> fizzbuzz;
        {0, _} -> fizz;
        {_, 0} -> buzz;
        _ -> N
    end.

exported(X) ->
    case X of
        {a, V} -> Tag = first, Val = V;
        {b, V} -> Tag = second, Val = V * 2;
        _ -> Tag = other, Val = 0
    end,
    {Tag, Val}.

nested(X, Y) ->
    case X of
        true ->
            case Y of
                true -> both;
                false -> only_x
            end;
        false ->
            case Y of
                true -> only_y;
                false -> neither
            end
    end.

main(_) ->
    io:format("~p~n", [[classify(N) || N <- [0, -5, 200, 4, 7]]]),
    io:format("~p~n", [[fizzbuzz(N) || N <- lists:seq(1, 15)]]),
    io:format("~p~n", [[exported(X) || X <- [{a, 1}, {b, 2}, c]]]),
    io:format("~p~n", [[nested(X, Y) || X <- [true, false], Y <- [true, false]]]),
    io:format("~p~n", [length(case classify(3) of odd -> [1, 2, 3]; _ -> [] end)]),
    %% a case whose value is ignored, then a case in a guard-like position
    R = case lists:member(3, [1, 2, 3]) of true -> found; false -> missing end,
    io:format("~p~n", [R]),
    %% strings and binaries in case
    io:format("~p~n", [[case S of "yes" -> 1; "no" -> 0; <<"bin">> -> 2; _ -> -1 end
                        || S <- ["yes", "no", <<"bin">>, "maybe"]]]).
