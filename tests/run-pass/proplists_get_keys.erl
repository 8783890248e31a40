%% proplists:get_keys/1 lists the keys in the order of a sets (version 1) set, as OTP.
-module(proplists_get_keys).
-export([main/1]).
main(_) ->
    Cases = [[], [a], [a, b, {c, 1}, {a, 2}, d], [{K, V} || K <- lists:seq(1, 40), V <- [x]],
             [{list_to_atom("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 30)] ++ [z, y, x, {w}],
             [1, "str", {t, 1, 2}, {}, foo, {<<"b">>, 1}, {1.5, a}]],
    [io:format("~p~n", [proplists:get_keys(C)]) || C <- Cases],
    ok.
