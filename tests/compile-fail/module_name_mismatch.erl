-module(other_name).
-export([f/0]).

f() -> ok.
