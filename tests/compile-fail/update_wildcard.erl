-module(update_wildcard).
-export([f/1]).
-record(r, {a, b}).

f(R) -> R#r{_ = 1}.
