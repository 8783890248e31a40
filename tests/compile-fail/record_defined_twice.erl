-module(record_defined_twice).
-export([f/0]).
-record(r, {a}).
-record(r, {b}).

f() -> #r{}.
