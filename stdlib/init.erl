%% init -- the part of OTP 25's `init` a program uses to stop the system.
%%
%% Written from scratch for ferl.  As in OTP, stop/0,1 check the status, hand the
%% shutdown to another process and return `ok` at once: the caller and every other
%% process keep running while the system shuts down.  The shutdown process (registered
%% as `init` while it runs, so a second stop is ignored, as OTP's init ignores it)
%% stops the running applications newest first (their prep_stop/stop callbacks run),
%% lets the processes run for a grace period (OTP's kernel shutdown takes about a
%% second, most of it the standard I/O server's; ferl waits ?GRACE_MS), then flushes
%% standard output and ends the OS process: status 0 for stop/0, N (its low 8 bits)
%% for stop(N), and for a string the string on stderr and status 1, as OTP's
%% halt(Slogan) (ferl writes no crash dump).
-module(init).

-export([stop/0, stop/1]).

-define(GRACE_MS, 250).

-spec stop() -> ok.
stop() ->
    begin_stop(0).

-spec stop(non_neg_integer() | string()) -> ok.
stop(Status) when is_integer(Status), Status >= 0 ->
    begin_stop(Status);
stop(Status) when is_list(Status) ->
    case is_bytelist(Status) of
        true -> begin_stop(Status);
        false -> erlang:error(badarg)
    end;
stop(_) ->
    erlang:error(badarg).

is_bytelist([B | Bs]) when is_integer(B), B >= 0, B < 256 -> is_bytelist(Bs);
is_bytelist([]) -> true;
is_bytelist(_) -> false.

begin_stop(Status) ->
    _ = spawn(fun() -> shutdown(Status) end),
    ok.

shutdown(Status) ->
    case catch register(init, self()) of
        true ->
            stop_applications(),
            receive after ?GRACE_MS -> ok end,
            halt_with(Status);
        _ ->
            %% a shutdown is already under way
            ok
    end.

%% Running applications, newest first (which_applications/0's order), as OTP's
%% application controller stops them when init shuts it down.
stop_applications() ->
    case whereis(application_controller) of
        undefined ->
            ok;
        _ ->
            Apps = [A || {A, _, _} <- catch_list(fun application:which_applications/0),
                         A =/= kernel, A =/= stdlib],
            lists:foreach(fun(A) -> catch application:stop(A) end, Apps)
    end.

catch_list(F) ->
    case catch F() of
        L when is_list(L) -> L;
        _ -> []
    end.

halt_with(Status) when is_integer(Status) ->
    erlang:halt(Status band 16#FF);
halt_with(Slogan) ->
    catch io:put_chars(standard_error, [Slogan, $\n]),
    erlang:halt(1).
