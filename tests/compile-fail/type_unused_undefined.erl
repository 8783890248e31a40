-module(type_unused_undefined).
-export([f/1]).
-type unused() :: integer().

-spec f(my_type()) -> ok.
f(_) -> ok.
