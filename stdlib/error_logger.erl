%% error_logger: OTP's old reporting API, written from scratch for ferl on top of its
%% small logger (reports on standard_error with the classic headers).
-module(error_logger).
-export([error_msg/1, error_msg/2, format/2, warning_msg/1, warning_msg/2,
         info_msg/1, info_msg/2, error_report/1, error_report/2, warning_report/1,
         warning_report/2, info_report/1, info_report/2]).

error_msg(Fmt) -> error_msg(Fmt, []).
error_msg(Fmt, Args) -> msg(error, "ERROR REPORT", Fmt, Args).
format(Fmt, Args) -> error_msg(Fmt, Args).
warning_msg(Fmt) -> warning_msg(Fmt, []).
warning_msg(Fmt, Args) -> msg(warning, "WARNING REPORT", Fmt, Args).
info_msg(Fmt) -> info_msg(Fmt, []).
%% (printed by OTP 25's default configuration, so logged here at notice level)
info_msg(Fmt, Args) -> msg(notice, "INFO REPORT", Fmt, Args).

error_report(R) -> report(error, "ERROR REPORT", R).
error_report(_Type, R) -> report(error, "ERROR REPORT", R).
warning_report(R) -> report(warning, "WARNING REPORT", R).
warning_report(_Type, R) -> report(warning, "WARNING REPORT", R).
info_report(R) -> report(notice, "INFO REPORT", R).
info_report(_Type, R) -> report(notice, "INFO REPORT", R).

msg(Level, Header, Fmt, Args) ->
    logger:ferl_report(Level, Header, fun() -> io_lib:format(Fmt, Args) end),
    ok.

%% a report: a list of {Tag, Data} and other terms, or a string, or any term
report(Level, Header, R) ->
    logger:ferl_report(Level, Header, fun() -> report_text(R) end),
    ok.

report_text(R) when is_list(R) ->
    case io_lib:printable_list(R) of
        true -> io_lib:format("~ts", [R]);
        false ->
            lists:join("\n",
                       [case Item of
                            {Tag, Data} -> io_lib:format("    ~tp: ~tp", [Tag, Data]);
                            Other -> io_lib:format("    ~tp", [Other])
                        end || Item <- R])
    end;
report_text(R) -> io_lib:format("~tp", [R]).
