-module(unused_record).
-export([f/0]).
-record(unused, {a}).

f() -> ok.
