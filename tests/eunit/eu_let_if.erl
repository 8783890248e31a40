-module(eu_let_if).
-include_lib("eunit/include/eunit.hrl").

let_test() -> ?assertEqual(6, ?LET(X, 3, X * 2)).
if_test() -> ?assertEqual(yes, ?IF(1 < 2, yes, no)).
if_false_test() -> ?assertEqual(no, ?IF(1 > 2, yes, no)).
test_macro_defined_test() -> ?assertEqual(yes, is_test()).

-ifdef(TEST).
is_test() -> yes.
-else.
is_test() -> no.
-endif.
