%% A module exporting start/0 (no main/1) is an executable too: ferl_run_entry=start.
-module(start_entry).
-export([start/0]).

start() ->
    io:put_chars("started\n").
