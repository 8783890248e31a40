%% calendar: OTP 25's calendar module, written from scratch for ferl (proleptic
%% Gregorian calendar, day 0 = 0000-01-01, Monday = 1). The clock and time zone come
%% from the erlang BIFs localtime/0, universaltime/0, universaltime_to_localtime/1 and
%% localtime_to_universaltime/2 (runtime/src/bif/time.rs, through the C library).
-module(calendar).
-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1, day_of_the_week/3,
         gregorian_days_to_date/1, gregorian_seconds_to_datetime/1, is_leap_year/1,
         iso_week_number/0, iso_week_number/1, last_day_of_the_month/2, local_time/0,
         local_time_to_universal_time/1, local_time_to_universal_time/2,
         local_time_to_universal_time_dst/1, now_to_datetime/1, now_to_local_time/1,
         now_to_universal_time/1, rfc3339_to_system_time/1, rfc3339_to_system_time/2,
         seconds_to_daystime/1, seconds_to_time/1, system_time_to_local_time/2,
         system_time_to_rfc3339/1, system_time_to_rfc3339/2,
         system_time_to_universal_time/2, time_difference/2, time_to_seconds/1,
         universal_time/0, universal_time_to_local_time/1, valid_date/1, valid_date/3]).

-define(DAY, 86400).
%% seconds from 0000-01-01 to 1970-01-01
-define(EPOCH, 62167219200).

date_to_gregorian_days({Y, M, D}) -> date_to_gregorian_days(Y, M, D).

date_to_gregorian_days(Y, M, D) when is_integer(Y), Y >= 0, is_integer(M), M >= 1, M =< 12,
                                     is_integer(D), D >= 1 ->
    Last = last_day_of_the_month(Y, M),
    if
        D =< Last -> year_start(Y) + month_start(M, is_leap_year(Y)) + D - 1
    end.

%% days from 0000-01-01 to Jan 1 of Y (year 0 is a leap year)
year_start(0) -> 0;
year_start(Y) -> 365 * Y + (Y - 1) div 4 - (Y - 1) div 100 + (Y - 1) div 400 + 1.

month_start(M, Leap) ->
    Base = element(M, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}),
    case Leap andalso M > 2 of
        true -> Base + 1;
        false -> Base
    end.

datetime_to_gregorian_seconds({Date, Time}) ->
    date_to_gregorian_days(Date) * ?DAY + time_to_seconds(Time).

day_of_the_week({Y, M, D}) -> day_of_the_week(Y, M, D).

day_of_the_week(Y, M, D) -> (date_to_gregorian_days(Y, M, D) + 5) rem 7 + 1.

gregorian_days_to_date(Days) when Days >= 0 ->
    Y0 = Days * 400 div 146097,
    Y = adjust_year(Y0, Days),
    DayOfYear = Days - year_start(Y),
    Leap = is_leap_year(Y),
    M = month_of(DayOfYear, Leap, 12),
    {Y, M, DayOfYear - month_start(M, Leap) + 1}.

adjust_year(Y, Days) ->
    case year_start(Y) > Days of
        true -> adjust_year(Y - 1, Days);
        false ->
            case year_start(Y + 1) =< Days of
                true -> adjust_year(Y + 1, Days);
                false -> Y
            end
    end.

month_of(DayOfYear, Leap, M) ->
    case month_start(M, Leap) =< DayOfYear of
        true -> M;
        false -> month_of(DayOfYear, Leap, M - 1)
    end.

gregorian_seconds_to_datetime(Secs) when Secs >= 0 ->
    {gregorian_days_to_date(Secs div ?DAY), seconds_to_time(Secs rem ?DAY)}.

is_leap_year(Y) when is_integer(Y), Y >= 0 ->
    (Y rem 4 =:= 0 andalso Y rem 100 =/= 0) orelse Y rem 400 =:= 0.

iso_week_number() ->
    {Date, _} = local_time(),
    iso_week_number(Date).

