-module(map_construction_exact).
-export([f/0]).

f() -> #{a := 1}.
