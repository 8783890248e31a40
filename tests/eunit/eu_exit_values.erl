-module(eu_exit_values).
-include_lib("eunit/include/eunit.hrl").

exit_normal_caught_test() -> ?assertExit(normal, exit(normal)).
throw_in_test_fails_test() -> throw(not_caught).
error_tuple_test() -> ?assertError({my_error, _}, erlang:error({my_error, 42})).
error3_test() -> ?assertError(badarg, erlang:error(badarg, [1, 2])).
nested_test() ->
    ?assertError({assertEqual, _}, ?assertEqual(1, 2)).
not_equal_exception_test() ->
    ?assertException(error, {assertNotEqual, _}, ?assertNotEqual(a, a)).
match_failure_data_test() ->
    try ?assertMatch({x, _}, {y, 1}) of
        _ -> erlang:error(unreachable)
    catch error:{assertMatch, Info} ->
        ?assertEqual({value, {y, 1}}, lists:keyfind(value, 1, Info)),
        ?assertEqual({pattern, "{ x , _ }"}, lists:keyfind(pattern, 1, Info))
    end.
