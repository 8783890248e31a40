%% timer: OTP's timer API for ferl, written from scratch. One-shot message timers are
%% runtime timers (erlang:send_after/3); apply_after and interval timers are small
%% helper processes (an interval timer stops when the process that made it dies).
-module(timer).
-export([sleep/1, send_after/2, send_after/3, apply_after/4, exit_after/2, exit_after/3,
         kill_after/1, kill_after/2, send_interval/2, send_interval/3,
         apply_interval/4, cancel/1, tc/1, tc/2, tc/3, now_diff/2,
         seconds/1, minutes/1, hours/1, hms/3]).

sleep(T) when T =:= infinity; is_integer(T), T >= 0 ->
    receive after T -> ok end.

send_after(T, Msg) -> send_after(T, self(), Msg).
send_after(T, Dest, Msg) when is_integer(T), T >= 0 ->
    Pid = case Dest of
              P when is_pid(P) -> P;
              Name when is_atom(Name) -> Name;
              _ -> erlang:error(badarg, [T, Dest, Msg])
          end,
    {ok, {send_after, erlang:send_after(T, Pid, Msg)}};
send_after(_T, _Dest, _Msg) -> {error, badarg}.

apply_after(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() ->
                        receive cancel -> ok
                        after T -> _ = spawn(fun() -> apply_mfa(M, F, A) end), ok
                        end
                end),
    {ok, {apply_after, Pid}};
apply_after(_T, _M, _F, _A) -> {error, badarg}.

exit_after(T, Reason) -> exit_after(T, self(), Reason).
exit_after(T, Pid, Reason) -> apply_after(T, erlang, exit, [Pid, Reason]).
kill_after(T) -> exit_after(T, self(), kill).
kill_after(T, Pid) -> exit_after(T, Pid, kill).

send_interval(T, Msg) -> send_interval(T, self(), Msg).
send_interval(T, Dest, Msg) when is_integer(T), T >= 0 ->
    Owner = self(),
    Pid = spawn(fun() ->
                        Ref = erlang:monitor(process, Owner),
                        interval(T, Ref, fun() -> Dest ! Msg end)
                end),
    {ok, {interval, Pid}};
send_interval(_T, _Dest, _Msg) -> {error, badarg}.

apply_interval(T, M, F, A) when is_integer(T), T >= 0 ->
    Owner = self(),
    Pid = spawn(fun() ->
                        Ref = erlang:monitor(process, Owner),
                        interval(T, Ref, fun() -> spawn(fun() -> apply_mfa(M, F, A) end) end)
                end),
    {ok, {interval, Pid}};
apply_interval(_T, _M, _F, _A) -> {error, badarg}.

interval(T, Ref, Action) ->
    receive
        cancel -> ok;
        {'DOWN', Ref, _, _, _} -> ok
    after T ->
            Action(),
            interval(T, Ref, Action)
    end.

cancel({send_after, Ref}) ->
    _ = erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({apply_after, Pid}) -> Pid ! cancel, {ok, cancel};
cancel({interval, Pid}) -> Pid ! cancel, {ok, cancel};
cancel(TRef) -> {error, {badarg, TRef}}.

tc(F) ->
    T0 = erlang:monotonic_time(microsecond),
    V = F(),
    {erlang:monotonic_time(microsecond) - T0, V}.
tc(F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply_fun(F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.
tc(M, F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply_mfa(M, F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.

now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.

seconds(S) -> 1000 * S.
minutes(M) -> 60 * 1000 * M.
hours(H) -> 60 * 60 * 1000 * H.
hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

%% apply(M, F, Args) by the length of Args (ferl: a dynamic apply/3 is not yet in the
%% export table of executables, a remote call with a variable module is)
apply_mfa(M, F, []) -> M:F();
apply_mfa(M, F, [A]) -> M:F(A);
apply_mfa(M, F, [A, B]) -> M:F(A, B);
apply_mfa(M, F, [A, B, C]) -> M:F(A, B, C);
apply_mfa(M, F, [A, B, C, D]) -> M:F(A, B, C, D);
apply_mfa(M, F, [A, B, C, D, E]) -> M:F(A, B, C, D, E);
apply_mfa(M, F, [A, B, C, D, E, G]) -> M:F(A, B, C, D, E, G);
apply_mfa(M, F, [A, B, C, D, E, G, H]) -> M:F(A, B, C, D, E, G, H);
apply_mfa(M, F, [A, B, C, D, E, G, H, I]) -> M:F(A, B, C, D, E, G, H, I);
apply_mfa(M, F, Args) -> apply(M, F, Args).
apply_fun(F, []) -> F();
apply_fun(F, [A]) -> F(A);
apply_fun(F, [A, B]) -> F(A, B);
apply_fun(F, [A, B, C]) -> F(A, B, C);
apply_fun(F, [A, B, C, D]) -> F(A, B, C, D);
apply_fun(F, Args) -> apply(F, Args).
