%% os -- operating-system services, as OTP 25's `os` (the common subset).
%%
%% Written from scratch for ferl on the runtime primitives ferl_os:*
%% (runtime/src/osfile.rs).  os:timestamp/0 and os:system_time/0,1 are
%% runtime BIFs and are deliberately not defined here.
%%
%% os:cmd/1,2 runs `/bin/sh -c Command` on an OS thread of its own
%% (ferl_os:cmd_start/2) and waits for its output in a receive, so the
%% caller's scheduler keeps running other processes, as with BEAM's port.
-module(os).

-export([getenv/0, getenv/1, getenv/2, putenv/2, unsetenv/1,
         type/0, cmd/1, cmd/2]).

getenv() ->
    ferl_os:getenv().

getenv(Name) ->
    ferl_os:getenv(env_name(Name, [Name])).

getenv(Name, Default) ->
    case ferl_os:getenv(env_name(Name, [Name, Default])) of
        false -> Default;
        Value -> Value
    end.

putenv(Name, Value) ->
    N = env_name(Name, [Name, Value]),
    case is_list(Value) andalso io_lib:char_list(Value) of
        true -> ferl_os:putenv(N, Value);
        false -> erlang:error(badarg, [Name, Value])
    end.

unsetenv(Name) ->
    ferl_os:unsetenv(env_name(Name, [Name])).

%% A name is a flat string; anything else is badarg with the caller's
%% arguments, as OTP.
env_name(Name, Args) ->
    case is_list(Name) andalso io_lib:char_list(Name) of
        true -> Name;
        false -> erlang:error(badarg, Args)
    end.

type() ->
    {unix, linux}.

cmd(Command) ->
    case command(Command) of
        {ok, C} -> run(C, infinity);
        error -> erlang:error(badarg, [Command])
    end.

cmd(Command, Opts) ->
    Max = case Opts of
              #{max_size := M} -> M;
              #{} -> infinity;
              _ -> erlang:error(badarg, [Command, Opts])
          end,
    case command(Command) of
        {ok, C} -> run(C, Max);
        error -> erlang:error(badarg, [Command, Opts])
    end.

run(C, Max) ->
    Id = ferl_os:cmd_start(C, Max),
    receive {ferl_os_cmd, Id, Output} -> Output end.

%% The command as a flat string: an atom, or a deep list of positive character codes,
%% possibly ending in NUL characters (dropped), as OTP accepts.
command(A) when is_atom(A) -> {ok, atom_to_list(A)};
command(L) when is_list(L) ->
    try lists:flatten(L) of
        F ->
            case lists:all(fun(Ch) -> is_integer(Ch) andalso Ch >= 0 end, F) of
                true -> strip_nuls(F);
                false -> error
            end
    catch _:_ -> error
    end;
command(_) -> error.

strip_nuls(F) ->
    {Cmd, Tail} = lists:splitwith(fun(Ch) -> Ch =/= 0 end, F),
    case lists:all(fun(Ch) -> Ch =:= 0 end, Tail) of
        true -> {ok, Cmd};
        false -> error
    end.
