%% init -- the part of OTP 25's `init` a program uses to stop the system.
%%
%% Written from scratch for ferl.  There is no boot script or application
%% shutdown sequence to run: stop/0,1 flush standard output and end the OS
%% process with the status (0, or the given one), as erlang:halt/1 does.
%% OTP's stop is asynchronous (it returns `ok` and the system stops soon
%% after); here it does not return.
-module(init).

-export([stop/0, stop/1]).

stop() ->
    erlang:halt(0).

stop(Status) when is_integer(Status), Status >= 0 ->
    erlang:halt(Status);
stop(Status) ->
    erlang:error(badarg, [Status]).
