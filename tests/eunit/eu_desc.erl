-module(eu_desc).
-include_lib("eunit/include/eunit.hrl").

described_test_() ->
    [{"addition", ?_assertEqual(2, 1 + 1)},
     {"subtraction", ?_assertEqual(0, 1 - 1)},
     {"a group", [{"inner one", ?_test(ok)}, {"inner two", ?_assert(true)}]},
     {<<"binary description">>, ?_test(ok)},
     {"failing", ?_assertEqual(a, b)}].
