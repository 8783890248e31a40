-module(eu_control).
-include_lib("eunit/include/eunit.hrl").

timeout_test_() -> {timeout, 60, ?_test(ok)}.
timeout_list_test_() -> {timeout, 30, [?_test(ok), ?_assert(true)]}.
inorder_test_() -> {inorder, [?_test(ok), ?_test(ok), ?_test(ok)]}.
inparallel_test_() -> {inparallel, [?_assertEqual(1, 1), ?_assertEqual(2, 2)]}.
inparallel_n_test_() -> {inparallel, 2, [?_test(ok), ?_test(ok)]}.
spawn_test_() -> {spawn, ?_test(ok)}.
with_test_() -> {with, 4, [fun(X) -> ?assertEqual(4, X) end, fun(X) -> ?assert(X > 3) end]}.
