-module(eu_timeout).
-include_lib("eunit/include/eunit.hrl").

%% A test that never finishes is stopped by its time limit; EUnit then cancels the rest.
a_test() -> ok.
b_test() -> ?assert(false).
hang_test_() -> {timeout, 0.2, ?_test(receive after infinity -> ok end)}.
z_test() -> ok.
