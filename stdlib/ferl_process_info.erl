%% ferl_process_info — the waiting half of erlang:process_info/1,2 for another process.
%% The runtime's process_info trap (runtime/src/entry.rs, info_trap) sends the request
%% signal and continues here with its reference; the target answers {Ref, Result}
%% (Result is undefined for a dead process). Not part of OTP.
-module(ferl_process_info).
-export([await/1]).

await(Ref) ->
    receive
        {Ref, Result} -> Result
    end.
