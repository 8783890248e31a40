-module(eu_generators).
-include_lib("eunit/include/eunit.hrl").

list_test_() ->
    [?_assert(true),
     ?_assertEqual(4, 2 + 2),
     ?_assertNot(false),
     ?_assertMatch([_ | _], [1]),
     ?_assertNotMatch([], [1]),
     ?_assertNotEqual(a, b),
     ?_test(ok)].

nested_test_() ->
    [[?_test(ok), [?_test(ok)]], ?_assertEqual(1, 1)].

fun_test_() -> fun() -> ok end.

single_tuple_test_() -> ?_assertEqual(6, lists:sum([1, 2, 3])).

seq_test_() -> [?_assertEqual(N * N, sq(N)) || N <- lists:seq(1, 10)].

failing_gen_test_() -> [?_assertEqual(3, sq(2)), ?_test(ok)].

sq(N) -> N * N.
