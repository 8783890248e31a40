%% erl_scan -- the Erlang tokenizer, as OTP 25's `erl_scan` (string/1,2).
%%
%% Written from scratch for ferl.  Tokens have OTP's shapes with a line
%% number as annotation: {atom, L, A}, {var, L, V}, {integer, L, I},
%% {float, L, F}, {char, L, C}, {string, L, S}, {dot, L}, and {Symbol, L}
%% for punctuation, operators and reserved words.  Integers may be written
%% Base#Digits and with `_` between digits; strings, quoted atoms and $c
%% characters take OTP's escapes.  Comments and white space are skipped.
%% tokens/3 is re-entrant: it takes text in pieces until a dot ends a form.
%% Not supported: column locations ({Line, Col} start locations), options.
-module(erl_scan).

-export([string/1, string/2, tokens/3, reserved_word/1, format_error/1]).

string(S) ->
    string(S, 1).

string(S, Line) when is_list(S), is_integer(Line) ->
    try scan(S, Line, []) of
        {Toks, End} -> {ok, Toks, End}
    catch throw:{scan_error, L, Reason, End} ->
        {error, {L, erl_scan, Reason}, End}
    end.

%% tokens(Cont, Chars | eof, StartLine): the tokens of one form (up to and
%% including its dot token) -> {done, {ok, Tokens, EndLine}, Rest} |
%% {done, {eof, EndLine}, eof} | {done, {error, Info, EndLine}, Rest} |
%% {more, Cont}.
tokens([], Chars, Line) ->
    tokens({erl_scan_cont, [], Line}, Chars, Line);
tokens({erl_scan_cont, Text, Line}, eof, _) ->
    case string(Text, Line) of
        {ok, [], End} -> {done, {eof, End}, eof};
        {ok, Toks, End} ->
            {done, {error, {element(2, lists:last(Toks)), erl_parse,
                            ["syntax error before: ", []]}, End}, eof};
        {error, Info, End} -> {done, {error, Info, End}, eof}
    end;
tokens({erl_scan_cont, Text0, Line}, Chars, _) when is_list(Chars) ->
    Text = Text0 ++ Chars,
    case form_end(Text, Text, []) of
        {Form, Rest} ->
            case string(Form, Line) of
                {ok, Toks, End} -> {done, {ok, Toks, End}, Rest};
                {error, Info, End} -> {done, {error, Info, End}, Rest}
            end;
        more ->
            case string(Text, Line) of
                {error, {_, erl_scan, {string, _, _}}, _} ->
                    {more, {erl_scan_cont, Text, Line}};
                {error, Info, End} -> {done, {error, Info, End}, []};
                {ok, _, _} -> {more, {erl_scan_cont, Text, Line}}
            end
    end.

%% The text of the first form: up to a `.` followed by white space or `%`
%% that scans as a dot token (not inside a string, quoted atom, comment or
%% `$.`), with one following white-space character, as OTP's dot token.
form_end([], _Text, _Pre) -> more;
form_end([$., C | Rest], Text, Pre)
  when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r; C =:= $% ->
    Cand = lists:reverse(Pre, [$.]),
    case string(Cand) of
        {ok, Toks, _} ->
            case lists:last(Toks) of
                {dot, _} when C =:= $% -> {Cand, [C | Rest]};
                {dot, _} -> {Cand ++ [C], Rest};
                _ -> form_end([C | Rest], Text, [$. | Pre])
            end;
        _ -> form_end([C | Rest], Text, [$. | Pre])
    end;
form_end([C | Rest], Text, Pre) ->
    form_end(Rest, Text, [C | Pre]).

reserved_word(W) ->
    lists:member(W, ['after', 'and', 'andalso', 'band', 'begin', 'bnot', 'bor',
                     'bsl', 'bsr', 'bxor', 'case', 'catch', 'cond', 'div',
                     'end', 'fun', 'if', 'let', 'not', 'of', 'or', 'orelse',
                     'receive', 'rem', 'try', 'when', 'xor']).

format_error({string, Quote, Head}) ->
    lists:flatten(["unterminated ", kind(Quote), " starting with ",
                   io_lib:write_string(Head, Quote)]);
format_error({illegal, Type}) ->
    lists:flatten(io_lib:format("illegal ~w", [Type]));
format_error(char) ->
    "unterminated character";
format_error({base, Base}) ->
    lists:flatten(io_lib:format("illegal base '~w'", [Base]));
format_error(Other) ->
    lists:flatten(io_lib:write(Other)).

