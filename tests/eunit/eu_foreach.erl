-module(eu_foreach).
-include_lib("eunit/include/eunit.hrl").

foreach_test_() ->
    {foreach,
     fun() -> T = ets:new(t, [public]), ets:insert(T, {n, 0}), T end,
     fun(T) -> ets:delete(T) end,
     [fun(T) -> ?_assertEqual(1, ets:update_counter(T, n, 1)) end,
      fun(T) -> ?_assertEqual(5, ets:update_counter(T, n, 5)) end,
      fun(T) -> [?_assertEqual([{n, 0}], ets:lookup(T, n))] end]}.

foreach2_test_() ->
    {foreach, fun() -> 3 end, [fun(X) -> ?_assertEqual(3, X) end]}.

foreachx_test_() ->
    {foreachx,
     fun(X) -> X * 2 end,
     fun(_X, _R) -> ok end,
     [{1, fun(X, R) -> ?_assertEqual(X * 2, R) end},
      {2, fun(_, R) -> ?_assertEqual(4, R) end},
      {3, fun(_, R) -> ?_assertEqual(5, R) end}]}.
