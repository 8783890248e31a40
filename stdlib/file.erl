%% file -- the file system, as OTP 25's `file` module (the common subset).
%%
%% Written from scratch for ferl.  The operating system is reached through
%% the runtime primitives ferl_file:* (runtime/src/osfile.rs); errors are
%% {error, Posix} with OTP's posix atoms, a bad file name or bad data is
%% {error, badarg}, as OTP.
%%
%% An opened file is a process (an I/O server, as OTP's file_io_server)
%% that owns the OS file and answers the I/O protocol
%% ({io_request, From, ReplyAs, Request} -> {io_reply, ReplyAs, Reply}),
%% so io:format/put_chars/get_line work on it; file:close/1 is a
%% {file_request, From, Ref, close} message.  The server stops (closing the
%% file) when the process that opened it exits.  `raw` is accepted and
%% gives the same kind of device.
-module(file).

-include_lib("kernel/include/file.hrl").

-export([read_file/1, write_file/2, write_file/3, consult/1,
         list_dir/1, make_dir/1, del_dir/1, delete/1, rename/2,
         read_file_info/1, read_file_info/2, read_link_info/1,
         get_cwd/0, set_cwd/1,
         open/2, close/1, read/2, read_line/1, write/2,
         format_error/1]).

%%% Whole files and directories.

read_file(Name) ->
    with_name(Name, fun(N) -> ferl_file:read_file(N) end).

write_file(Name, Data) ->
    write_file(Name, Data, []).

write_file(Name, Data, Modes) when is_list(Modes) ->
    try iolist_to_binary(Data) of
        Bin ->
            Append = lists:member(append, Modes),
            with_name(Name, fun(N) -> ferl_file:write_file(N, Bin, Append) end)
    catch error:badarg -> {error, badarg}
    end;
write_file(_Name, _Data, _Modes) ->
    {error, badarg}.

list_dir(Name) ->
    with_name(Name, fun(N) -> ferl_file:list_dir(N) end).

make_dir(Name) ->
    with_name(Name, fun(N) -> ferl_file:make_dir(N) end).

del_dir(Name) ->
    with_name(Name, fun(N) -> ferl_file:del_dir(N) end).

delete(Name) ->
    with_name(Name, fun(N) -> ferl_file:delete(N) end).

rename(From, To) ->
    with_name(From, fun(F) ->
                            with_name(To, fun(T) -> ferl_file:rename(F, T) end)
                    end).

get_cwd() ->
    ferl_file:get_cwd().

set_cwd(Name) ->
    with_name(Name, fun(N) -> ferl_file:set_cwd(N) end).

read_file_info(Name) ->
    read_file_info(Name, []).

read_file_info(Name, Opts) when is_list(Opts) ->
    info(Name, true, time_type(Opts));
read_file_info(_Name, _Opts) ->
    {error, badarg}.

read_link_info(Name) ->
    info(Name, false, local).

info(Name, Follow, TimeType) ->
    case with_name(Name, fun(N) -> ferl_file:read_file_info(N, Follow) end) of
        {ok, {Type, Size, Access, A, M, C, Mode, Links, Major, Minor, Inode,
              Uid, Gid}} ->
            {ok, #file_info{size = Size, type = Type, access = Access,
                            atime = time(A, TimeType),
                            mtime = time(M, TimeType),
                            ctime = time(C, TimeType),
                            mode = Mode, links = Links,
                            major_device = Major, minor_device = Minor,
                            inode = Inode, uid = Uid, gid = Gid}};
        Error ->
            Error
    end.

time_type(Opts) ->
    case lists:keyfind(time, 1, Opts) of
        {time, T} -> T;
        false -> local
    end.

%% POSIX seconds -> the requested representation.
time(Secs, posix) ->
    Secs;
time(Secs, universal) ->
    calendar:gregorian_seconds_to_datetime(Secs + 62167219200);
time(Secs, local) ->
    erlang:universaltime_to_localtime(time(Secs, universal)).

%% file:consult/1: every term of a text file, each ended by a dot.
consult(Name) ->
    case read_file(Name) of
        {ok, Bin} ->
            Text = case unicode:characters_to_list(Bin) of
                       L when is_list(L) -> L;
                       _ -> binary_to_list(Bin)
                   end,
            case erl_scan:string(Text) of
                {ok, Toks, End} -> consult_terms(Toks, [], [], End);
                {error, Info, _} -> {error, Info}
            end;
        Error ->
            Error
    end.

consult_terms([], [], Acc, _End) ->
    {ok, lists:reverse(Acc)};
consult_terms([], Cur, _Acc, End) ->
    [Last | _] = Cur,
    Line = erl_anno_line(Last, End),
    {error, {Line, erl_parse, ["syntax error before: ", []]}};
