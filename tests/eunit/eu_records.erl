-module(eu_records).
-include_lib("eunit/include/eunit.hrl").

-record(point, {x = 0, y = 0}).

default_test() -> ?assertEqual(#point{x = 0, y = 0}, #point{}).
update_test() ->
    P = #point{x = 1},
    ?assertEqual(5, (P#point{y = 5})#point.y).
match_test() -> ?assertMatch(#point{x = 1}, #point{x = 1, y = 2}).
is_record_test() -> ?assert(is_record(#point{}, point)).
wrong_field_test() -> ?assertEqual(3, (#point{x = 2})#point.x).
records_test_() -> [?_assertEqual(I, (#point{x = I})#point.x) || I <- [1, 2, 3]].
