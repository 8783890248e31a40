-module(eu_binaries).
-include_lib("eunit/include/eunit.hrl").

size_test() -> ?assertEqual(3, byte_size(<<1, 2, 3>>)).
match_test() ->
    <<A:8, Rest/binary>> = <<7, 8, 9>>,
    ?assertEqual({7, <<8, 9>>}, {A, Rest}).
to_list_test() -> ?assertEqual("abc", binary_to_list(<<"abc">>)).
bits_test_() ->
    [?_assertEqual(<<N:16>>, <<0, N>>) || N <- [0, 1, 255]].
split_test() -> ?assertEqual({<<"ab">>, <<"cd">>}, split_binary(<<"abcd">>, 2)).
bad_test() -> ?assertError(badarg, binary_to_list(id(notabinary))).
wrong_size_test() -> ?assertEqual(4, byte_size(<<"abc">>)).

id(X) -> X.