consult_terms([{dot, _} = D | Ts], Cur, Acc, End) ->
    case erl_parse:parse_term(lists:reverse([D | Cur])) of
        {ok, T} -> consult_terms(Ts, [], [T | Acc], End);
        {error, _} = E -> E
    end;
consult_terms([T | Ts], Cur, Acc, End) ->
    consult_terms(Ts, [T | Cur], Acc, End).

erl_anno_line(Tok, _End) -> element(2, Tok).

format_error({Line, Mod, Reason}) ->
    io_lib:format("~w: ~ts", [Line, Mod:format_error(Reason)]);
format_error(badarg) -> "bad argument";
format_error(enoent) -> "no such file or directory";
format_error(eacces) -> "permission denied";
format_error(eexist) -> "file already exists";
format_error(enotdir) -> "not a directory";
format_error(eisdir) -> "illegal operation on a directory";
format_error(terminated) -> "the file server process is terminated";
format_error(Other) -> io_lib:format("~tp", [Other]).

%%% Opened files.

open(Name, Modes) when is_list(Modes) ->
    case modes(Modes, [], false, latin1) of
        {ok, Flags, Binary, Enc} ->
            case name(Name) of
                {ok, N} -> start_server(N, Flags, Binary, Enc);
                error -> {error, badarg}
            end;
        error ->
            {error, badarg}
    end;
open(Name, Mode) when is_atom(Mode) ->
    open(Name, [Mode]);
open(_Name, _Modes) ->
    {error, badarg}.

modes([], Flags, Bin, Enc) -> {ok, Flags, Bin, Enc};
modes([M | Ms], Flags, Bin, Enc)
  when M =:= read; M =:= write; M =:= append; M =:= exclusive ->
    modes(Ms, [M | Flags], Bin, Enc);
modes([binary | Ms], Flags, _, Enc) -> modes(Ms, Flags, true, Enc);
modes([list | Ms], Flags, _, Enc) -> modes(Ms, Flags, false, Enc);
modes([{encoding, E} | Ms], Flags, Bin, _) ->
    case E of
        latin1 -> modes(Ms, Flags, Bin, latin1);
        _ when E =:= unicode; E =:= utf8 -> modes(Ms, Flags, Bin, unicode);
        _ -> error
    end;
modes([M | Ms], Flags, Bin, Enc)
  when M =:= raw; M =:= delayed_write; M =:= read_ahead; M =:= compressed;
       M =:= sync; M =:= ram ->
    modes(Ms, Flags, Bin, Enc);
modes([{M, _} | Ms], Flags, Bin, Enc)
  when M =:= delayed_write; M =:= read_ahead ->
    modes(Ms, Flags, Bin, Enc);
modes([{delayed_write, _, _} | Ms], Flags, Bin, Enc) ->
    modes(Ms, Flags, Bin, Enc);
modes([_ | Ms], Flags, Bin, Enc) ->
    %% OTP ignores modes it does not know
    modes(Ms, Flags, Bin, Enc);
modes(_, _, _, _) ->
    error.

start_server(Name, Flags, Binary, Enc) ->
    Owner = self(),
    Ref = make_ref(),
    Pid = spawn(fun() -> server_init(Owner, Ref, Name, Flags, Binary, Enc) end),
    Mon = erlang:monitor(process, Pid),
    receive
        {Ref, Reply} ->
            erlang:demonitor(Mon, [flush]),
            Reply;
        {'DOWN', Mon, _, _, Reason} ->
            {error, Reason}
    end.

close(Pid) when is_pid(Pid) ->
    Mon = erlang:monitor(process, Pid),
    Pid ! {file_request, self(), Mon, close},
    receive
        {file_reply, Mon, Reply} ->
            erlang:demonitor(Mon, [flush]),
            Reply;
        {'DOWN', Mon, _, _, _} ->
            ok
    end;
close(_) ->
    {error, badarg}.

read(Dev, N) when is_integer(N), N >= 0 ->
    case io_request(Dev, {get_chars, latin1, '', N}) of
        Data when is_list(Data); is_binary(Data) -> {ok, Data};
        Other -> Other
    end;
read(_Dev, _N) ->
    {error, badarg}.

read_line(Dev) ->
    case io_request(Dev, {get_line, latin1, ''}) of
        Data when is_list(Data); is_binary(Data) -> {ok, Data};
        Other -> Other
    end.

write(Dev, Bytes) ->
    io_request(Dev, {put_chars, latin1, Bytes}).

io_request(Pid, Request) when is_pid(Pid) ->
    io:request(Pid, Request);
io_request(standard_io, {put_chars, _, Chars}) ->
    try io:put_chars(Chars) catch error:_ -> {error, badarg} end;
