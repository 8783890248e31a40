-module(field_undefined).
-export([f/1]).
-record(r, {a, b = 1}).

f(#r{c = 1} = R) -> R#r.zz.
