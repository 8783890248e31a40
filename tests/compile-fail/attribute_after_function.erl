-module(attribute_after_function).

f() -> ok.
-export([f/0]).
