%% io:get_line/1,2 and io:read/1,2 on standard input (fed from
%% io_stdin.stdin): lines, terms over several lines, a bad term, eof.
-module(io_stdin).
-export([main/1]).

main(_) ->
    p(line1, io:get_line("first> ")),
    p(line2, io:get_line(standard_io, '')),
    p(term1, io:read("term> ")),
    p(term2, io:read('')),
    p(term_multiline, io:read(standard_io, '')),
    p(term_map_bin, io:read('')),
    p(term_string, io:read('')),
    p(bad_term, io:read('')),
    p(syntax_error, io:read('')),
    p(after_errors, io:get_line('')),
    p(last_term, io:read('')),
    p(eof_read, io:read('')),
    p(eof_line, io:get_line('')).

p(Tag, V) ->
    io:format("~p: ~p~n", [Tag, V]).
