-module(bin_size_bound_later).
-export([f/1]).

f(<<X:Y, Y:8>>) -> X.
