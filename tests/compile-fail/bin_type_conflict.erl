-module(bin_type_conflict).
-export([f/1, g/1]).

f(X) -> <<X:8/integer-float>>.
g(X) -> <<X/unknowntype>>.
