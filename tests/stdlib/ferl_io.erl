%% Test shim: ferl_io, the runtime's I/O primitives, implemented on top of
%% OTP's io so that stdlib/io.erl can be run and checked on real BEAM.
%% (On ferl these are BIFs in the runtime; this file is never shipped.)
-module(ferl_io).
-export([put_chars/1, put_chars/2, get_line/1, stdout_leader/0]).

%% Unicode chardata to stdout; error:badarg on anything else.
put_chars(Chars) ->
    put_chars(standard_io, Chars).

%% Unicode chardata to stderr (Dev = standard_error) or stdout.
put_chars(Dev, Chars) ->
    try io:put_chars(dev(Dev), Chars)
    catch error:_ -> erlang:error(badarg)
    end.

%% Print Prompt, read a line: string() | eof | {error, Reason}.
get_line(Prompt) ->
    io:get_line(Prompt).

%% The group leader whose I/O is the program's stdin/stdout: on ferl a placeholder
%% pid; here the real group leader of the calling process.
stdout_leader() ->
    group_leader().

dev(standard_error) -> standard_error;
dev(_) -> standard_io.
