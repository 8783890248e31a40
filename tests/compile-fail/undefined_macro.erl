-module(undefined_macro).
-export([f/0]).

f() -> ?NOPE.
