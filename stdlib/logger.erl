%% logger: the small part of OTP's logger that ferl's OTP behaviours need.
%% Reports are written to standard_error with BEAM's error_logger headers
%% ("=ERROR REPORT==== 21-Nov-2026::23:50:06.320179 ===").
%% The primary level (default notice) is kept by a registered holder process,
%% started on first use of set_primary_config/2.
-module(logger).
-export([set_primary_config/2, get_primary_config/0, remove_handler/1,
         error/1, error/2, warning/1, warning/2, notice/1, notice/2, info/1, info/2,
         ferl_report/3, allow/1, timestamp_text/0]).

-define(HOLDER, '$ferl_logger_config').

set_primary_config(level, Level) ->
    case lists:member(Level, [emergency, alert, critical, error, warning, notice, info, debug, all, none]) of
        true -> set_value(level, Level);
        false -> {error, {invalid_level, Level}}
    end;
set_primary_config(_, _) -> ok.

remove_handler(default) -> set_value(handler, none);
remove_handler(_) -> {error, {not_found, unknown}}.

get_primary_config() ->
    #{level => get_value(level, notice), filter_default => log, filters => []}.

set_value(Key, Value) ->
    Pid = case whereis(?HOLDER) of
              undefined ->
                  P = spawn(fun() -> holder(#{}) end),
                  try register(?HOLDER, P) of
                      true -> P
                  catch error:badarg ->
                          exit(P, kill),
                          whereis(?HOLDER)
                  end;
              P -> P
          end,
    Ref = erlang:monitor(process, Pid),
    Pid ! {set, self(), Ref, Key, Value},
    receive
        {Ref, ok} -> erlang:demonitor(Ref, [flush]), ok;
        {'DOWN', Ref, _, _, _} -> ok
    end.

get_value(Key, Default) ->
    case whereis(?HOLDER) of
        undefined -> Default;
        Pid ->
            Ref = erlang:monitor(process, Pid),
            Pid ! {get, self(), Ref, Key},
            receive
                {Ref, V} ->
                    erlang:demonitor(Ref, [flush]),
                    case V of
                        undefined -> Default;
                        _ -> V
                    end;
                {'DOWN', Ref, _, _, _} -> Default
            end
    end.

holder(Map) ->
    receive
        {set, From, Ref, K, V} ->
            From ! {Ref, ok},
            holder(Map#{K => V});
        {get, From, Ref, K} ->
            From ! {Ref, maps:get(K, Map, undefined)},
            holder(Map)
    end.

rank(emergency) -> 0;
rank(alert) -> 1;
rank(critical) -> 2;
rank(error) -> 3;
rank(warning) -> 4;
rank(notice) -> 5;
rank(info) -> 6;
rank(debug) -> 7;
rank(all) -> 8;
rank(none) -> -1.

allow(Level) ->
    case whereis(?HOLDER) of
        undefined -> rank(Level) =< rank(notice);
        _ ->
            get_value(handler, default) =/= none andalso
                rank(Level) =< rank(get_value(level, notice))
    end.

error(Fmt) -> log(error, Fmt, []).
error(Fmt, Args) -> log(error, Fmt, Args).
warning(Fmt) -> log(warning, Fmt, []).
warning(Fmt, Args) -> log(warning, Fmt, Args).
notice(Fmt) -> log(notice, Fmt, []).
notice(Fmt, Args) -> log(notice, Fmt, Args).
info(Fmt) -> log(info, Fmt, []).
info(Fmt, Args) -> log(info, Fmt, Args).

log(Level, Fmt, Args) when is_list(Fmt); is_binary(Fmt) ->
    Header = case Level of
                 error -> "ERROR REPORT";
                 warning -> "WARNING REPORT";
                 notice -> "NOTICE REPORT";
                 _ -> "INFO REPORT"
             end,
    ferl_report(Level, Header, io_lib:format(Fmt, Args));
log(Level, Report, _) ->
    ferl_report(Level, "INFO REPORT", io_lib:format("~tp~n", [Report])).

%% Write one report: "=HEADER==== date ===\nText\n" on standard_error. Text may be a
%% fun returning the text, so that nothing is formatted when the level is off.
ferl_report(Level, Header, Text0) ->
    case allow(Level) of
        true ->
            Text = if is_function(Text0, 0) -> Text0();
                      true -> Text0
                   end,
            io:put_chars(standard_error,
                         ["=", Header, "==== ", timestamp_text(), " ===\n", Text, "\n"]);
        false -> ok
    end.

timestamp_text() ->
    Us = erlang:system_time(microsecond),
    Secs = Us div 1000000,
    Micro = Us rem 1000000,
    Days = Secs div 86400,
    SoD = Secs rem 86400,
    {Y, Mo, D} = civil(Days),
    Month = element(Mo, {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                         "Sep", "Oct", "Nov", "Dec"}),
    io_lib:format("~w-~s-~w::~2..0w:~2..0w:~2..0w.~6..0w",
                  [D, Month, Y, SoD div 3600, (SoD rem 3600) div 60, SoD rem 60, Micro]).

%% days since 1970-01-01 -> {Y, M, D} (proleptic Gregorian)
civil(Days) ->
    Z = Days + 719468,
    Era = (if Z >= 0 -> Z; true -> Z - 146096 end) div 146097,
    Doe = Z - Era * 146097,
    Yoe = (Doe - Doe div 1460 + Doe div 36524 - Doe div 146096) div 365,
    Y = Yoe + Era * 400,
    Doy = Doe - (365 * Yoe + Yoe div 4 - Yoe div 100),
    Mp = (5 * Doy + 2) div 153,
    D = Doy - (153 * Mp + 2) div 5 + 1,
    M = if Mp < 10 -> Mp + 3; true -> Mp - 9 end,
    {if M =< 2 -> Y + 1; true -> Y end, M, D}.
