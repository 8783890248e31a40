-module(eu_fixture_order).
-include_lib("eunit/include/eunit.hrl").

%% Fixtures run in order around their tests: the log table records it.
order_test_() ->
    {inorder,
     [{setup,
       fun() -> log(setup), ok end,
       fun(_) -> log(cleanup) end,
       [?_test(log(t1)), ?_test(log(t2))]},
      {foreach,
       fun() -> log(fe_setup) end,
       fun(_) -> log(fe_cleanup) end,
       [fun(_) -> ?_test(log(f1)) end, fun(_) -> ?_test(log(f2)) end]},
      ?_test(check())]}.

log(X) ->
    case ets:whereis(eu_order_log) of
        undefined -> ets:new(eu_order_log, [named_table, public, duplicate_bag]);
        _ -> ok
    end,
    ets:insert(eu_order_log, {log, X}),
    ok.

check() ->
    ?assertEqual([setup, t1, t2, cleanup, fe_setup, f1, fe_cleanup, fe_setup, f2, fe_cleanup],
                 ets:lookup_element(eu_order_log, log, 2)).
