-module(eu_single).
-include_lib("eunit/include/eunit.hrl").

only_test() -> ?assertEqual(<<"abc">>, list_to_binary("abc")).
not_a_test(_) -> ignored.