kind($') -> "atom";
kind($") -> "string".

%%% The scanner: text, current line, tokens so far (reversed).

scan([], L, Acc) ->
    {lists:reverse(Acc), L};
scan([$\n | T], L, Acc) ->
    scan(T, L + 1, Acc);
scan([C | T], L, Acc) when C =:= $\s; C =:= $\t; C =:= $\r; C =:= $\f; C =:= $\v;
                           C =:= 16#A0 ->
    scan(T, L, Acc);
scan([$% | T], L, Acc) ->
    scan(skip_comment(T), L, Acc);
scan([C | T], L, Acc) when C >= $a, C =< $z; C >= 16#DF, C =< 16#FF, C =/= 16#F7 ->
    {Name, Rest} = name_chars(T, [C]),
    A = list_to_atom(Name),
    Tok = case reserved_word(A) of
              true -> {A, L};
              false -> {atom, L, A}
          end,
    scan(Rest, L, [Tok | Acc]);
scan([C | T], L, Acc) when C >= $A, C =< $Z; C =:= $_; C >= 16#C0, C =< 16#DE, C =/= 16#D7 ->
    {Name, Rest} = name_chars(T, [C]),
    scan(Rest, L, [{var, L, list_to_atom(Name)} | Acc]);
scan([C | _] = S, L, Acc) when C >= $0, C =< $9 ->
    {Tok, Rest} = number(S, L),
    scan(Rest, L, [Tok | Acc]);
scan([$' | T], L, Acc) ->
    {Chars, Rest, L1} = quoted(T, $', L, L, []),
    scan(Rest, L1, [{atom, L, list_to_atom(Chars)} | Acc]);
scan([$" | T], L, Acc) ->
    {Chars, Rest, L1} = quoted(T, $", L, L, []),
    scan(Rest, L1, [{string, L, Chars} | Acc]);
scan([$$ | T], L, Acc) ->
    case T of
        [] -> throw({scan_error, L, char, L});
        [$\\ | T1] ->
            {C, Rest} = escape(T1, L),
            scan(Rest, L, [{char, L, C} | Acc]);
        [C | Rest] ->
            L1 = case C of $\n -> L + 1; _ -> L end,
            scan(Rest, L1, [{char, L, C} | Acc])
    end;
scan([$. | T], L, Acc) ->
    case T of
        [] -> scan(T, L, [{dot, L} | Acc]);
        [$% | _] -> scan(T, L, [{dot, L} | Acc]);
        [C | _] when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r; C =:= $\f;
                     C =:= $\v ->
            scan(T, L, [{dot, L} | Acc]);
        [$., $. | T1] -> scan(T1, L, [{'...', L} | Acc]);
        [$. | T1] -> scan(T1, L, [{'..', L} | Acc]);
        _ -> scan(T, L, [{'.', L} | Acc])
    end;
scan(S, L, Acc) ->
    case symbol(S) of
        {Sym, Rest} -> scan(Rest, L, [{Sym, L} | Acc]);
        false -> throw({scan_error, L, {illegal, character}, L})
    end.

skip_comment([]) -> [];
skip_comment([$\n | _] = S) -> S;
skip_comment([_ | T]) -> skip_comment(T).

name_chars([C | T], Acc) when C >= $a, C =< $z; C >= $A, C =< $Z; C >= $0, C =< $9;
                              C =:= $_; C =:= $@;
                              C >= 16#C0, C =< 16#FF, C =/= 16#D7, C =/= 16#F7 ->
    name_chars(T, [C | Acc]);
name_chars(T, Acc) ->
    {lists:reverse(Acc), T}.

%% Longest punctuation/operator first.
symbol(S) ->
    symbol(S, ["=:=", "=/=", "...", "<<", ">>", "<-", "<=", "->", "=>", ":=",
               "::", "||", "==", "/=", "=<", ">=", "++", "--", "..",
               "(", ")", "[", "]", "{", "}", ",", ";", ":", "|", "=", "+",
               "-", "*", "/", "<", ">", "!", "?", "#"]).

symbol(_S, []) -> false;
symbol(S, [Sym | Syms]) ->
    case lists:prefix(Sym, S) of
        true -> {list_to_atom(Sym), lists:nthtail(length(Sym), S)};
        false -> symbol(S, Syms)
    end.

%%% Numbers.

number(S, L) ->
    {Ds, Rest} = digits(S, 10, []),
    case Rest of
        [$# | R1] ->
            Base = list_to_integer(Ds),
            if
                Base < 2; Base > 36 -> throw({scan_error, L, {base, Base}, L});
                true -> ok
            end,
            case digits(R1, Base, []) of
                {[], _} -> throw({scan_error, L, {illegal, integer}, L});
                {Bs, R2} -> {{integer, L, list_to_integer(Bs, Base)}, R2}
            end;
        [$., D | R1] when D >= $0, D =< $9 ->
            {Fs, R2} = digits([D | R1], 10, []),
            {Exp, R3} = exponent(R2, L),
            F = list_to_float(Ds ++ "." ++ Fs ++ Exp),
            {{float, L, F}, R3};
        _ ->
            {{integer, L, list_to_integer(Ds)}, Rest}
    end.

exponent([E | R], L) when E =:= $e; E =:= $E ->
    {Sign, R1} = case R of
                     [$- | X] -> {"-", X};
                     [$+ | X] -> {"+", X};
                     _ -> {"", R}
                 end,
    case digits(R1, 10, []) of
        {[], _} -> throw({scan_error, L, {illegal, float}, L});
        {Ds, R2} -> {"e" ++ Sign ++ Ds, R2}
    end;
exponent(R, _L) ->
    {"e0", R}.

%% Digits in Base, `_` allowed between two digits.
digits([C | T], Base, Acc) ->
    case digit(C, Base) of
        true -> digits(T, Base, [C | Acc]);
        false when C =:= $_, Acc =/= [] ->
            case T of
                [D | _] ->
                    case digit(D, Base) of
                        true -> digits(T, Base, Acc);
                        false -> {lists:reverse(Acc), [C | T]}
                    end;
                [] -> {lists:reverse(Acc), [C | T]}
            end;
        false -> {lists:reverse(Acc), [C | T]}
    end;
digits([], _Base, Acc) ->
    {lists:reverse(Acc), []}.

digit(C, Base) when C >= $0, C =< $9 -> C - $0 < Base;
digit(C, Base) when C >= $a, C =< $z -> C - $a + 10 < Base;
digit(C, Base) when C >= $A, C =< $Z -> C - $A + 10 < Base;
digit(_, _) -> false.

%%% Quoted atoms and strings: text after the opening quote -> the
%%% characters, the rest after the closing quote and the new line number.

quoted([], Q, L0, L, Acc) ->
    throw({scan_error, L0, {string, Q, head(Acc)}, L});
quoted([Q | T], Q, _L0, L, Acc) ->
    {lists:reverse(Acc), T, L};
quoted([$\\ | T], Q, L0, L, Acc) ->
    case T of
        [] -> throw({scan_error, L0, {string, Q, head(Acc)}, L});
        _ ->
            {C, Rest} = escape(T, L),
            L1 = case C of $\n when hd(T) =:= $\n -> L + 1; _ -> L end,
            quoted(Rest, Q, L0, L1, [C | Acc])
    end;
quoted([$\n | T], Q, L0, L, Acc) ->
    quoted(T, Q, L0, L + 1, [$\n | Acc]);
quoted([C | T], Q, L0, L, Acc) ->
    quoted(T, Q, L0, L, [C | Acc]).

%% The start of an unterminated string (reversed so far) for the error
%% info: its first 16 characters, as OTP.
head(Acc) ->
    lists:sublist(lists:reverse(Acc), 16).

%% The text after a backslash -> {Char, Rest}.
escape([C | T], _L) when C >= $0, C =< $7 ->
    octal(T, C - $0, 1);
escape([$x, ${ | T], L) ->
    {Hex, Rest} = lists:splitwith(fun(C) -> digit(C, 16) end, T),
    case Rest of
        [$} | R] when Hex =/= [] -> {list_to_integer(Hex, 16), R};
        _ -> throw({scan_error, L, {illegal, character}, L})
    end;
escape([$x, A, B | T], _L) ->
    case digit(A, 16) andalso digit(B, 16) of
        true -> {list_to_integer([A, B], 16), T};
        false -> {$x, [A, B | T]}
    end;
escape([$^, C | T], _L) -> {C band 31, T};
escape([C | T], _L) ->
    {case C of
         $b -> $\b;
         $d -> 127;
         $e -> 27;
         $f -> $\f;
         $n -> $\n;
         $r -> $\r;
         $s -> $\s;
         $t -> $\t;
         $v -> $\v;
         _ -> C
     end, T};
escape([], L) ->
    throw({scan_error, L, char, L}).

octal([C | T], N, K) when K < 3, C >= $0, C =< $7 ->
    octal(T, N * 8 + C - $0, K + 1);
octal(T, N, _) ->
    {N, T}.
