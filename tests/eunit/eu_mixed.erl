-module(eu_mixed).
-include_lib("eunit/include/eunit.hrl").

strings_test_() ->
    {"string helpers",
     [{"upper", ?_assertEqual("ABC", up("abc"))},
      {"length", ?_assertEqual(3, length("abc"))},
      {"broken", ?_assertEqual("abc", up("abc"))}]}.

maps_test_() ->
    M = #{a => 1, b => 2},
    [?_assertEqual(1, maps:get(a, M)),
     ?_assertMatch(#{b := 2}, M),
     ?_assertError({badkey, c}, maps:get(c, M)),
     ?_assertEqual(maps:from_list([{a, 1}]), maps:remove(b, M))].

setup_with_desc_test_() ->
    {setup, fun() -> 42 end,
     fun(N) -> {"inside setup", [?_assertEqual(42, N), ?_assertNotEqual(0, N)]} end}.

up(S) -> [C - 32 || C <- S].
