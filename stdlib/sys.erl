%% sys: system messages to OTP processes (ferl's gen_server, gen_statem, gen_event,
%% supervisor), written from scratch: {system, From, Request} answered with gen:reply/2.
-module(sys).
-export([get_state/1, get_state/2, replace_state/2, replace_state/3,
         suspend/1, suspend/2, resume/1, resume/2, get_status/1, get_status/2,
         change_code/4, change_code/5, terminate/2, terminate/3]).

get_state(Name) -> send_system_msg(Name, get_state, 5000).
get_state(Name, Timeout) -> send_system_msg(Name, get_state, Timeout).
replace_state(Name, Fun) -> send_system_msg(Name, {replace_state, Fun}, 5000).
replace_state(Name, Fun, Timeout) -> send_system_msg(Name, {replace_state, Fun}, Timeout).
suspend(Name) -> send_system_msg(Name, suspend, 5000).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout).
resume(Name) -> send_system_msg(Name, resume, 5000).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout).
get_status(Name) -> send_system_msg(Name, get_status, 5000).
get_status(Name, Timeout) -> send_system_msg(Name, get_status, Timeout).
change_code(Name, Mod, Vsn, Extra) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, 5000).
change_code(Name, Mod, Vsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, Timeout).
terminate(Name, Reason) -> terminate(Name, Reason, infinity).
terminate(Name, Reason, Timeout) ->
    proc_lib:stop(Name, Reason, Timeout).

send_system_msg(Name, Request, Timeout) ->
    try gen:call(Name, system, Request, Timeout) of
        {ok, Res} -> Res
    catch exit:Reason ->
            exit({Reason, {sys, callname(Request), [Name | args(Request, Timeout)]}})
    end.

callname(get_state) -> get_state;
callname({replace_state, _}) -> replace_state;
callname(suspend) -> suspend;
callname(resume) -> resume;
callname(get_status) -> get_status;
callname({change_code, _, _, _}) -> change_code.

args(get_state, T) -> [T];
args({replace_state, F}, T) -> [F, T];
args({change_code, M, V, E}, T) -> [M, V, E, T];
args(_, T) -> [T].
