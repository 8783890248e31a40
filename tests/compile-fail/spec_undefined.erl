-module(spec_undefined).
-export([f/0]).

-spec g(integer()) -> integer().
f() -> ok.