io_request(_, _) ->
    {error, badarg}.

%%% The I/O server of an opened file.

server_init(Owner, Ref, Name, Flags, Binary, Enc) ->
    case ferl_file:open(Name, Flags) of
        {ok, H} ->
            Mon = erlang:monitor(process, Owner),
            Owner ! {Ref, {ok, self()}},
            server_loop({H, Binary, Enc, Mon});
        Error ->
            Owner ! {Ref, Error}
    end.

server_loop({H, _, _, Mon} = S) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            case io_req(Request, S) of
                {stop, Reason} ->
                    %% a failed read ends the server (OTP's does the same:
                    %% the caller sees {error, terminated})
                    ferl_file:close(H),
                    exit(Reason);
                Reply ->
                    From ! {io_reply, ReplyAs, Reply},
                    server_loop(S)
            end;
        {file_request, From, Ref, close} ->
            From ! {file_reply, Ref, ferl_file:close(H)};
        {file_request, From, Ref, _} ->
            From ! {file_reply, Ref, {error, enotsup}},
            server_loop(S);
        {'DOWN', Mon, _, _, _} ->
            ferl_file:close(H)
    end.

io_req({put_chars, ReqEnc, Chars}, S) ->
    put_chars(ReqEnc, Chars, S);
io_req({put_chars, ReqEnc, M, F, A}, S) ->
    try apply(M, F, A) of
        Chars -> put_chars(ReqEnc, Chars, S)
    catch _:_ -> {error, badarg}
    end;
io_req({get_chars, ReqEnc, _Prompt, N}, {H, Bin, Enc, _}) ->
    data(ferl_file:read(H, N), ReqEnc, Bin, Enc);
io_req({get_line, ReqEnc, _Prompt}, {H, Bin, Enc, _}) ->
    data(ferl_file:read_line(H), ReqEnc, Bin, Enc);
io_req({requests, Rs}, S) ->
    lists:foldl(fun(R, ok) -> io_req(R, S);
                   (_, Err) -> Err
                end, ok, Rs);
io_req(getopts, {_, Bin, Enc, _}) ->
    [{binary, Bin}, {encoding, Enc}];
io_req(_, _) ->
    {error, request}.

%% Characters of a request in encoding ReqEnc to the bytes of the file.
put_chars(ReqEnc, Chars, {H, _, Enc, _}) ->
    From = case ReqEnc of latin1 -> latin1; _ -> unicode end,
    Bytes = case {From, Enc} of
                {latin1, latin1} ->
                    try iolist_to_binary(Chars) catch error:_ -> error end;
                _ ->
                    case unicode:characters_to_binary(Chars, From, Enc) of
                        B when is_binary(B) -> B;
                        {error, _, _} when Enc =:= latin1 ->
                            {no_translation, From, Enc};
                        _ -> error
                    end
            end,
    case Bytes of
        B1 when is_binary(B1) -> ferl_file:write(H, B1);
        error -> {error, badarg};
        NoTr -> {error, NoTr}
    end.

%% File bytes (or eof / an error) to the reply of a read request.
data({ok, B}, ReqEnc, Binary, Enc) ->
    Chars = case {Enc, ReqEnc} of
                {unicode, unicode} -> B;
                {unicode, latin1} -> unicode:characters_to_binary(B, unicode, latin1);
                {latin1, unicode} -> unicode:characters_to_binary(B, latin1, unicode);
                {latin1, latin1} -> B
            end,
    case Binary of
        true -> Chars;
        false when ReqEnc =:= unicode -> unicode:characters_to_list(Chars);
        false -> binary_to_list(Chars)
    end;
data({error, Reason}, _, _, _) ->
    {stop, Reason};
data(Other, _, _, _) ->
    Other.

%%% File names.

%% A file name as the runtime takes it: a flat string or a binary.
name(B) when is_binary(B) -> {ok, B};
name(A) when is_atom(A) -> {ok, atom_to_list(A)};
name(L) when is_list(L) ->
    try {ok, flat(L, [])}
    catch throw:badarg -> error
    end;
name(_) -> error.

flat([], Acc) -> lists:reverse(Acc);
flat([C | T], Acc) when is_integer(C), C >= 0 -> flat(T, [C | Acc]);
flat([A | T], Acc) when is_atom(A) -> flat(T, lists:reverse(atom_to_list(A), Acc));
flat([L | T], Acc) when is_list(L) -> flat(T, lists:reverse(flat(L, []), Acc));
flat(_, _) -> throw(badarg).

with_name(Name, F) ->
    case name(Name) of
        {ok, N} ->
            try F(N)
            catch error:badarg -> {error, badarg}
            end;
        error ->
            {error, badarg}
    end.
