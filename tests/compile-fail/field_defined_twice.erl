-module(field_defined_twice).
-export([f/0]).
-record(r, {a, b, a}).

f() -> #r{a = 1, a = 2}.
