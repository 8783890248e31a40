-module(unsafe_var_receive).
-export([f/0]).

f() ->
    receive
        {a, Y} -> Y;
        {b, Z} -> Z
    after 10 -> Y = 1
    end,
    Y + Z.
