%% Arithmetic: + - * / div rem on small and big integers and floats, overflow into
%% bignums and back, negative division semantics, bit operations, and badarith.
-module(bif_arith).
-export([main/1]).

id(X) -> X.

main(_) ->
    Max = id(576460752303423487),
    io:format("~p ~p ~p~n", [Max + 1, -Max - 2, (Max + 1) - 1]),
    io:format("~p~n", [Max * Max]),
    io:format("~p~n", [id(1) bsl 200]),
    io:format("~p~n", [(id(1) bsl 200) bsr 190]),
    io:format("~p~n", [-(id(1) bsl 100) div 7]),
    io:format("~p~n", [-(id(1) bsl 100) rem 7]),
    io:format("~p ~p ~p ~p~n", [id(7) div 2, id(-7) div 2, id(7) div -2, id(-7) div -2]),
    io:format("~p ~p ~p ~p~n", [id(7) rem 2, id(-7) rem 2, id(7) rem -2, id(-7) rem -2]),
    io:format("~p ~p~n", [id(7) / 2, id(-1) / 3]),
    io:format("~p ~p ~p~n", [id(1.5) + 1, id(2) * 0.5, id(10) - 0.25]),
    io:format("~p~n", [id(123456789012345678901234567890) * id(987654321098765432109876543210)]),
    io:format("~p~n", [id(100000000000000000000) div id(3)]),
    io:format("~p~n", [id(100000000000000000000) rem id(3)]),
    io:format("~p~n", [id(100000000000000000000) / id(3)]),
    io:format("~p ~p ~p~n", [id(2#1100) band 2#1010, id(2#1100) bor 2#1010, id(2#1100) bxor 2#1010]),
    io:format("~p ~p~n", [bnot id(5), bnot id(-1)]),
    io:format("~p~n", [id(-1) bsl 70]),
    io:format("~p~n", [id(-12345678901234567890) bsr 3]),
    io:format("~p~n", [id(-12345678901234567890) band 16#FFFF]),
    io:format("~p~n", [id(12345678901234567890) bxor id(-98765432109876543210)]),
    io:format("~p ~p~n", [-id(5), +id(5)]),
    io:format("~p~n", [fact(50)]),
    io:format("~p~n", [fact(50) div fact(48)]),
    io:format("~p~n", [pow(3, 100) - pow(3, 100) + 1]),
    Errs = [fun() -> id(1) / 0 end, fun() -> id(1) div 0 end, fun() -> id(1) rem 0 end,
            fun() -> id(a) + 1 end, fun() -> id(1.0) div 1 end, fun() -> id(1) bsl a end,
            fun() -> id(1.0) band 1 end, fun() -> -id(x) end, fun() -> id(0.0) / 0.0 end],
    io:format("~p~n", [[try F() catch error:E -> E end || F <- Errs]]).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).
