-module(pp_bad_if).
-export([f/0]).
-if(foo:bar()).
-endif.

f() -> ok.
