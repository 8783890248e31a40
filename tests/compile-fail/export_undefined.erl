-module(export_undefined).
-export([f/1, missing/2]).

f(X) -> X.
