-module(pp_error_directive).
-export([f/0]).
-error("this configuration is not supported").
-warning({check, this}).

f() -> ok.
