-module(eu_setup).
-include_lib("eunit/include/eunit.hrl").

setup_test_() ->
    {setup,
     fun() -> [1, 2, 3] end,
     fun(_) -> ok end,
     fun(L) -> [?_assertEqual(3, length(L)), ?_assertEqual(6, lists:sum(L))] end}.

setup2_test_() ->
    {setup, fun() -> 10 end, fun(X) -> [?_assertEqual(10, X)] end}.

setup_tests_test_() ->
    {setup, fun() -> ok end, fun(ok) -> ok end, [?_test(ok), ?_test(ok)]}.

setup_local_test_() ->
    {setup, local, fun() -> 5 end, fun(_) -> ok end, fun(X) -> ?_assertEqual(5, X) end}.

nested_setup_test_() ->
    {setup, fun() -> 1 end,
     fun(A) ->
             {setup, fun() -> A + 1 end,
              fun(B) -> [?_assertEqual(2, B), ?_assertEqual(1, A)] end}
     end}.

setup_failing_test_() ->
    {setup, fun() -> x end, fun(X) -> [?_assertEqual(y, X)] end}.
