%% io:get_line/1,2 and io:read/1,2 on standard input (fed from
%% io_stdin.stdin): lines, terms over several lines, several terms on a
%% line, dots inside strings/atoms/chars/comments, bad terms, eof.
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
    p(two_on_a_line1, io:read("a> ")),
    p(two_on_a_line2, io:read("b> ")),
    p(rest_of_line, io:get_line("c> ")),
    p(dots_inside, io:read("d> ")),
    p(after_comment, io:get_line("e> ")),
    p(dot_space, io:read('')),
    p(dot_comment, io:read('')),
    p(unterminated, io:read('')),
    p(eof_read, io:read('')),
    p(eof_line, io:get_line('')).

p(Tag, V) ->
    io:format("~p: ~p~n", [Tag, V]).
