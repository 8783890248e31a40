-module(eu_debug).
-include_lib("eunit/include/eunit.hrl").

msg_test() -> ?debugMsg("hello"), ok.
fmt_test() -> ?debugFmt("~p and ~p", [a, b]), ok.
val_test() -> ?assertEqual(3, ?debugVal(1 + 2)).
here_test() -> ?debugHere, ok.
