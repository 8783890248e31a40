-module(eunit_self).
-include_lib("eunit/include/eunit.hrl").
-export([main/1]).

%% test/0 is added and exported by EUnit (ferl: the front-end hook).
main(_) ->
    io:format("~p~n", [test()]),
    io:format("~p~n", [eunit:test({generator, fun gen/0})]),
    io:format("~p~n", [eunit:test([fun() -> ok end, {"d", fun() -> ok end}])]),
    io:format("~p~n", [eunit:test(fun() -> ok end)]),
    io:format("~p~n", [eunit:test([])]),
    io:format("~p~n", [eunit:test({setup, fun() -> 1 end, fun(X) -> ?_assertEqual(1, X) end})]),
    io:format("~p~n", [eunit:test([fun() -> ok end, [fun() -> ok end, fun() -> ok end]])]).

a_test() -> ?assert(true).
b_test() -> ?assertMatch({_, _}, {1, 2}).
c_test_() -> [?_test(ok), ?_assertNot(false)].

gen() -> [?_assert(true), ?_assertEqual(1, 1)].