%% the ISO 8601 year and week (weeks start on Monday; week 1 holds the year's first
%% Thursday)
iso_week_number({Y, M, D} = Date) when is_integer(Y), is_integer(M), is_integer(D) ->
    Days = date_to_gregorian_days(Date),
    Thursday = Days - day_of_the_week(Date) + 4,
    {TY, _, _} = gregorian_days_to_date(Thursday),
    {TY, (Thursday - date_to_gregorian_days(TY, 1, 1)) div 7 + 1}.

last_day_of_the_month(Y, M) when is_integer(Y), Y >= 0 -> last_day(Y, M).

last_day(Y, 2) ->
    case is_leap_year(Y) of
        true -> 29;
        false -> 28
    end;
last_day(_, M) when M =:= 4; M =:= 6; M =:= 9; M =:= 11 -> 30;
last_day(_, M) when is_integer(M), M > 0, M < 13 -> 31.

local_time() -> erlang:localtime().

universal_time() -> erlang:universaltime().

local_time_to_universal_time(DateTime) -> erlang:localtime_to_universaltime(DateTime).

local_time_to_universal_time(DateTime, IsDst) ->
    erlang:localtime_to_universaltime(DateTime, IsDst).

%% the universal times a local time can stand for: [] in a skipped hour, two in a
%% repeated one
local_time_to_universal_time_dst(DateTime) ->
    U1 = erlang:localtime_to_universaltime(DateTime, false),
    U2 = erlang:localtime_to_universaltime(DateTime, true),
    L1 = erlang:universaltime_to_localtime(U1),
    L2 = erlang:universaltime_to_localtime(U2),
    case {L1 =:= DateTime, L2 =:= DateTime} of
        {true, true} when U1 =/= U2 -> [U2, U1];
        {true, true} -> [U1];
        {true, false} -> [U1];
        {false, true} -> [U2];
        {false, false} -> []
    end.

now_to_datetime(Now) -> now_to_universal_time(Now).

now_to_universal_time({MegaSecs, Secs, _MicroSecs}) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs + ?EPOCH).

now_to_local_time(Now) -> universal_time_to_local_time(now_to_universal_time(Now)).

universal_time_to_local_time(DateTime) -> erlang:universaltime_to_localtime(DateTime).

seconds_to_daystime(Secs) ->
    Days = floor_div(Secs, ?DAY),
    {Days, seconds_to_time(Secs - Days * ?DAY)}.

floor_div(A, B) when A >= 0 -> A div B;
floor_div(A, B) -> -((B - A - 1) div B).

seconds_to_time(Secs) when Secs >= 0, Secs < ?DAY ->
    {Secs div 3600, Secs rem 3600 div 60, Secs rem 60}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * 3600 + M * 60 + S.

time_difference({D1, T1}, {D2, T2}) ->
    seconds_to_daystime(datetime_to_gregorian_seconds({D2, T2})
                        - datetime_to_gregorian_seconds({D1, T1})).

valid_date({Y, M, D}) -> valid_date(Y, M, D).

valid_date(Y, M, D) when is_integer(Y), is_integer(M), is_integer(D) ->
    Y >= 0 andalso M >= 1 andalso M =< 12 andalso D >= 1 andalso D =< last_day(Y, M).

system_time_to_universal_time(T, Unit) ->
    Secs = erlang:convert_time_unit(T, Unit, second),
    gregorian_seconds_to_datetime(Secs + ?EPOCH).

system_time_to_local_time(T, Unit) ->
    universal_time_to_local_time(system_time_to_universal_time(T, Unit)).

%%% RFC 3339

system_time_to_rfc3339(T) -> system_time_to_rfc3339(T, []).

