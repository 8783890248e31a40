%% os -- operating-system services, as OTP 25's `os` (the common subset).
%%
%% Written from scratch for ferl on the runtime primitives ferl_os:*
%% (runtime/src/osfile.rs).  os:timestamp/0 and os:system_time/0,1 are
%% runtime BIFs and are deliberately not defined here.
%%
%% os:cmd/1 runs `/bin/sh -c Command` and waits for it on the calling
%% process's scheduler thread (other schedulers keep running).
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
    cmd(Command, #{}).

cmd(Command, Opts) when is_map(Opts) ->
    case command(Command) of
        {ok, C} -> ferl_os:cmd(C);
        error -> erlang:error(badarg, [Command])
    end.

command(A) when is_atom(A) -> {ok, atom_to_list(A)};
command(L) when is_list(L) ->
    try {ok, lists:flatten(L)}
    catch _:_ -> error
    end;
command(_) -> error.
