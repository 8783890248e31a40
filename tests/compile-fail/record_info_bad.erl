-module(record_info_bad).
-export([f/0]).
-record(r, {a}).

f() -> record_info(bad, r).
