-module(unused_function).
-export([f/0]).
-compile({nowarn_unused_function, [quiet/0]}).

f() -> ok.
g() -> ok.
quiet() -> ok.
