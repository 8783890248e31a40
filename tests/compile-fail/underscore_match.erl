-module(underscore_match).
-export([f/1]).

f(_X) ->
    _X = 1,
    ok.
