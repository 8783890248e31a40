%% try/catch, throw, exit, error terms as BEAM builds them; normal exit status 0.
-module(exceptions).
-export([main/1]).

id(X) -> X.

risky(1) -> throw(ball);
risky(2) -> error(oops);
risky(3) -> exit(bye);
risky(4) -> 1 + id(foo);
risky(5) -> element(id(9), {a});
risky(6) -> {ok, _} = id({error, x});
risky(7) -> case id(c) of a -> 1 end;
risky(8) -> f(id(2));
risky(N) -> N * 10.

f(1) -> one.

main(_) ->
    [erlang:display(try risky(N) of V -> {ok, V} catch C:R -> {C, R} end) || N <- [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    erlang:display(catch throw(caught)),
    erlang:display(catch (try throw(a) after erlang:display(after_ran) end)).
