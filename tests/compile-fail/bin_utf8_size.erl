-module(bin_utf8_size).
-export([f/1]).

f(<<X:8/utf8>>) -> X.
