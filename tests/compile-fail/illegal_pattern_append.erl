-module(illegal_pattern_append).
-export([f/1]).

f([a] ++ X) -> X;
f("ab" ++ Y) -> Y.