system_time_to_rfc3339(T, Opts) when is_list(Opts) ->
    Unit = proplists:get_value(unit, Opts, second),
    Sep = proplists:get_value(time_designator, Opts, $T),
    PerSec = erlang:convert_time_unit(1, second, Unit),
    Secs = floor_div(T, PerSec),
    Frac = T - Secs * PerSec,
    {OffSecs, OffText} = offset(proplists:get_value(offset, Opts, local), Secs, Unit),
    {{Y, Mo, D}, {H, Mi, S}} = gregorian_seconds_to_datetime(Secs + OffSecs + ?EPOCH),
    FracText = case Unit of
                   second -> "";
                   _ ->
                       Digits = length(integer_to_list(PerSec)) - 1,
                       "." ++ pad(Frac, Digits)
               end,
    pad(Y, 4) ++ "-" ++ pad(Mo, 2) ++ "-" ++ pad(D, 2) ++ [Sep] ++ pad(H, 2) ++ ":"
        ++ pad(Mi, 2) ++ ":" ++ pad(S, 2) ++ FracText ++ OffText.

%% The offset option as {Seconds, Text}; an unknown form fails with function_clause, as
%% OTP's does.
offset(local, Secs, _) ->
    UT = system_time_to_universal_time(Secs, second),
    LT = universal_time_to_local_time(UT),
    O = datetime_to_gregorian_seconds(LT) - datetime_to_gregorian_seconds(UT),
    {O, offset_text(O)};
offset("Z", _, _) -> {0, "Z"};
offset("z", _, _) -> {0, "z"};
offset([Sign, _, _, $:, _, _] = Text, _, _) when Sign =:= $+; Sign =:= $- ->
    {offset_secs(Text), Text};
offset(O, _, Unit) when is_integer(O) ->
    OS = erlang:convert_time_unit(O, Unit, second),
    {OS, offset_text(OS)}.

pad(N, W) -> string:right(integer_to_list(N), W, $0).

offset_text(O) ->
    Sign = case O < 0 of true -> "-"; false -> "+" end,
    A = abs(O) div 60,
    Sign ++ pad(A div 60, 2) ++ ":" ++ pad(A rem 60, 2).

offset_secs([Sign, H1, H2, $:, M1, M2]) ->
    S = (list_to_integer([H1, H2]) * 60 + list_to_integer([M1, M2])) * 60,
    case Sign of $- -> -S; $+ -> S end.

rfc3339_to_system_time(S) -> rfc3339_to_system_time(S, []).

rfc3339_to_system_time(Text, Opts) ->
    [Y1, Y2, Y3, Y4, $-, Mo1, Mo2, $-, D1, D2, _T, H1, H2, $:, Mi1, Mi2, $:, S1, S2 | Rest] = Text,
    Unit = proplists:get_value(unit, Opts, second),
    Ymd = {list_to_integer([Y1, Y2, Y3, Y4]), list_to_integer([Mo1, Mo2]), list_to_integer([D1, D2])},
    Hms = {list_to_integer([H1, H2]), list_to_integer([Mi1, Mi2]), list_to_integer([S1, S2])},
    {FracDigits, OffText} =
        case Rest of
            [$. | R] -> lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, R);
            _ -> {"", Rest}
        end,
    Off = case OffText of
              "Z" -> 0;
              "z" -> 0;
              _ -> offset_secs(OffText)
          end,
    Secs = datetime_to_gregorian_seconds({Ymd, Hms}) - ?EPOCH - Off,
    PerSec = erlang:convert_time_unit(1, second, Unit),
    %% As OTP: the fraction is dropped for seconds, else rounded (as a float) to the
    %% unit and given the sign of the whole seconds (so before 1970 it moves away from
    %% the epoch).
    FracUnits = case {FracDigits, Unit} of
                    {"", _} -> 0;
                    {_, second} -> 0;
                    _ -> round(list_to_float("0." ++ FracDigits) * PerSec)
                end,
    Scaled = Secs * PerSec,
    case Scaled < 0 of
        true -> Scaled - FracUnits;
        false -> Scaled + FracUnits
    end.
