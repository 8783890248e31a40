-module(missing_include).
-include("does_not_exist.hrl").
-export([f/0]).

f() -> ok.
