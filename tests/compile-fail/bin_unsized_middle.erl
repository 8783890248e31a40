-module(bin_unsized_middle).
-export([f/1]).

f(<<X/binary, Y>>) -> {X, Y}.
