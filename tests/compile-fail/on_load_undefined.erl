-module(on_load_undefined).
-on_load(init/0).
-export([f/0]).

f() -> ok.
