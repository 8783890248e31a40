%% io -- standard I/O for ferl.
%%
%% Written from scratch for ferl; behaviour follows Erlang/OTP 25's io for
%% the functions below.  There are no I/O servers yet: everything goes
%% through two runtime BIFs,
%%
%%   ferl_io:put_chars(Chars)      write unicode chardata to stdout; ok,
%%                                 or raises badarg on invalid chardata
%%   ferl_io:get_line(Prompt)      print Prompt (a flat char list), read
%%                                 one line from stdin: string() | eof |
%%                                 {error, Reason}
%%   ferl_io:stdout_leader()       the default group leader (no process
%%                                 behind it): I/O to it is stdin/stdout
%%
%% and, for the standard_error device only, ferl_io:put_chars(standard_error,
%% Chars) (same contract, writes to stderr).  Errors are raised as OTP
%% does: error:badarg with the caller's arguments.
%%
%% A pid device (an opened file, see file.erl) is an I/O server: requests go
%% to it as {io_request, From, ReplyAs, Request} and the answer comes back as
%% {io_reply, ReplyAs, Reply} (OTP's I/O protocol).  A dead server makes the
%% call raise `terminated`, characters the device cannot encode raise
%% `no_translation`, as OTP.
-module(io).

-export([put_chars/1, put_chars/2,
         nl/0, nl/1,
         format/1, format/2, format/3,
         fwrite/1, fwrite/2, fwrite/3,
         write/1, write/2,
         get_line/1, get_line/2,
         read/1, read/2,
         request/2,
         printable_range/0, columns/0, columns/1, rows/0, rows/1]).

put_chars(Chars) ->
    case o_request(standard_io, Chars) of
        ok -> ok;
        error -> erlang:error(badarg, [Chars])
    end.

put_chars(Dev, Chars) ->
    case o_request(Dev, Chars) of
        ok -> ok;
        error -> erlang:error(badarg, [Dev, Chars])
    end.

nl() ->
    case o_request(standard_io, "\n") of
        ok -> ok;
        error -> erlang:error(badarg, [])
    end.

nl(Dev) ->
    case o_request(Dev, "\n") of
        ok -> ok;
        error -> erlang:error(badarg, [Dev])
    end.

%% Each exported function raises from its own body so that the error's
%% top stack frame is io:Function(Args), as on OTP.
format(Format) ->
    case format_out(standard_io, Format, []) of
        ok -> ok;
        error -> erlang:error(badarg, [Format])
    end.

format(Format, Args) ->
    case format_out(standard_io, Format, Args) of
        ok -> ok;
        error -> erlang:error(badarg, [Format, Args])
    end.

format(Dev, Format, Args) ->
    case format_out(Dev, Format, Args) of
        ok -> ok;
        error -> erlang:error(badarg, [Dev, Format, Args])
    end.

fwrite(Format) ->
    case format_out(standard_io, Format, []) of
        ok -> ok;
        error -> erlang:error(badarg, [Format])
    end.

fwrite(Format, Args) ->
    case format_out(standard_io, Format, Args) of
        ok -> ok;
        error -> erlang:error(badarg, [Format, Args])
    end.

fwrite(Dev, Format, Args) ->
    case format_out(Dev, Format, Args) of
        ok -> ok;
        error -> erlang:error(badarg, [Dev, Format, Args])
    end.

write(Term) ->
    case o_request(standard_io, io_lib:write(Term)) of
        ok -> ok;
        error -> erlang:error(badarg, [Term])
    end.

write(Dev, Term) ->
    case o_request(Dev, io_lib:write(Term)) of
        ok -> ok;
        error -> erlang:error(badarg, [Dev, Term])
    end.

get_line(Prompt) ->
    case get_line_req(standard_io, Prompt) of
        error -> erlang:error(badarg, [Prompt]);
        {ok, Line} -> Line
    end.

get_line(Dev, Prompt) ->
    case get_line_req(Dev, Prompt) of
        error -> erlang:error(badarg, [Dev, Prompt]);
        {ok, Line} -> Line
    end.

%% io:read/1,2: read one term ended by a dot: {ok, Term}, eof or
%% {error, ErrorInfo}.
read(Prompt) ->
    case read_req(standard_io, Prompt) of
        error -> erlang:error(badarg, [Prompt]);
        {ok, R} -> R
    end.

read(Dev, Prompt) ->
    case read_req(Dev, Prompt) of
        error -> erlang:error(badarg, [Dev, Prompt]);
        {ok, R} -> R
    end.

%% io:request(Dev, Request): one I/O-protocol request to a pid device.
request(Pid, Request) when is_pid(Pid) ->
    Mon = erlang:monitor(process, Pid),
    Pid ! {io_request, self(), Mon, Request},
    receive
        {io_reply, Mon, Reply} ->
            erlang:demonitor(Mon, [flush]),
            Reply;
        {'DOWN', Mon, _, _, _} ->
            {error, terminated}
    end;
request(_Dev, _Request) ->
    {error, request}.

printable_range() -> latin1.

columns() -> {error, enotsup}.
columns(_Dev) -> {error, enotsup}.
rows() -> {error, enotsup}.
rows(_Dev) -> {error, enotsup}.

%%% Internals.

format_out(Dev, Format, Args) ->
    case is_device(Dev) of
        false ->
            error;
        true ->
            try io_lib:format(Format, Args) of
                Chars -> o_request(Dev, Chars)
            catch error:badarg -> error
            end
    end.

get_line_req(Dev0, Prompt) ->
    Dev = device(Dev0),
    case is_device(Dev) andalso prompt_chars(Prompt) of
        {ok, P} when is_pid(Dev) -> {ok, request(Dev, {get_line, unicode, P})};
        {ok, P} -> {ok, stdin_line(P)};
        _ -> error
    end.

read_req(Dev0, Prompt) ->
    Dev = device(Dev0),
    case get_line_req(Dev, Prompt) of
        {ok, Line} -> {ok, read_more(Dev, Line, [])};
        error -> error
    end.

%% Feed lines to erl_scan:tokens/3 until a form is complete, then parse it.
%% On standard_io, the text after the form's dot is kept (per process) for
%% the next get_line/read; on a pid device it is dropped.
read_more(_Dev, {error, _} = E, _) -> E;
read_more(Dev, Line, Cont) ->
    case erl_scan:tokens(Cont, chars(Line), 1) of
        {done, Result, Rest} ->
            keep_pending(Dev, Rest),
            case Result of
                {ok, Toks, _} -> erl_parse:parse_term(Toks);
                {eof, _} -> eof;
                {error, Info, _} -> {error, Info}
            end;
        {more, Cont1} ->
            read_more(Dev, next_line(Dev), Cont1)
    end.

keep_pending(Dev, Rest) when is_list(Rest), Rest =/= [], not is_pid(Dev) ->
    put('$ferl_io_pending', Rest);
keep_pending(_, _) -> ok.

%% A line of standard input: first what a read left over.
stdin_line(Prompt) ->
    case erase('$ferl_io_pending') of
        undefined ->
            ferl_io:get_line(Prompt);
        Pending ->
            ferl_io:put_chars(Prompt),
            Pending
    end.

next_line(Dev) when is_pid(Dev) -> request(Dev, {get_line, unicode, ""});
next_line(_) -> stdin_line("").

chars(eof) -> eof;
chars(B) when is_binary(B) -> unicode:characters_to_list(B);
chars(L) -> L.

o_request(Dev, Chars) ->
    put_request(device(Dev), Chars).

put_request(Dev, Chars) when is_pid(Dev) ->
    case request(Dev, {put_chars, unicode, Chars}) of
        ok -> ok;
        {error, terminated} -> erlang:error(terminated);
        {error, {no_translation, _, _}} -> erlang:error(no_translation);
        _ -> error
    end;
put_request(Dev, Chars) ->
    case is_device(Dev) of
        false ->
            error;
        true ->
            try put_chars_bif(Dev, Chars)
            catch error:badarg -> error
            end
    end.

put_chars_bif(standard_error, Chars) -> ferl_io:put_chars(standard_error, Chars);
put_chars_bif(_Dev, Chars) -> ferl_io:put_chars(Chars).

%% Where a device's I/O goes: standard_io is the calling process's group leader; the
%% runtime's default group leader (a pid with no process behind it, the leader of
%% every process nobody gave another) is the program's standard input and output.
device(standard_io) -> device(group_leader());
device(Pid) when is_pid(Pid) ->
    case ferl_io:stdout_leader() of
        Pid -> user;
        _ -> Pid
    end;
device(Dev) -> Dev.

is_device(standard_io) -> true;
is_device(standard_error) -> true;
is_device(user) -> true;
is_device(Pid) when is_pid(Pid) -> true;
is_device(_) -> false.

%% A prompt is an atom, chardata or {format, Format, Args}.
prompt_chars(A) when is_atom(A) -> {ok, atom_to_list(A)};
prompt_chars({format, F, A}) ->
    try {ok, io_lib:build_text(io_lib:format(F, A))}
    catch error:badarg -> error
    end;
prompt_chars(P) ->
    try {ok, io_lib:build_text(P)}
    catch _:_ -> error
    end.
