%% io_lib -- character-list formatting for ferl.
%%
%% Written from scratch for ferl; behaviour follows Erlang/OTP 25's io_lib
%% (format/2 control sequences, write/1,2 and the ~p pretty printer's
%% layout), verified char-for-char against OTP by tests/stdlib/.
%%
%% Plain Erlang only: no parse transforms, no NIFs, no process dictionary.
%% BIFs used: integer_to_list/1,2, float_to_list/1,2 (incl. [short]),
%% atom_to_list/1, pid_to_list/1, port_to_list/1, ref_to_list/1,
%% erlang:fun_to_list/1, iolist_size/1, binary_to_list/1, maps:to_list/1.
-module(io_lib).

-export([format/2, fwrite/2, format/3, fwrite/3]).
-export([write/1, write/2, write/3, print/1, print/4]).
-export([write_atom/1, write_atom_as_latin1/1,
         write_string/1, write_string/2,
         write_string_as_latin1/1, write_string_as_latin1/2,
         write_char/1, write_char_as_latin1/1, write_latin1_char/1,
         write_latin1_string/1, write_latin1_string/2,
         quote_atom/2]).
-export([nl/0, chars_length/1, indentation/2,
         printable_list/1, printable_latin1_list/1,
         printable_unicode_list/1,
         char_list/1, deep_char_list/1, latin1_char_list/1,
         deep_latin1_char_list/1]).

%% Exported for io.erl and tests; not part of OTP's io_lib API.
-export([build_text/1]).

%%% ===================================================================
%%% format/2
%%% ===================================================================

format(Format, Args) ->
    try fmt(Format, Args)
    catch _:_ -> erlang:error(badarg, [Format, Args])
    end.

fwrite(Format, Args) ->
    format(Format, Args).

%% Options: {chars_limit, N} (-1, the default, is no limit); see "chars_limit" below.
format(Format, Args, Options) ->
    try
        case chars_limit_option(Options) of
            CL when CL < 0 -> fmt(Format, Args);
            CL -> fmt_limited(Format, Args, CL)
        end
    catch _:_ -> erlang:error(badarg, [Format, Args, Options])
    end.

chars_limit_option(Options) when is_list(Options) ->
    case lists:keyfind(chars_limit, 1, Options) of
        {chars_limit, CL} when is_integer(CL) -> CL;
        false -> -1
    end.

fwrite(Format, Args, Options) ->
    format(Format, Args, Options).

fmt(Format, Args) when is_list(Args) ->
    Cs = format_chars(Format),
    build(Cs, Args, 0, []).

format_chars(A) when is_atom(A) -> atom_to_list(A);
format_chars(B) when is_binary(B) -> binary_to_list(B);
format_chars(L) when is_list(L) ->
    true = all_integers(L),
    L.

flat_chars(L) ->
    Fl = unicode_chars(L),
    true = all_integers(Fl),
    Fl.

all_integers([C | Cs]) when is_integer(C) -> all_integers(Cs);
all_integers([]) -> true;
all_integers(_) -> false.

%% Local list helpers (only lists:reverse/1,2 is used from lists).
sublist([C | Cs], N) when N > 0 -> [C | sublist(Cs, N - 1)];
sublist(_, _) -> [].

duplicate(0, _X) -> [];
duplicate(N, X) when N > 0 -> [X | duplicate(N - 1, X)].

%% build(FormatChars, Args, Column, Acc): processes the format left to
%% right; Column is the current column (needed by ~p).
build([$~ | Fmt0], Args0, Col, Acc) ->
    {Ctl, Fmt, Args} = collect(Fmt0, Args0),
    Out = control(Ctl, Col),
    build(Fmt, Args, indentation(Out, Col), [Out | Acc]);
build([C | Fmt], Args, Col, Acc) ->
    build(Fmt, Args, indent_char(C, Col), [C | Acc]);
build([], [], _Col, Acc) ->
    lists:reverse(Acc).

indent_char($\n, _) -> 0;
indent_char($\t, I) -> ((I + 8) div 8) * 8;
indent_char(_, I) -> I + 1.

%% Parse one control sequence: ~F.P.PadModsC
collect(Fmt0, Args0) ->
    {F, Adj, Fmt1, Args1} = field_width(Fmt0, Args0),
    {P, Fmt2, Args2} = precision(Fmt1, Args1),
    {Pad, Fmt3, Args3} = pad_char(Fmt2, Args2),
    {Enc, Str, Fmt4} = modifiers(Fmt3, latin1, true),
    [C | Fmt5] = Fmt4,
    {As, Args4} = control_args(C, Args3),
    {{C, As, F, Adj, P, Pad, Enc, Str}, Fmt5, Args4}.

field_width([$- | Fmt0], Args0) ->
    {F, Fmt, Args} = field_value(Fmt0, Args0),
    field_width(-F, Fmt, Args);
field_width(Fmt0, Args0) ->
    {F, Fmt, Args} = field_value(Fmt0, Args0),
    field_width(F, Fmt, Args).

field_width(none, Fmt, Args) -> {none, right, Fmt, Args};
field_width(F, Fmt, Args) when F < 0 -> {-F, left, Fmt, Args};
field_width(F, Fmt, Args) when F >= 0 -> {F, right, Fmt, Args}.

precision([$. | Fmt], Args) -> field_value(Fmt, Args);
precision(Fmt, Args) -> {none, Fmt, Args}.

field_value([$* | Fmt], [A | Args]) when is_integer(A) -> {A, Fmt, Args};
field_value([C | Fmt], Args) when C >= $0, C =< $9 -> field_value(Fmt, Args, C - $0);
field_value(Fmt, Args) -> {none, Fmt, Args}.

field_value([C | Fmt], Args, N) when C >= $0, C =< $9 ->
    field_value(Fmt, Args, N * 10 + (C - $0));
field_value(Fmt, Args, N) -> {N, Fmt, Args}.

pad_char([$., $* | Fmt], [Pad | Args]) -> {Pad, Fmt, Args};
pad_char([$., Pad | Fmt], Args) -> {Pad, Fmt, Args};
pad_char(Fmt, Args) -> {$\s, Fmt, Args}.

modifiers([$t | Fmt], _Enc, Str) -> modifiers(Fmt, unicode, Str);
modifiers([$l | Fmt], Enc, _Str) -> modifiers(Fmt, Enc, false);
modifiers(Fmt, Enc, Str) -> {Enc, Str, Fmt}.

control_args(C, Args) when C =:= $x; C =:= $X; C =:= $W; C =:= $P ->
    [A1, A2 | Rest] = Args,
    {[A1, A2], Rest};
control_args(C, Args) when C =:= $n; C =:= $~ ->
    {[], Args};
control_args(_C, [A | Rest]) ->
    {[A], Rest}.

%%% Control sequences.

control({$w, [A], F, Adj, P, Pad, Enc, _}, _Col) ->
    term(write1(A, -1, Enc), F, Adj, P, Pad);
control({$W, [A, D], F, Adj, P, Pad, Enc, _}, _Col) when is_integer(D) ->
    term(write1(A, D, Enc), F, Adj, P, Pad);
control({$p, [A], F, Adj, P, Pad, Enc, Str}, Col) ->
    pprint(A, -1, F, Adj, P, Pad, Enc, Str, Col);
control({$P, [A, D], F, Adj, P, Pad, Enc, Str}, Col) when is_integer(D) ->
    pprint(A, D, F, Adj, P, Pad, Enc, Str, Col);
control({$s, [A], F, Adj, P, Pad, latin1, _}, _Col) when is_atom(A) ->
    string(latin1_chars(atom_to_list(A)), F, Adj, P, Pad);
control({$s, [A], F, Adj, P, Pad, unicode, _}, _Col) when is_atom(A) ->
    string(atom_to_list(A), F, Adj, P, Pad, unicode);
control({$s, [L], F, Adj, P, Pad, latin1, _}, _Col) ->
    string(latin1_chars(L), F, Adj, P, Pad);
control({$s, [L], F, Adj, P, Pad, unicode, _}, _Col) ->
    string(unicode_chars(L), F, Adj, P, Pad, unicode);
control({$c, [C], F, Adj, P, Pad, latin1, _}, _Col) when is_integer(C) ->
    char(C band 255, F, Adj, P, Pad);
control({$c, [C], F, Adj, P, Pad, unicode, _}, _Col) when is_integer(C) ->
    char(C, F, Adj, P, Pad);
control({$e, [A], F, Adj, P, Pad, _, _}, _Col) when is_float(A) ->
    fwrite_e(A, F, Adj, P, Pad);
control({$f, [A], F, Adj, P, Pad, _, _}, _Col) when is_float(A) ->
    fwrite_f(A, F, Adj, P, Pad);
control({$g, [A], F, Adj, P, Pad, _, _}, _Col) when is_float(A) ->
    fwrite_g(A, F, Adj, P, Pad);
control({$b, [A], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    unprefixed_integer(A, F, Adj, base(P), Pad, true);
control({$B, [A], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    unprefixed_integer(A, F, Adj, base(P), Pad, false);
control({$x, [A, Prefix], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    prefixed_integer(A, F, Adj, base(P), Pad, prefix_chars(Prefix), true);
control({$X, [A, Prefix], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    prefixed_integer(A, F, Adj, base(P), Pad, prefix_chars(Prefix), false);
control({$+, [A], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    Base = base(P),
    prefixed_integer(A, F, Adj, Base, Pad, integer_to_list(Base) ++ "#", true);
control({$#, [A], F, Adj, P, Pad, _, _}, _Col) when is_integer(A) ->
    Base = base(P),
    prefixed_integer(A, F, Adj, Base, Pad, integer_to_list(Base) ++ "#", false);
control({$i, [_A], _F, _Adj, _P, _Pad, _, _}, _Col) ->
    [];
control({$n, [], F, Adj, P, Pad, _, _}, _Col) ->
    newline(F, Adj, P, Pad);
control({$~, [], F, Adj, P, Pad, _, _}, _Col) ->
    char($~, F, Adj, P, Pad).

prefix_chars(A) when is_atom(A) -> atom_to_list(A);
prefix_chars(L) when is_list(L) -> flat_chars(L).

base(none) -> 10;
base(B) when is_integer(B), B >= 2, B =< 36 -> B.

%% ~p / ~P
pprint(_A, _D, _F, left, _P, _Pad, _Enc, _Str, _Col) ->
    erlang:error(badarg);
pprint(A, D, none, Adj, P, Pad, Enc, Str, Col) ->
    pprint(A, D, 80, Adj, P, Pad, Enc, Str, Col);
pprint(A, D, F, Adj, none, Pad, Enc, Str, Col) ->
    pprint(A, D, F, Adj, Col + 1, Pad, Enc, Str, Col);
pprint(A, D, F, right, P, _Pad, Enc, Str, _Col) ->
    pp_print(A, P, F, D, Enc, Str).

%% Field handling (OTP io_lib_format semantics).
term(T, none, _Adj, none, _Pad) -> T;
term(T, none, Adj, P, Pad) -> term(T, P, Adj, P, Pad);
term(T, F, Adj, P0, Pad) ->
    L = flatlength(T),
    P = erlang:min(L, case P0 of none -> F; _ -> erlang:min(P0, F) end),
    if
        L > P -> adjust(chars($*, P), chars(Pad, F - P), Adj);
        F >= P -> adjust(T, chars(Pad, F - L), Adj)
    end.

%% Field width and precision count characters for ~s and grapheme clusters for ~ts
%% (string:length/1 and string:slice/3, as OTP's).
string(S, F, Adj, P, Pad) -> string(S, F, Adj, P, Pad, latin1).

string(S, none, _Adj, none, _Pad, _Enc) -> S;
string(S, F, Adj, none, Pad, Enc) ->
    string_field(S, F, Adj, slen(S, Enc), Pad, Enc);
string(S, none, _Adj, P, Pad, Enc) ->
    string_field(S, P, left, slen(S, Enc), Pad, Enc);
string(S, F, Adj, P, Pad, Enc) when F >= P ->
    N = slen(S, Enc),
    if
        F > P ->
            if
                N > P -> adjust(ssub(S, P, Enc), chars(Pad, F - P), Adj);
                N < P -> adjust([S | chars(Pad, P - N)], chars(Pad, F - P), Adj);
                true -> adjust(S, chars(Pad, F - P), Adj)
            end;
        true ->
            string_field(S, F, Adj, N, Pad, Enc)
    end.

string_field(S, F, _Adj, N, _Pad, Enc) when N > F -> ssub(S, F, Enc);
string_field(S, F, Adj, N, Pad, _Enc) when N < F -> adjust(S, chars(Pad, F - N), Adj);
string_field(S, _F, _Adj, _N, _Pad, _Enc) -> S.

slen(S, latin1) -> length(S);
slen(S, unicode) -> string:length(S).

ssub(S, N, latin1) -> sublist(S, N);
ssub(S, N, unicode) -> string:slice(S, 0, N).

char(C, none, _Adj, none, _Pad) -> [C];
char(C, F, _Adj, none, _Pad) -> chars(C, F);
char(C, none, _Adj, P, _Pad) -> chars(C, P);
char(C, F, Adj, P, Pad) when F >= P -> adjust(chars(C, P), chars(Pad, F - P), Adj).

newline(none, _Adj, _P, _Pad) -> "\n";
newline(F, right, _P, _Pad) -> chars($\n, F).

adjust(Data, [], _) -> Data;
adjust(Data, Pad, left) -> [Data | Pad];
adjust(Data, Pad, right) -> [Pad | Data].

chars(_C, 0) -> [];
chars(C, N) when is_integer(N), N > 0 -> [C | chars(C, N - 1)].

flatlength(L) -> flatlength(L, 0).
flatlength([H | T], N) when is_list(H) -> flatlength(T, flatlength(H, N));
flatlength([_ | T], N) -> flatlength(T, N + 1);
flatlength([], N) -> N.

%% ~s argument conversion.
latin1_chars(L) -> lists:reverse(latin1_chars(L, [])).
latin1_chars([C | Cs], Acc) when is_integer(C), C >= 0, C =< 255 -> latin1_chars(Cs, [C | Acc]);
latin1_chars([I | Cs], Acc) -> latin1_chars(Cs, latin1_chars(I, Acc));
latin1_chars([], Acc) -> Acc;
latin1_chars(B, Acc) when is_binary(B) -> lists:reverse(binary_to_list(B), Acc).

unicode_chars(L) -> lists:reverse(unicode_chars(L, [])).
unicode_chars([C | Cs], Acc) when is_integer(C), C >= 0 -> unicode_chars(Cs, [C | Acc]);
unicode_chars([I | Cs], Acc) -> unicode_chars(Cs, unicode_chars(I, Acc));
unicode_chars([], Acc) -> Acc;
unicode_chars(B, Acc) when is_binary(B) ->
    Cs = case utf8_decode(B, []) of
             error -> binary_to_list(B);
             Ds -> Ds
         end,
    lists:reverse(Cs, Acc).

utf8_decode(<<C/utf8, Rest/binary>>, Acc) -> utf8_decode(Rest, [C | Acc]);
utf8_decode(<<>>, Acc) -> lists:reverse(Acc);
utf8_decode(_, _) -> error.

%%% Integers.

unprefixed_integer(Int, F, Adj, Base, Pad, Lowercase) when Int < 0 ->
    S = cond_lowercase(integer_to_list(-Int, Base), Lowercase),
    term([$- | S], F, Adj, none, Pad);
unprefixed_integer(Int, F, Adj, Base, Pad, Lowercase) ->
    S = cond_lowercase(integer_to_list(Int, Base), Lowercase),
    term(S, F, Adj, none, Pad).

prefixed_integer(Int, F, Adj, Base, Pad, Prefix, Lowercase) when Int < 0 ->
    S = cond_lowercase(integer_to_list(-Int, Base), Lowercase),
    term([$-, Prefix | S], F, Adj, none, Pad);
prefixed_integer(Int, F, Adj, Base, Pad, Prefix, Lowercase) ->
    S = cond_lowercase(integer_to_list(Int, Base), Lowercase),
    term([Prefix | S], F, Adj, none, Pad).

cond_lowercase(S, false) -> S;
cond_lowercase(S, true) -> [lower(C) || C <- S].

lower(C) when C >= $A, C =< $Z -> C + ($a - $A);
lower(C) -> C.

%%% Floats: ~e ~f ~g.  Digits come from float_to_list/1 (21 significant
%%% digits, "%.20e"), then are rounded half-up at the requested place.

fwrite_e(Fl, F, Adj, none, Pad) -> fwrite_e(Fl, F, Adj, 6, Pad);
fwrite_e(Fl, F, Adj, P, Pad) when P >= 2 ->
    term(float_e(sign(Fl), float_data(Fl), P), F, Adj, F, Pad).

fwrite_f(Fl, F, Adj, none, Pad) -> fwrite_f(Fl, F, Adj, 6, Pad);
fwrite_f(Fl, F, Adj, P, Pad) when P >= 1 ->
    term(float_f(sign(Fl), float_data(Fl), P), F, Adj, F, Pad).

fwrite_g(Fl, F, Adj, none, Pad) -> fwrite_g(Fl, F, Adj, 6, Pad);
fwrite_g(Fl, F, Adj, P, Pad) when P >= 1 ->
    A = abs(Fl),
    E = if A < 1.0e-1 -> -2;
           A < 1.0e0 -> -1;
           A < 1.0e1 -> 0;
           A < 1.0e2 -> 1;
           A < 1.0e3 -> 2;
           A < 1.0e4 -> 3;
           true -> use_e
        end,
    if
        E =:= use_e, P =< 1 -> fwrite_e(Fl, F, Adj, 2, Pad);
        E =:= use_e -> fwrite_e(Fl, F, Adj, P, Pad);
        P =< 1, E =:= -1 -> fwrite_f(Fl, F, Adj, P - 1 - E, Pad);
        P - 1 > E, E >= -1 -> fwrite_f(Fl, F, Adj, P - 1 - E, Pad);
        P =< 1 -> fwrite_e(Fl, F, Adj, 2, Pad);
        true -> fwrite_e(Fl, F, Adj, P, Pad)
    end.

%% The sign is taken from the printed form so that -0.0 keeps its "-".
sign(Fl) ->
    case float_to_list(Fl) of
        [$- | _] -> neg;
        _ -> pos
    end.

%% float_data(Fl) -> {Digits, Exp}: Fl = 0.Digits * 10^Exp (sign dropped).
float_data(Fl) ->
    float_data(float_to_list(Fl), []).

float_data([$e | E], Ds) -> {lists:reverse(Ds), list_to_integer(E) + 1};
float_data([D | Cs], Ds) when D >= $0, D =< $9 -> float_data(Cs, [D | Ds]);
float_data([_ | Cs], Ds) -> float_data(Cs, Ds).

float_e(neg, Fd, P) -> [$- | float_e(pos, Fd, P)];
float_e(pos, {Ds, E}, P) ->
    case round_digits(Ds, 1, P - 1) of
        {[$0 | Fs], true} -> [[$1 | Fs] | float_exp(E)];
        {Fs, false} -> [Fs | float_exp(E - 1)]
    end.

float_exp(E) when E >= 0 -> [$e, $+ | integer_to_list(E)];
float_exp(E) -> [$e | integer_to_list(E)].

float_f(neg, Fd, P) -> [$- | float_f(pos, Fd, P)];
float_f(pos, {Ds, E}, P) when E =< 0 ->
    float_f(pos, {duplicate(-E + 1, $0) ++ Ds, 1}, P);
float_f(pos, {Ds, E}, P) ->
    case round_digits(Ds, E, P) of
        {Fs, true} -> [$1 | Fs];
        {Fs, false} -> Fs
    end.

%% round_digits(Digits, IntDigits, FracDigits) -> {Chars, Carry}
%% Produces IntDigits digits, ".", FracDigits digits, rounded half-up on
%% the first dropped digit; Carry is true when rounding overflowed.
round_digits(Ds, I, Dc) ->
    {Int, Rest} = take_digits(Ds, I),
    {Frac, Rest2} = take_digits(Rest, Dc),
    Up = case Rest2 of
             [D | _] when D >= $5 -> true;
             _ -> false
         end,
    {Frac1, C1} = incr_digits(Frac, Up),
    {Int1, C2} = incr_digits(Int, C1),
    {Int1 ++ [$. | Frac1], C2}.

take_digits(Ds, 0) -> {[], Ds};
take_digits([D | Ds], N) ->
    {Ts, Rest} = take_digits(Ds, N - 1),
    {[D | Ts], Rest};
take_digits([], N) -> {duplicate(N, $0), []}.

incr_digits(Ds, false) -> {Ds, false};
incr_digits(Ds, true) -> incr_rev(lists:reverse(Ds), []).

incr_rev([$9 | Ds], Acc) -> incr_rev(Ds, [$0 | Acc]);
incr_rev([D | Ds], Acc) -> {lists:reverse(Ds, [D + 1 | Acc]), false};
incr_rev([], Acc) -> {Acc, true}.

%%% ===================================================================
%%% write/1,2,3 -- terms in Erlang syntax (~w / ~W).
%%% ===================================================================

write(Term) -> write1(Term, -1, latin1).

write(Term, D) when is_integer(D) -> write1(Term, D, latin1);
write(Term, Opts) when is_list(Opts) ->
    D = proplists_get(depth, Opts, -1),
    Enc = proplists_get(encoding, Opts, latin1),
    write_limited(Term, D, Enc, proplists_get(chars_limit, Opts, -1)).

write(Term, D, true) -> print(Term, 1, 80, D);
write(Term, D, false) -> write(Term, D).

proplists_get(K, [{K, V} | _], _) -> V;
proplists_get(K, [_ | T], Def) -> proplists_get(K, T, Def);
proplists_get(_, [], Def) -> Def.

write1(_Term, 0, _E) -> "...";
write1(Term, _D, _E) when is_integer(Term) -> integer_to_list(Term);
write1(Term, _D, _E) when is_float(Term) -> write_float(Term);
write1(Atom, _D, latin1) when is_atom(Atom) -> write_atom_as_latin1(Atom);
write1(Atom, _D, _E) when is_atom(Atom) -> write_atom(Atom);
write1(Term, _D, _E) when is_port(Term) -> port_to_list(Term);
write1(Term, _D, _E) when is_pid(Term) -> pid_to_list(Term);
write1(Term, _D, _E) when is_reference(Term) -> erlang:ref_to_list(Term);
write1(Term, D, _E) when is_bitstring(Term) -> write_binary(Term, D);
write1([], _D, _E) -> "[]";
write1({}, _D, _E) -> "{}";
write1([H | T], D, E) ->
    if
        D =:= 1 -> "[...]";
        true -> [$[, [write1(H, D - 1, E) | write_tail(T, D - 1, E, $|)], $]]
    end;
write1(F, _D, _E) when is_function(F) -> erlang:fun_to_list(F);
write1(Term, D, E) when is_map(Term) -> write_map(Term, D, E);
write1(T, D, E) when is_tuple(T) ->
    if
        D =:= 1 -> "{...}";
        true ->
            [${, [write1(element(1, T), D - 1, E) |
                  write_tail(tl(tuple_to_list(T)), D - 1, E, $,)], $}]
    end.

write_tail([], _D, _E, _S) -> "";
write_tail(_, 1, _E, S) -> [S | "..."];
write_tail([H | T], D, E, S) -> [$,, write1(H, D - 1, E) | write_tail(T, D - 1, E, S)];
write_tail(Other, D, E, S) -> [S, write1(Other, D - 1, E)].

%% A map's pairs in iteration order, as OTP 25 prints them (maps:iterator/1): the
%% order of maps:to_list/1 up to 32 keys, its reverse for larger (HAMT) maps.
map_pairs(Map) when map_size(Map) > 32 -> lists:reverse(maps:to_list(Map));
map_pairs(Map) -> maps:to_list(Map).

write_map(Map, _D, _E) when map_size(Map) =:= 0 -> "#{}";
write_map(Map, D, E) ->
    [$#, ${, write_map_body(map_pairs(Map), D - 1, D - 1, E), $}].

%% N counts the pairs still allowed; every key and value is written with
%% the same depth D (OTP 25 behaviour, including the trailing ",...").
write_map_body(_, 0, _D, _E) -> "";
write_map_body([], _N, _D, _E) -> "";
write_map_body([{K, V} | KVs], N, D, E) ->
    [write_assoc(K, V, D, E) | write_map_tail(KVs, N - 1, D, E)].

write_map_tail(_, 0, _D, _E) -> ",...";
write_map_tail([], _N, _D, _E) -> "";
write_map_tail([{K, V} | KVs], N, D, E) ->
    [$,, write_assoc(K, V, D, E) | write_map_tail(KVs, N - 1, D, E)].

write_assoc(K, V, D, E) -> [write1(K, D, E), " => ", write1(V, D, E)].

write_float(F) -> float_to_list(F, [short]).

%% Binaries: [$<,$<,Body,$>,$>] where Body is a flat list of digit
%% strings separated by $, (the pretty printer breaks lines at them).
write_binary(<<>>, _D) -> "<<>>";
write_binary(_B, 1) -> "<<...>>";
write_binary(B, D) -> [$<, $<, write_binary_body(B, D), $>, $>].

write_binary_body(<<>>, _D) -> [];
write_binary_body(_B, 1) -> ["..."];
write_binary_body(<<X:8>>, _D) -> [integer_to_list(X)];
write_binary_body(<<X:8, Rest/bitstring>>, D) ->
    [integer_to_list(X), $, | write_binary_body(Rest, D - 1)];
write_binary_body(B, _D) ->
    L = bit_size(B),
    <<X:L>> = B,
    [integer_to_list(X), $:, integer_to_list(L)].

%%% Atoms, strings, chars.

write_atom(A) -> write_possibly_quoted_atom(A, unicode).

write_atom_as_latin1(A) -> write_possibly_quoted_atom(A, latin1).

write_possibly_quoted_atom(A, Enc) ->
    Chars = atom_to_list(A),
    case quote_atom(A, Chars) of
        true -> write_string(Chars, $', Enc);
        false when Enc =:= latin1 -> latin1_escape(Chars);
        false -> Chars
    end.

%% Unquoted atoms only contain latin-1 name characters, so this never
%% needs to escape; kept for symmetry.
latin1_escape(Cs) -> Cs.

quote_atom(Atom, Cs0) ->
    case reserved_word(Atom) of
        true -> true;
        false ->
            case Cs0 of
                [C | Cs] when is_integer(C), C >= $a, C =< $z -> not name_chars(Cs);
                [C | Cs] when is_integer(C), C >= $ß, C =< $ÿ, C =/= $÷ -> not name_chars(Cs);
                _ -> true
            end
    end.

name_chars([C | Cs]) ->
    case name_char(C) of
        true -> name_chars(Cs);
        false -> false
    end;
name_chars([]) -> true.

name_char(C) when C >= $a, C =< $z -> true;
name_char(C) when C >= $ß, C =< $ÿ, C =/= $÷ -> true;
name_char(C) when C >= $A, C =< $Z -> true;
name_char(C) when C >= $À, C =< $Þ, C =/= $× -> true;
name_char(C) when C >= $0, C =< $9 -> true;
name_char($_) -> true;
name_char($@) -> true;
name_char(_) -> false.

reserved_word('after') -> true;
reserved_word('and') -> true;
reserved_word('andalso') -> true;
reserved_word('band') -> true;
reserved_word('begin') -> true;
reserved_word('bnot') -> true;
reserved_word('bor') -> true;
reserved_word('bsl') -> true;
reserved_word('bsr') -> true;
reserved_word('bxor') -> true;
reserved_word('case') -> true;
reserved_word('catch') -> true;
reserved_word('cond') -> true;
reserved_word('div') -> true;
reserved_word('end') -> true;
reserved_word('fun') -> true;
reserved_word('if') -> true;
reserved_word('let') -> true;
reserved_word('not') -> true;
reserved_word('of') -> true;
reserved_word('or') -> true;
reserved_word('orelse') -> true;
reserved_word('receive') -> true;
reserved_word('rem') -> true;
reserved_word('try') -> true;
reserved_word('when') -> true;
reserved_word('xor') -> true;
reserved_word(_) -> false.

write_string(S) -> write_string(S, $", unicode).

write_string(S, Q) -> write_string(S, Q, unicode).

write_string_as_latin1(S) -> write_string(S, $", latin1).

write_string_as_latin1(S, Q) -> write_string(S, Q, latin1).

write_latin1_string(S) -> write_string(S, $", latin1).

write_latin1_string(S, Q) -> write_string(S, Q, latin1).

write_string(S, Q, Enc) -> [Q | write_string_chars(S, Q, Enc)].

write_string_chars([C | Cs], Q, Enc) -> string_char(Enc, C, Q, write_string_chars(Cs, Q, Enc));
write_string_chars([], Q, _Enc) -> [Q].

string_char(_, Q, Q, Tail) -> [$\\, Q | Tail];
string_char(_, $\\, _, Tail) -> [$\\, $\\ | Tail];
string_char(_, C, _, Tail) when C >= $\s, C =< $~ -> [C | Tail];
string_char(latin1, C, _, Tail) when C >= 16#A0, C =< 16#FF -> [C | Tail];
string_char(unicode, C, _, Tail) when C >= 16#A0 -> [C | Tail];
string_char(_, $\n, _, Tail) -> [$\\, $n | Tail];
string_char(_, $\r, _, Tail) -> [$\\, $r | Tail];
string_char(_, $\t, _, Tail) -> [$\\, $t | Tail];
string_char(_, $\v, _, Tail) -> [$\\, $v | Tail];
string_char(_, $\b, _, Tail) -> [$\\, $b | Tail];
string_char(_, $\f, _, Tail) -> [$\\, $f | Tail];
string_char(_, $\e, _, Tail) -> [$\\, $e | Tail];
string_char(_, $\d, _, Tail) -> [$\\, $d | Tail];
string_char(_, C, _, Tail) when C < 16#A0 ->
    [$\\, (C bsr 6) + $0, ((C bsr 3) band 7) + $0, (C band 7) + $0 | Tail];
string_char(latin1, C, _, Tail) ->
    "\\x{" ++ integer_to_list(C, 16) ++ "}" ++ Tail.

write_char($\s) -> "$\\s";
write_char(C) when is_integer(C), C >= 0 -> [$$ | string_char(unicode, C, -1, [])].

write_char_as_latin1(C) when is_integer(C), C >= 0 ->
    case C of
        $\s -> "$\\s";
        _ -> [$$ | string_char(latin1, C, -1, [])]
    end.

write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 ->
    write_char_as_latin1(C).

%%% ===================================================================
%%% Misc helpers.
%%% ===================================================================

nl() -> "\n".

chars_length(S) ->
    try iolist_size(S)
    catch _:_ -> length(unicode_chars(S))
    end.

indentation([$\n | Cs], _I) -> indentation(Cs, 0);
indentation([$\t | Cs], I) -> indentation(Cs, ((I + 8) div 8) * 8);
indentation([C | Cs], I) when is_integer(C) -> indentation(Cs, I + 1);
indentation([C | Cs], I) -> indentation(Cs, indentation(C, I));
indentation([], I) -> I;
indentation(B, I) when is_binary(B) -> indentation(unicode_chars(B), I);
indentation(A, I) when is_atom(A) -> indentation(atom_to_list(A), I).

%% The printable range is latin1 (OTP's default `+pc latin1`).
printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 16#A0, C =< 16#FF -> printable_latin1_list(Cs);
printable_latin1_list([$\n | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\r | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\t | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\v | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\b | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\f | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([$\e | Cs]) -> printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when is_integer(C), C >= 16#A0, C < 16#D800;
                                      is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                      is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([$\n | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\r | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\t | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\v | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\b | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\f | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([$\e | Cs]) -> printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

char_list([C | Cs]) when is_integer(C), C >= 0, C < 16#D800;
                         is_integer(C), C > 16#DFFF, C < 16#FFFE;
                         is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    char_list(Cs);
char_list([]) -> true;
char_list(_) -> false.

deep_char_list(Cs) -> deep_char_list(Cs, []).
deep_char_list([C | Cs], More) when is_list(C) -> deep_char_list(C, [Cs | More]);
deep_char_list([C | Cs], More) when is_integer(C), C >= 0, C < 16#D800;
                                    is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                    is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    deep_char_list(Cs, More);
deep_char_list([], [Cs | More]) -> deep_char_list(Cs, More);
deep_char_list([], []) -> true;
deep_char_list(_, _) -> false.

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 -> latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_latin1_char_list(Cs) -> deep_latin1_char_list(Cs, []).
deep_latin1_char_list([C | Cs], More) when is_list(C) -> deep_latin1_char_list(C, [Cs | More]);
deep_latin1_char_list([C | Cs], More) when is_integer(C), C >= 0, C =< 255 ->
    deep_latin1_char_list(Cs, More);
deep_latin1_char_list([], [Cs | More]) -> deep_latin1_char_list(Cs, More);
deep_latin1_char_list([], []) -> true;
deep_latin1_char_list(_, _) -> false.

%% Flatten formatted output to a flat character list (used by io).
build_text(Chars) -> unicode_chars(Chars).

%%% ===================================================================
%%% The pretty printer (~p, print/1,4).
%%%
%%% Phase 1 (plen) turns the term into a tree annotated with the length
%%% of its one-line form:
%%%   {Chars, Len}                 a leaf printed as-is ("atomic")
%%%   {{list, Es}, Len}            Es = [Elem] ending in [] | Elem | {dots}
%%%   {{tuple, Tagged, Es}, Len}
%%%   {{map, Pairs}, Len}           Pairs = [{{map_pair, K, V}, Len}] ...
%%%   {{bin, Chars}, Len}          a byte list that may be broken
%%% Phase 2 (pp) lays it out within the line length.
%%% ===================================================================

print(Term) -> print(Term, 1, 80, -1).

print(Term, Col, Ll, D) -> pp_print(Term, Col, Ll, D, latin1, true).

pp_print(_Term, _Col, _Ll, 0, _Enc, _Str) -> "...";
pp_print(Term, Col, Ll, D, Enc, Str) when Col =< 0 ->
    pp_print(Term, 1, Ll, D, Enc, Str);
pp_print(Atom, _Col, _Ll, _D, Enc, _Str) when is_atom(Atom) ->
    write1(Atom, -1, Enc);
pp_print(Term, Col, Ll, D, Enc, Str)
  when is_tuple(Term); is_list(Term); is_map(Term); is_bitstring(Term) ->
    pp_layout(plen(Term, D, Enc, Str), Col, Ll);
pp_print(Term, _Col, _Ll, _D, Enc, _Str) ->
    write1(Term, -1, Enc).

%% Lay out a phase-1 tree starting at column Col, lines of Ll characters.
pp_layout({_S, Len} = If, Col, Ll) ->
    M = Len,
    if
        Len < Ll - Col -> wr(If);
        true ->
            TInd = while_fail([-1, 4],
                              fun(I) -> cind(If, Col, Ll, M, I, 0, 0) end, 1),
            pp(If, Col, Ll, M, TInd, indent(Col), 0, 0)
    end.

while_fail([], _F, V) -> V;
while_fail([A | As], F, V) ->
    try F(A)
    catch throw:no_good -> while_fail(As, F, V)
    end.

%%% Phase 1.

plen([], _D, _Enc, _Str) -> {"[]", 2};
plen({}, _D, _Enc, _Str) -> {"{}", 2};
plen(Map, _D, _Enc, _Str) when is_map(Map), map_size(Map) =:= 0 -> {"#{}", 3};
plen(Atom, _D, Enc, _Str) when is_atom(Atom) ->
    S = write1(Atom, -1, Enc),
    {S, chars_len(S)};
plen(List, D, Enc, Str) when is_list(List) ->
    case Str andalso printable_list(List, D) of
        true ->
            S = write_string(List, $", Enc),
            {S, chars_len(S)};
        false ->
            plen_list(List, D, Enc, Str)
    end;
plen(Fun, _D, _Enc, _Str) when is_function(Fun) ->
    S = erlang:fun_to_list(Fun),
    {S, length(S)};
plen(Tuple, D, Enc, Str) when is_tuple(Tuple) ->
    plen_tuple(Tuple, D, Enc, Str);
plen(Map, D, Enc, Str) when is_map(Map) ->
    plen_map(Map, D, Enc, Str);
plen(<<>>, _D, _Enc, _Str) -> {"<<>>", 4};
plen(<<_/bitstring>>, 1, _Enc, _Str) -> {"<<...>>", 7};
plen(<<_/bitstring>> = Bin, D, Enc, Str) ->
    case bit_size(Bin) rem 8 of
        0 ->
            D1 = D - 1,
            case Str andalso printable_bin(Bin, D1, Enc) of
                {true, List} ->
                    S = write_string(List, $", Enc),
                    {[$<, $<, S, $>, $>], 4 + chars_len(S)};
                {false, List} ->
                    S = write_string(List, $", Enc),
                    {[$<, $<, S, "/utf8>>"], 9 + chars_len(S)};
                {true, true, Prefix} ->
                    S = write_string(Prefix, $", Enc),
                    {[$<, $<, S | "...>>"], 7 + chars_len(S)};
                {false, true, Prefix} ->
                    S = write_string(Prefix, $", Enc),
                    {[$<, $<, S | "/utf8...>>"], 12 + chars_len(S)};
                false ->
                    S = write_binary(Bin, D),
                    {{bin, S}, flatlength(S)}
            end;
        _ ->
            S = write_binary(Bin, D),
            {{bin, S}, flatlength(S)}
    end;
plen(Term, _D, Enc, _Str) ->
    S = write1(Term, -1, Enc),
    {S, flatlength(S)}.

chars_len(S) -> flatlength(S).

printable_list(_L, 1) -> false;
printable_list(L, _D) -> printable_latin1_list(L).

plen_tuple(_Tuple, 1, _Enc, _Str) -> {"{...}", 5};
plen_tuple(Tuple, D, Enc, Str) ->
    L = plen_elems(tuple_to_list(Tuple), D, Enc, Str),
    IsTagged = is_atom(element(1, Tuple)) and (tuple_size(Tuple) > 1),
    {{tuple, IsTagged, L}, list_length(L, 2)}.

%% A list cut by the depth is not "atomic" (unlike "{...}", "#{...}").
plen_list(_List, 1, _Enc, _Str) -> {{list, {dots}}, 5};
plen_list(List, D, Enc, Str) ->
    L = plen_elems(List, D, Enc, Str),
    {{list, L}, list_length(L, 2)}.

plen_elems([], _D, _Enc, _Str) -> [];
plen_elems(_, 1, _Enc, _Str) -> {dots};
plen_elems([E | Es], D, Enc, Str) ->
    [plen(E, D - 1, Enc, Str) | plen_elems(Es, D - 1, Enc, Str)];
plen_elems(E, D, Enc, Str) ->
    plen(E, D - 1, Enc, Str).

plen_map(_Map, 1, _Enc, _Str) -> {"#{...}", 6};
plen_map(Map, D, Enc, Str) ->
    Pairs = plen_pairs(map_pairs(Map), D, D - 1, Enc, Str),
    {{map, Pairs}, list_length(Pairs, 3)}.

plen_pairs([], _D, _D0, _Enc, _Str) -> [];
plen_pairs(_, 1, _D0, _Enc, _Str) -> {dots};
plen_pairs([{K, V} | KVs], D, D0, Enc, Str) ->
    [plen_pair(K, V, D0, Enc, Str) | plen_pairs(KVs, D - 1, D0, Enc, Str)].

plen_pair(K, V, D, Enc, Str) ->
    Kl = {_, KL} = plen(K, D, Enc, Str),
    Vl = {_, VL} = plen(V, D, Enc, Str),
    {{map_pair, Kl, Vl}, KL + 4 + VL}.

list_length([], Acc) -> Acc;
list_length([{_, Len} | Es], Acc) -> list_length_tail(Es, Acc + Len);
list_length({dots}, Acc) -> Acc + 3;
list_length({_, Len}, Acc) -> Acc + Len.

list_length_tail([], Acc) -> Acc;
list_length_tail([{_, Len} | Es], Acc) -> list_length_tail(Es, Acc + 1 + Len);
list_length_tail({dots}, Acc) -> Acc + 4;
list_length_tail({_, Len}, Acc) -> Acc + 1 + Len.

%% Printable binaries.  D is the remaining depth (-1: unlimited); with a
%% depth, at most 4*D bytes (latin1) or characters (unicode) are examined,
%% and a printable prefix of at least D characters is shown as "..."...
printable_bin(Bin, D, latin1) ->
    printable_bin_latin1(Bin, D);
printable_bin(Bin, D, unicode) ->
    Max = case D >= 0 of
              true -> 4 * D;
              false -> -1
          end,
    case utf8_take(Bin, Max, []) of
        error ->
            printable_bin_latin1(Bin, D);
        {Chars, Rest} ->
            Single = byte_size(Bin) - byte_size(Rest) =:= length(Chars),
            case printable_prefix(Chars, 0) of
                {all, _} when Rest =:= <<>> -> {Single, Chars};
                {all, _} -> {Single, true, Chars};
                {PC, _} when D > 0, PC >= D ->
                    Prefix = sublist(Chars, PC),
                    {size(list_to_binary_utf8(Prefix)) =:= PC, true, Prefix};
                _ -> false
            end
    end.

list_to_binary_utf8(Cs) -> << <<C/utf8>> || C <- Cs >>.

printable_bin_latin1(Bin, D) ->
    Len = case D >= 0 of
              true -> erlang:min(byte_size(Bin), 4 * D);
              false -> byte_size(Bin)
          end,
    <<Prefix:Len/binary, _/binary>> = Bin,
    L = binary_to_list(Prefix),
    case printable_prefix(L, 0) of
        {all, _} when Len =:= byte_size(Bin) -> {true, L};
        {all, _} -> {true, true, L};
        {PC, _} when D > 0, PC >= D -> {true, true, sublist(L, PC)};
        _ -> false
    end.

printable_prefix([C | Cs], N) ->
    case printable_latin1_list([C]) of
        true -> printable_prefix(Cs, N + 1);
        false -> {N, [C | Cs]}
    end;
printable_prefix([], N) -> {all, N}.

%% Decode at most Max characters (-1: all); error on invalid UTF-8.
utf8_take(Rest, 0, Acc) -> {lists:reverse(Acc), Rest};
utf8_take(<<C/utf8, Rest/binary>>, Max, Acc) -> utf8_take(Rest, Max - 1, [C | Acc]);
utf8_take(<<>>, _Max, Acc) -> {lists:reverse(Acc), <<>>};
utf8_take(_, _Max, _Acc) -> error.

%%% Writing a whole subtree on one line.

wr({{tuple, _, L}, _}) -> [${, wr_list(L, $,), $}];
wr({{list, L}, _}) -> [$[, wr_list(L, $|), $]];
wr({{map, Pairs}, _}) -> [$#, ${, wr_list(Pairs, $,), $}];
wr({{map_pair, K, V}, _}) -> [wr(K), " => ", wr(V)];
wr({{bin, S}, _}) -> S;
wr({S, _}) -> S.

wr_list({dots}, _S) -> "...";
wr_list([E | Es], S) -> [wr(E) | wr_tail(Es, S)];
wr_list([], _S) -> [].

wr_tail([], _S) -> [];
wr_tail([E | Es], S) -> [$,, wr(E) | wr_tail(Es, S)];
wr_tail({dots}, S) -> [S | "..."];
wr_tail(E, S) -> [S | wr(E)].

is_atm({dots}) -> true;
is_atm({S, _}) -> is_list(S).

is_atm_pair({{map_pair, K, V}, _}) -> is_atm(K) andalso is_atm(V).

elen({dots}) -> 3;
elen({_, Len}) -> Len.

%%% Phase 2: layout.

pp({dots}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "...";
pp({_S, Len} = If, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    wr(If);
pp({{list, L}, _Len}, Col, Ll, M, TInd, Ind, LD, W) ->
    [$[, pp_list(L, Col + 1, Ll, M, TInd, indent(1, Ind), LD, $|, W + 1), $]];
pp({{tuple, true, L}, _Len}, Col, Ll, M, TInd, Ind, LD, W) ->
    [${, pp_tag_tuple(L, Col, Ll, M, TInd, Ind, LD, W + 1), $}];
pp({{tuple, false, L}, _Len}, Col, Ll, M, TInd, Ind, LD, W) ->
    [${, pp_list(L, Col + 1, Ll, M, TInd, indent(1, Ind), LD, $,, W + 1), $}];
pp({{map, Pairs}, _Len}, Col, Ll, M, TInd, Ind, LD, W) ->
    [$#, ${, pp_map(Pairs, Col + 2, Ll, M, TInd, indent(2, Ind), LD, W + 1), $}];
pp({{bin, S}, _Len}, Col, Ll, M, _TInd, Ind, LD, W) ->
    pp_binary(S, Col + 2, Ll, M, indent(2, Ind), LD, W);
pp({S, _Len}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) ->
    S.

pp_tag_tuple([{Tag, Tlen} | L], Col, Ll, M, TInd, Ind, LD, W) ->
    TagInd = Tlen + 2,
    Tcol = Col + TagInd,
    S = $,,
    if
        TInd > 0, TagInd > TInd ->
            Col1 = Col + TInd,
            Indent = indent(TInd, Ind),
            [Tag | pp_tail(L, Col1, Tcol, Ll, M, TInd, Indent, LD, S, W + Tlen)];
        true ->
            Indent = indent(TagInd, Ind),
            [Tag, S | pp_list(L, Tcol, Ll, M, TInd, Indent, LD, S, W + Tlen + 1)]
    end.

pp_map([], _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "";
pp_map({dots}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "...";
pp_map([P | Ps], Col, Ll, M, TInd, Ind, LD, W) ->
    {PS, PW} = pp_pair(P, Col, Ll, M, TInd, Ind, last_depth(Ps, LD), W),
    [PS | pp_pairs_tail(Ps, Col, Col + PW, Ll, M, TInd, Ind, LD, PW)].

pp_pairs_tail([], _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "";
pp_pairs_tail({dots}, _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> ",...";
pp_pairs_tail([{_, Len} = P | Ps], Col0, Col, Ll, M, TInd, Ind, LD, W) ->
    LD1 = last_depth(Ps, LD),
    ELen = 1 + Len,
    Fits = if
               LD1 =:= 0 -> ELen + 1 < Ll - Col andalso W + ELen + 1 =< M;
               true -> ELen < Ll - Col - LD1 andalso W + ELen + LD1 =< M
           end,
    case Fits andalso is_atm_pair(P) of
        true ->
            [$,, wr(P) |
             pp_pairs_tail(Ps, Col0, Col + ELen, Ll, M, TInd, Ind, LD, W + ELen)];
        false ->
            {PS, PW} = pp_pair(P, Col0, Ll, M, TInd, Ind, LD1, 0),
            [$,, $\n, Ind, PS |
             pp_pairs_tail(Ps, Col0, Col0 + PW, Ll, M, TInd, Ind, LD, PW)]
    end.

pp_pair({_, Len} = E, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    {wr(E), case is_atm_pair(E) of true -> Len; false -> Ll end};
pp_pair({{map_pair, K, V}, _Len}, Col0, Ll, M, TInd, Ind0, LD, W) ->
    I = map_value_indent(TInd),
    Ind = indent(I, Ind0),
    {[pp(K, Col0, Ll, M, TInd, Ind0, LD, W), " =>\n", Ind |
      pp(V, Col0 + I, Ll, M, TInd, Ind, LD, 0)], Ll}.

map_value_indent(TInd) ->
    case TInd > 0 of
        true -> TInd;
        false -> 4
    end.

pp_list({dots}, _Col0, _Ll, _M, _TInd, _Ind, _LD, _S, _W) -> "...";
pp_list([E | Es], Col0, Ll, M, TInd, Ind, LD, S, W) ->
    {ES, WE} = pp_element(E, Col0, Ll, M, TInd, Ind, last_depth(Es, LD), W),
    [ES | pp_tail(Es, Col0, Col0 + WE, Ll, M, TInd, Ind, LD, S, W + WE)].

pp_tail([], _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _S, _W) -> [];
pp_tail([E | Es], Col0, Col, Ll, M, TInd, Ind, LD, S, W) ->
    LD1 = last_depth(Es, LD),
    ELen = 1 + elen(E),
    Fits = if
               LD1 =:= 0 -> ELen + 1 < Ll - Col andalso W + ELen =< M;
               true -> ELen < Ll - Col - LD1 andalso W + ELen + LD1 =< M
           end,
    case Fits andalso is_atm(E) of
        true ->
            [$,, wr(E) |
             pp_tail(Es, Col0, Col + ELen, Ll, M, TInd, Ind, LD, S, W + ELen)];
        false ->
            {ES, WE} = pp_element(E, Col0, Ll, M, TInd, Ind, LD1, 0),
            [$,, $\n, Ind, ES |
             pp_tail(Es, Col0, Col0 + WE, Ll, M, TInd, Ind, LD, S, WE)]
    end;
pp_tail({dots}, _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, S, _W) ->
    [S | "..."];
pp_tail({_, Len} = E, _Col0, Col, Ll, M, _TInd, _Ind, LD, S, W)
  when Len + 1 < Ll - Col - (LD + 1), Len + 1 + W + (LD + 1) =< M ->
    case is_atm(E) of
        true -> [S | wr(E)];
        false -> [S, $\n, _Ind | pp(E, _Col0, Ll, M, _TInd, _Ind, LD + 1, 0)]
    end;
pp_tail(E, Col0, _Col, Ll, M, TInd, Ind, LD, S, _W) ->
    [S, $\n, Ind | pp(E, Col0, Ll, M, TInd, Ind, LD + 1, 0)].

pp_element({_, Len} = E, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    {wr(E), case is_atm(E) of true -> Len; false -> Ll end};
pp_element(E, Col, Ll, M, TInd, Ind, LD, W) ->
    {pp(E, Col, Ll, M, TInd, Ind, LD, W), Ll}.

pp_binary([LT, LT, S, GT, GT], Col, Ll, M, Ind, LD, W) ->
    N = erlang:max(8, erlang:min(Ll - Col, M - 4 - W) - LD),
    [LT, LT, pp_binary(S, N, N, Ind), GT, GT].

pp_binary([BS, $, | S], N, N0, Ind) ->
    Len = length(BS) + 1,
    case N - Len of
        N1 when N1 < 0 ->
            [$\n, Ind, BS, $, | pp_binary(S, N0 - Len, N0, Ind)];
        N1 ->
            [BS, $, | pp_binary(S, N1, N0, Ind)]
    end;
pp_binary([BS1, $:, BS2] = S, N, _N0, Ind)
  when length(BS1) + length(BS2) + 1 > N ->
    [$\n, Ind, S];
pp_binary(S, N, _N0, Ind) ->
    case flatlength(S) > N of
        true -> [$\n, Ind, S];
        false -> S
    end.

last_depth([_ | _], _LD) -> 0;
last_depth(_, LD) -> LD + 1.

%% cind: choose the tag-tuple indentation (throws no_good).
cind({dots}, _Col, _Ll, _M, Ind, _LD, _W) -> Ind;
cind({_S, Len}, Col, Ll, M, Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    Ind;
cind({{list, L}, _Len}, Col, Ll, M, Ind, LD, W) ->
    cind_list(L, Col + 1, Ll, M, Ind, LD, W + 1);
cind({{tuple, true, L}, _Len}, Col, Ll, M, Ind, LD, W) ->
    cind_tag_tuple(L, Col, Ll, M, Ind, LD, W + 1);
cind({{tuple, false, L}, _Len}, Col, Ll, M, Ind, LD, W) ->
    cind_list(L, Col + 1, Ll, M, Ind, LD, W + 1);
cind({{map, Pairs}, _Len}, Col, Ll, M, Ind, LD, W) ->
    cind_map(Pairs, Col + 2, Ll, M, Ind, LD, W + 2);
cind({{bin, _S}, _Len}, _Col, _Ll, _M, Ind, _LD, _W) -> Ind;
cind({_S, _Len}, _Col, _Ll, _M, Ind, _LD, _W) -> Ind.

cind_tag_tuple([{_Tag, Tlen} | L], Col, Ll, M, Ind, LD, W) ->
    TagInd = Tlen + 2,
    Tcol = Col + TagInd,
    if
        Ind > 0, TagInd > Ind ->
            Col1 = Col + Ind,
            if
                M + Col1 =< Ll; Col1 =< Ll div 2 ->
                    cind_tail(L, Col1, Tcol, Ll, M, Ind, LD, W + Tlen);
                true ->
                    throw(no_good)
            end;
        M + Tcol < Ll; Tcol < Ll div 2 ->
            cind_list(L, Tcol, Ll, M, Ind, LD, W + Tlen + 1);
        true ->
            throw(no_good)
    end.

cind_map([P | Ps], Col, Ll, M, Ind, LD, W) ->
    PW = cind_pair(P, Col, Ll, M, Ind, last_depth(Ps, LD), W),
    cind_pairs_tail(Ps, Col, Col + PW, Ll, M, Ind, LD, W + PW);
cind_map(_, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

cind_pairs_tail([{_, Len} = P | Ps], Col0, Col, Ll, M, Ind, LD, W) ->
    LD1 = last_depth(Ps, LD),
    ELen = 1 + Len,
    Fits = if
               LD1 =:= 0 -> ELen + 1 < Ll - Col andalso W + ELen + 1 =< M;
               true -> ELen < Ll - Col - LD1 andalso W + ELen + LD1 =< M
           end,
    case Fits andalso is_atm_pair(P) of
        true ->
            cind_pairs_tail(Ps, Col0, Col + ELen, Ll, M, Ind, LD, W + ELen);
        false ->
            PW = cind_pair(P, Col0, Ll, M, Ind, LD1, 0),
            cind_pairs_tail(Ps, Col0, Col0 + PW, Ll, M, Ind, LD, PW)
    end;
cind_pairs_tail(_, _Col0, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

cind_pair({{map_pair, _K, _V}, Len} = P, Col, Ll, M, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    case is_atm_pair(P) of
        true -> Len;
        false -> Ll
    end;
cind_pair({{map_pair, K, V}, _Len}, Col0, Ll, M, Ind, LD, W0) ->
    cind(K, Col0, Ll, M, Ind, LD, W0),
    I = map_value_indent(Ind),
    cind(V, Col0 + I, Ll, M, Ind, LD, 0),
    Ll.

cind_list({dots}, _Col0, _Ll, _M, Ind, _LD, _W) -> Ind;
cind_list([E | Es], Col0, Ll, M, Ind, LD, W) ->
    WE = cind_element(E, Col0, Ll, M, Ind, last_depth(Es, LD), W),
    cind_tail(Es, Col0, Col0 + WE, Ll, M, Ind, LD, W + WE);
cind_list([], _Col0, _Ll, _M, Ind, _LD, _W) -> Ind.

cind_tail([], _Col0, _Col, _Ll, _M, Ind, _LD, _W) -> Ind;
cind_tail([E | Es], Col0, Col, Ll, M, Ind, LD, W) ->
    LD1 = last_depth(Es, LD),
    ELen = 1 + elen(E),
    Fits = if
               LD1 =:= 0 -> ELen + 1 < Ll - Col andalso W + ELen =< M;
               true -> ELen < Ll - Col - LD1 andalso W + ELen + LD1 =< M
           end,
    case Fits andalso is_atm(E) of
        true ->
            cind_tail(Es, Col0, Col + ELen, Ll, M, Ind, LD, W + ELen);
        false ->
            WE = cind_element(E, Col0, Ll, M, Ind, LD1, 0),
            cind_tail(Es, Col0, Col0 + WE, Ll, M, Ind, LD, WE)
    end;
cind_tail({dots}, _Col0, _Col, _Ll, _M, Ind, _LD, _W) -> Ind;
cind_tail({_, Len} = E, _Col0, Col, Ll, M, Ind, LD, W)
  when Len + 1 < Ll - Col - (LD + 1), Len + 1 + W + (LD + 1) =< M ->
    case is_atm(E) of
        true -> Ind;
        false -> cind(E, Col, Ll, M, Ind, LD + 1, 0)
    end;
cind_tail(E, _Col0, Col, Ll, M, Ind, LD, _W) ->
    cind(E, Col, Ll, M, Ind, LD + 1, 0).

cind_element({_, Len} = E, Col, Ll, M, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    case is_atm(E) of
        true -> Len;
        false -> Ll
    end;
cind_element(E, Col, Ll, M, Ind, LD, W) ->
    cind(E, Col, Ll, M, Ind, LD, W),
    Ll.

indent(N) when is_integer(N), N > 0 -> chars($\s, N - 1).

indent(N, Ind) when is_integer(N), N > 0 -> [chars($\s, N) | Ind].

%%% ===================================================================
%%% chars_limit: format/3's {chars_limit, N}, write/2's chars_limit option.
%%%
%%% As OTP 25: the small control sequences are expanded first; the
%%% characters they and the plain text take are subtracted from N, and
%%% the rest is shared out among the ~p ~P ~w ~W ~s sequences, left to
%%% right (each gets what is left divided by the number of sequences
%%% still to come). A term printed with a limit is cut by depth: the
%%% deepest depth whose one-line form fits is searched for (doubling,
%%% then bisecting), over a tree whose nodes are {What, Len, Dots, More}
%%% (Dots: characters of "..." in it; More: fun(Limit, ExtraDepth)
%%% giving the node again, deeper, or no_more). Strings and binaries
%%% are cut at the limit and end in "...".
%%% ===================================================================

fmt_limited(Format, Args, CL) when is_list(Args) ->
    Cs = expand_small(format_chars(Format), Args),
    {NP, NBig, Other} = count_big(Cs, 0, 0, 0),
    case NBig of
        0 -> Cs;
        _ -> build_big(Cs, NP, NBig, tsub(CL, Other), 0)
    end.

%% The format with every control sequence but the big ones expanded.
expand_small([$~ | Fmt0], Args0) ->
    {Ctl, Fmt, Args} = collect(Fmt0, Args0),
    case is_big(Ctl) of
        true -> [{big, Ctl} | expand_small(Fmt, Args)];
        false -> lists:flatten(control(Ctl, 0)) ++ expand_small(Fmt, Args)
    end;
expand_small([C | Fmt], Args) -> [C | expand_small(Fmt, Args)];
expand_small([], []) -> [].

is_big({C, _, _, _, _, _, _, _}) when C =:= $p; C =:= $P; C =:= $w; C =:= $W -> true;
is_big({$s, [A], _, _, _, _, _, _}) -> not is_atom(A);
is_big(_) -> false.

count_big([{big, {C, _, _, _, _, _, _, _}} | Cs], NP, N, O) when C =:= $p; C =:= $P ->
    count_big(Cs, NP + 1, N + 1, O);
count_big([{big, _} | Cs], NP, N, O) -> count_big(Cs, NP, N + 1, O);
count_big([_ | Cs], NP, N, O) -> count_big(Cs, NP, N, O + 1);
count_big([], NP, N, O) -> {NP, N, O}.

%% Col is only tracked while a ~p/~P is still to come (it needs its column).
build_big([{big, Ctl} | Cs], NP0, N, Left, Col) ->
    Out = control_limited(Ctl, Left div N, Col),
    NP = case element(1, Ctl) of
             C when C =:= $p; C =:= $P -> NP0 - 1;
             _ -> NP0
         end,
    Col1 = case NP > 0 of
               true -> indentation(Out, Col);
               false -> Col
           end,
    [Out | build_big(Cs, NP, N - 1, tsub(Left, chars_length(Out)), Col1)];
build_big([$\n | Cs], NP, N, Left, _Col) -> [$\n | build_big(Cs, NP, N, Left, 0)];
build_big([C | Cs], NP, N, Left, Col) -> [C | build_big(Cs, NP, N, Left, indent_char(C, Col))];
build_big([], _, _, _, _) -> [].

control_limited({$s, [L], F, Adj, P, Pad, latin1, _}, CL, _Col) ->
    string(limit_latin1_chars(L, F, CL), limit_field(F, CL), Adj, P, Pad);
control_limited({$s, [L], F, Adj, P, Pad, unicode, _}, CL, _Col) ->
    string(limit_unicode_chars(L, F, CL), limit_field(F, CL), Adj, P, Pad, unicode);
control_limited({$w, [A], F, Adj, P, Pad, Enc, _}, CL, _Col) ->
    term(write_limited(A, -1, Enc, CL), F, Adj, P, Pad);
control_limited({$W, [A, D], F, Adj, P, Pad, Enc, _}, CL, _Col) when is_integer(D) ->
    term(write_limited(A, D, Enc, CL), F, Adj, P, Pad);
control_limited({$p, [A], F, Adj, P, _Pad, Enc, Str}, CL, Col) ->
    pprint_limited(A, -1, F, Adj, P, Enc, Str, CL, Col);
control_limited({$P, [A, D], F, Adj, P, _Pad, Enc, Str}, CL, Col) when is_integer(D) ->
    pprint_limited(A, D, F, Adj, P, Enc, Str, CL, Col);
control_limited(_, _, _) ->
    erlang:error(badarg).

%% The field of a cut ~s: at most the limit, at least 3 (for "...").
limit_field(F, CL) when CL < 0; F =:= none -> F;
limit_field(F, CL) -> erlang:max(3, erlang:min(F, CL)).

%% ~s of an iolist: the first Limit-3 characters; then the rest if it is
%% shorter than 4 characters, else "...".  Only what is shown is checked.
limit_latin1_chars(L, F, CL) when CL < 0; is_integer(F), CL >= F -> latin1_chars(L);
limit_latin1_chars(L, _F, CL) ->
    {Head, Rest} = take_io(L, [], tsub(CL, 3), []),
    {Tail, _} = take_io(Rest, [], 4, []),
    case length(Tail) of
        4 -> Head ++ "...";
        _ -> Head ++ Tail
    end.

%% take_io(IoList, Pending, N, Acc) -> {Chars, RestIoList}
take_io(Cs, S, 0, Acc) -> {lists:reverse(Acc), [Cs | S]};
take_io([C | Cs], S, N, Acc) when is_integer(C), C >= 0, C =< 255 ->
    take_io(Cs, S, N - 1, [C | Acc]);
take_io([I | Cs], S, N, Acc) when is_list(I); is_binary(I) -> take_io(I, [Cs | S], N, Acc);
take_io([], [Cs | S], N, Acc) -> take_io(Cs, S, N, Acc);
take_io([], [], _N, Acc) -> {lists:reverse(Acc), []};
take_io(<<B, Bs/binary>>, S, N, Acc) -> take_io(Bs, S, N - 1, [B | Acc]);
take_io(<<>>, S, N, Acc) -> take_io([], S, N, Acc).

%% ~ts: the same by grapheme clusters.
limit_unicode_chars(L, F, CL) when CL < 0; is_integer(F), CL >= F -> unicode_chars(L);
limit_unicode_chars(L, _F, CL) ->
    {Head, Rest} = take_gcs(L, tsub(CL, 3), []),
    {Tail, _} = take_gcs(Rest, 4, []),
    case length(Tail) of
        4 -> Head ++ "...";
        _ -> Head ++ Tail
    end.

take_gcs(Cs, 0, Acc) -> {lists:reverse(Acc), Cs};
take_gcs(Cs, N, Acc) ->
    case string:next_grapheme(Cs) of
        {error, <<C, Rest/binary>>} -> take_gcs(Rest, N - 1, [C | Acc]);
        {error, [C | Rest]} -> take_gcs(Rest, N - 1, [C | Acc]);
        [] -> {lists:reverse(Acc), []};
        [GC | Rest] -> take_gcs(Rest, N - 1, [GC | Acc])
    end.

%% ~w / ~W / write/2 with a limit.
write_limited(_Term, 0, _Enc, _CL) -> "...";
write_limited(_Term, _D, _Enc, 0) -> "...";
write_limited(Term, D, Enc, CL) when CL < 0 -> write1(Term, D, Enc);
write_limited(Term, D, Enc, CL) -> wr(to_pp(limited_tree(Term, D, CL, Enc, false))).

%% ~p / ~P with a limit.
pprint_limited(_A, _D, _F, left, _P, _Enc, _Str, _CL, _Col) ->
    erlang:error(badarg);
pprint_limited(A, D, none, Adj, P, Enc, Str, CL, Col) ->
    pprint_limited(A, D, 80, Adj, P, Enc, Str, CL, Col);
pprint_limited(A, D, F, Adj, none, Enc, Str, CL, Col) ->
    pprint_limited(A, D, F, Adj, Col + 1, Enc, Str, CL, Col);
pprint_limited(A, D, F, right, P, Enc, Str, CL, _Col) ->
    print_limited(A, P, F, D, Enc, Str, CL).

print_limited(_Term, _Col, _Ll, 0, _Enc, _Str, _CL) -> "...";
print_limited(_Term, _Col, _Ll, _D, _Enc, _Str, 0) -> "...";
print_limited(Term, Col, Ll, D, Enc, Str, CL) when CL < 0 ->
    pp_print(Term, Col, Ll, D, Enc, Str);
print_limited(Term, Col, Ll, D, Enc, Str, CL) when Col =< 0 ->
    print_limited(Term, 1, Ll, D, Enc, Str, CL);
print_limited(Atom, _Col, _Ll, _D, Enc, _Str, _CL) when is_atom(Atom) ->
    write1(Atom, -1, Enc);
print_limited(Term, Col, Ll, D, Enc, Str, CL)
  when is_tuple(Term); is_list(Term); is_map(Term); is_bitstring(Term) ->
    pp_layout(to_pp(limited_tree(Term, D, CL, Enc, Str)), Col, Ll);
print_limited(Term, _Col, _Ll, _D, _Enc, _Str, _CL) ->
    write1(Term, -1, latin1).

%% The tree of the deepest cut (at most depth D, -1: any) whose length
%% fits in T characters (or the shallowest that does not, if none).
limited_tree(Term, D, T, Enc, Str) ->
    Tree = lt(Term, 1, T, Enc, Str),
    case Tree of
        {_, Len, Dots, _} when Dots =:= 0; Len > T; D =:= 1 -> Tree;
        {_, Len, _, _} -> deeper(Tree, T, 1, 2, D, Len)
    end.

deeper(Lower, T, DLow, Step, D, LastLen) ->
    Step2 = Step * 2,
    D1 = case D < 0 of
             true -> DLow + Step2;
             false -> erlang:min(DLow + Step2, D)
         end,
    Tree = grow(Lower, T, D1 - DLow),
    case Tree of
        {_, _, 0, _} -> Tree;
        {_, LastLen, _, _} -> Tree;
        {_, Len, _, _} when Len =< T, D1 < D orelse D < 0 ->
            deeper(Tree, T, D1, Step2, D, Len);
        _ -> bisect(Lower, Tree, T, DLow, D1)
    end.

%% Lower fits (and has dots), Upper does not.
bisect(Lower, Upper, T, DLow, DUp) when DUp - DLow =:= 1 ->
    case Lower of
        {_, T, _, _} -> Lower;
        _ -> Upper
    end;
bisect(Lower, Upper, T, DLow, DUp) ->
    DMid = (DLow + DUp) div 2,
    Tree = grow(Lower, T, DMid - DLow),
    case Tree of
        {_, Len, _, _} when Len > T -> bisect(Lower, Tree, T, DLow, DMid);
        _ -> bisect(Tree, Upper, T, DMid, DUp)
    end.

%% lt(Term, Depth, Limit, Enc, Str) -> {What, Len, Dots, More}
lt([], _D, _T, _Enc, _Str) -> {"[]", 2, 0, no_more};
lt({}, _D, _T, _Enc, _Str) -> {"{}", 2, 0, no_more};
lt(M, _D, _T, _Enc, _Str) when is_map(M), map_size(M) =:= 0 -> {"#{}", 3, 0, no_more};
lt(Atom, _D, _T, Enc, _Str) when is_atom(Atom) ->
    S = write1(Atom, -1, Enc),
    {S, chars_len(S), 0, no_more};
lt(List, D, T, Enc, Str) when is_list(List) ->
    case Str andalso lt_printable_list(List, D, T, Enc) of
        true ->
            S = write_string(List, $", Enc),
            {S, chars_len(S), 0, no_more};
        {true, Prefix} ->
            S = write_string(Prefix, $", Enc),
            {[S | "..."], 3 + chars_len(S), 0, no_more};
        false ->
            Es = lt_elems(List, D, tsub(T, 2), Enc, Str),
            {Len, Dots} = lt_length(Es, 2),
            case Dots > 0 of
                true ->
                    {{list, Es}, Len, Dots,
                     fun(T1, Dd) -> lt(List, D + Dd, T1, Enc, Str) end};
                false ->
                    {{list, Es}, Len, Dots, no_more}
            end
    end;
lt(Fun, _D, _T, _Enc, _Str) when is_function(Fun) ->
    S = erlang:fun_to_list(Fun),
    {S, length(S), 0, no_more};
lt(Tuple, 1, _T, Enc, Str) when is_tuple(Tuple) ->
    {"{...}", 5, 3, fun(T1, Dd) -> lt(Tuple, 1 + Dd, T1, Enc, Str) end};
lt(Tuple, D, T, Enc, Str) when is_tuple(Tuple) ->
    Es = lt_tuple(Tuple, 1, D, tsub(T, 2), Enc, Str),
    {Len, Dots} = lt_length(Es, 2),
    {{tuple, is_atom(element(1, Tuple)) and (tuple_size(Tuple) > 1), Es}, Len, Dots, no_more};
lt(Map, 1, _T, Enc, Str) when is_map(Map) ->
    {"#{...}", 6, 3, fun(T1, Dd) -> lt(Map, 1 + Dd, T1, Enc, Str) end};
lt(Map, D, T, Enc, Str) when is_map(Map) ->
    Ps = lt_pairs(map_pairs(Map), D, D - 1, tsub(T, 3), Enc, Str),
    {Len, Dots} = lt_length(Ps, 3),
    {{map, Ps}, Len, Dots, no_more};
lt(<<>>, _D, _T, _Enc, _Str) -> {"<<>>", 4, 0, no_more};
lt(<<_/bitstring>> = Bin, 1, _T, Enc, Str) ->
    {"<<...>>", 7, 3, fun(T1, Dd) -> lt(Bin, 1 + Dd, T1, Enc, Str) end};
lt(<<_/bitstring>> = Bin, D, T, Enc, Str) ->
    More = fun(T1, Dd) -> lt(Bin, D + Dd, T1, Enc, Str) end,
    case Str andalso bit_size(Bin) rem 8 =:= 0 andalso
        lt_printable_bin(Bin, D - 1, tsub(T, 6), Enc) of
        {true, L} when is_list(L) ->
            S = write_string(L, $", unicode),
            {[$<, $<, S, $>, $>], 4 + length(S), 0, no_more};
        {false, L} when is_list(L) ->
            S = write_string(L, $", unicode),
            {[$<, $<, S, "/utf8>>"], 9 + chars_len(S), 0, no_more};
        {true, true, Prefix} ->
            S = write_string(Prefix, $", unicode),
            {[$<, $<, S | "...>>"], 7 + length(S), 3, More};
        {false, true, Prefix} ->
            S = write_string(Prefix, $", unicode),
            {[$<, $<, S | "/utf8...>>"], 12 + chars_len(S), 3, More};
        false ->
            case lt_binary(Bin, D, tsub(T, 4), []) of
                {S, <<>>} -> {{bin, S}, iolist_size(S), 0, no_more};
                {S, _} -> {{bin, S}, iolist_size(S), 3, More}
            end
    end;
lt(Term, _D, _T, _Enc, _Str) ->
    S = write1(Term, -1, latin1),
    {S, chars_len(S), 0, no_more}.

lt_elems([], _D, _T, _Enc, _Str) -> [];
lt_elems(L, D, T, Enc, Str) when D =:= 1; T =:= 0 ->
    {dots, 3, 3, fun(T1, Dd) -> lt_elems(L, D + Dd, T1, Enc, Str) end};
lt_elems([E | Es], D, T, Enc, Str) ->
    T1 = case Es of
             [] -> T;
             _ -> tsub(T, 1)
         end,
    {_, Len, _, _} = Elem = lt(E, D - 1, T1, Enc, Str),
    [Elem | lt_elems(Es, D - 1, tsub(T1, Len), Enc, Str)];
lt_elems(E, D, T, Enc, Str) ->
    lt(E, D - 1, T, Enc, Str).

lt_tuple(Tuple, I, _D, _T, _Enc, _Str) when I > tuple_size(Tuple) -> [];
lt_tuple(Tuple, I, D, T, Enc, Str) when D =:= 1; T =:= 0 ->
    {dots, 3, 3, fun(T1, Dd) -> lt_tuple(Tuple, I, D + Dd, T1, Enc, Str) end};
lt_tuple(Tuple, I, D, T, Enc, Str) ->
    T1 = case I =:= tuple_size(Tuple) of
             true -> T;
             false -> tsub(T, 1)
         end,
    {_, Len, _, _} = Elem = lt(element(I, Tuple), D - 1, T1, Enc, Str),
    [Elem | lt_tuple(Tuple, I + 1, D - 1, tsub(T1, Len), Enc, Str)].

lt_pairs([], _D, _D0, _T, _Enc, _Str) -> [];
lt_pairs(Ps, D, D0, T, Enc, Str) when D =:= 1; T =:= 0 ->
    {dots, 3, 3, fun(T1, Dd) -> lt_pairs(Ps, D + Dd, D0, T1, Enc, Str) end};
lt_pairs([{K, V} | Ps], D, D0, T, Enc, Str) ->
    T1 = case Ps of
             [] -> T;
             _ -> tsub(T, 1)
         end,
    {_, KL, KD, _} = KT = lt(K, D0, T1, Enc, Str),
    {_, VL, VD, _} = VT = lt(V, D0, tsub(T1, KL + 4), Enc, Str),
    Len = KL + 4 + VL,
    [{{map_pair, KT, VT}, Len, KD + VD, no_more} |
     lt_pairs(Ps, D - 1, D0, tsub(T1, Len), Enc, Str)].

%% {Len, Dots} of the elements of a list, tuple or map (Acc: the brackets).
lt_length([], Acc) -> {Acc, 0};
lt_length([{_, Len, Dots, _} | Es], Acc) -> lt_length_tail(Es, Acc + Len, Dots);
lt_length({_, Len, Dots, _}, Acc) -> {Acc + Len, Dots}.

lt_length_tail([], Acc, DAcc) -> {Acc, DAcc};
lt_length_tail([{_, Len, Dots, _} | Es], Acc, DAcc) -> lt_length_tail(Es, Acc + 1 + Len, DAcc + Dots);
lt_length_tail({_, Len, Dots, _}, Acc, DAcc) -> {Acc + 1 + Len, DAcc + Dots}.

%% The bytes of a binary with a depth and a limit: {Chars, Rest}.
lt_binary(B, D, T, Acc) ->
    {S, Rest} = lt_binary_body(B, D, T, Acc),
    {[$<, $<, lists:reverse(S), $>, $>], Rest}.

lt_binary_body(<<>> = B, _D, _T, Acc) -> {Acc, B};
lt_binary_body(B, D, T, Acc) when D =:= 1; T =:= 0 -> {["..." | Acc], B};
lt_binary_body(<<X:8>>, _D, _T, Acc) -> {[integer_to_list(X) | Acc], <<>>};
lt_binary_body(<<X:8, Rest/bitstring>>, D, T, Acc) ->
    S = integer_to_list(X),
    lt_binary_body(Rest, D - 1, tsub(T, length(S) + 1), [$,, S | Acc]);
lt_binary_body(B, _D, _T, Acc) ->
    L = bit_size(B),
    <<X:L>> = B,
    {[integer_to_list(L), $:, integer_to_list(X) | Acc], <<>>}.

%% A string with a limit: true, {true, Prefix} (a printable prefix of
%% T-2 characters) or false.
lt_printable_list(_L, 1, _T, _Enc) -> false;
lt_printable_list(L, _D, T, latin1) ->
    N = tsub(T, 2),
    case printable_count(L, N) of
        all -> true;
        0 -> {true, sublist(L, N)};
        _ -> false
    end;
lt_printable_list(L, _D, T, _Unicode) ->
    N = tsub(T, 2),
    try string:slice(L, 0, N) of
        "" -> false;
        Prefix ->
            case flat_prefix(L, lists:flatlength(Prefix)) of
                true ->
                    case string:equal(Prefix, L) of
                        true -> printable_list(L);
                        false -> printable_list(Prefix) andalso {true, Prefix}
                    end;
                false -> false
            end
    catch _:_ -> false
    end.

flat_prefix(_L, 0) -> true;
flat_prefix([C | Cs], N) when is_integer(C) -> flat_prefix(Cs, N - 1);
flat_prefix(_, _) -> false.

%% all (the whole list is printable within N characters), 0 (the first N
%% are printable and more follow) or the count left when an unprintable
%% element is met.
printable_count([_ | _], 0) -> 0;
printable_count([C | Cs], N) when is_integer(C) ->
    case printable_latin1_char(C) of
        true -> printable_count(Cs, N - 1);
        false -> N
    end;
printable_count([], _) -> all;
printable_count(_, N) -> N.

printable_latin1_char(C) when C >= $\s, C =< $~ -> true;
printable_latin1_char(C) when C >= 16#A0, C =< 16#FF -> true;
printable_latin1_char(C) ->
    lists:member(C, [$\n, $\r, $\t, $\v, $\b, $\f, $\e]).

%% A printable binary with a depth and a limit (the forms of
%% printable_bin/3).
lt_printable_bin(Bin, D, T, Enc) ->
    Len = case D >= 0 of
              true ->
                  DChars = erlang:min(4 * D, byte_size(Bin)),
                  case T >= 0 of
                      true -> erlang:min(T, DChars);
                      false -> DChars
                  end;
              false when T < 0 -> byte_size(Bin);
              false -> T
          end,
    lt_printable_bin(Bin, Len, D, Enc, x).

lt_printable_bin(_Bin, 0, _D, _Enc, x) -> false;
lt_printable_bin(Bin, Len, D, latin1, x) ->
    N = erlang:min(20, Len),
    L = binary_to_list(Bin, 1, N),
    case printable_count(L, N) of
        all when N =:= byte_size(Bin) -> {true, L};
        all when N =:= Len -> {true, true, L};
        all ->
            case printable_bin_from(Bin, 1 + N, Len - N) of
                0 when byte_size(Bin) =:= Len -> {true, binary_to_list(Bin)};
                NC when D > 0, Len - NC >= D -> {true, true, binary_to_list(Bin, 1, Len - NC)};
                _ -> false
            end;
        NC when is_integer(NC), D > 0, N - NC >= D -> {true, true, binary_to_list(Bin, 1, N - NC)};
        _ -> false
    end;
lt_printable_bin(Bin, Len, D, _Unicode, x) ->
    case utf8_prefix_valid(Bin, Len) of
        true ->
            case utf8_printable(Bin, Len, []) of
                {_, <<>>, L} -> {byte_size(Bin) =:= length(L), L};
                {NC, Rest, L} when D > 0, Len - NC >= D ->
                    {byte_size(Bin) - byte_size(Rest) =:= length(L), true, L};
                _ -> false
            end;
        false ->
            lt_printable_bin(Bin, Len, D, latin1, x)
    end.

%% How many of the Len bytes from Start are left when an unprintable one
%% is met (0: all printable).
printable_bin_from(_Bin, _Start, 0) -> 0;
printable_bin_from(Bin, Start, Len) ->
    N = erlang:min(10000, Len),
    case printable_count(binary_to_list(Bin, Start, Start + N - 1), N) of
        all -> printable_bin_from(Bin, Start + N, Len - N);
        NC -> Len - (N - NC)
    end.

utf8_prefix_valid(<<>>, _) -> true;
utf8_prefix_valid(_, 0) -> true;
utf8_prefix_valid(<<_/utf8, R/binary>>, N) -> utf8_prefix_valid(R, N - 1);
utf8_prefix_valid(_, _) -> false.

utf8_printable(<<C/utf8, R/binary>> = Bin, I, L) when I > 0 ->
    case printable_latin1_char(C) of
        true -> utf8_printable(R, I - 1, [C | L]);
        false -> {I, Bin, lists:reverse(L)}
    end;
utf8_printable(Bin, I, L) -> {I, Bin, lists:reverse(L)}.

%% The same tree, ExtraDepth levels deeper where it was cut.
grow({_, _, 0, no_more} = Tree, _T, _Dd) -> Tree;
grow({{tuple, Tagged, Es}, _, _, no_more}, T, Dd) ->
    {Es1, Len, Dots} = grow_elems(Es, T, Dd, 2),
    {{tuple, Tagged, Es1}, Len, Dots, no_more};
grow({{map, Ps}, _, _, no_more}, T, Dd) ->
    {Ps1, Len, Dots} = grow_elems(Ps, T, Dd, 3),
    {{map, Ps1}, Len, Dots, no_more};
grow({{map_pair, K, V}, _, _, no_more}, T, Dd) ->
    {_, KL, KD, _} = K1 = grow(K, tsub(T, 1), Dd),
    {_, VL, VD, _} = V1 = grow(V, tsub(T, KL + 4), Dd),
    {{map_pair, K1, V1}, KL + 4 + VL, KD + VD, no_more};
grow({_, _, _, More}, T, Dd) ->
    More(T, Dd).

grow_elems(Es, T, Dd, Brackets) ->
    Es1 = grow_list(Es, tsub(T, Brackets), Dd),
    {Len, Dots} = lt_length(Es1, Brackets),
    {Es1, Len, Dots}.

grow_list([], _T, _Dd) -> [];
grow_list([E | Es], T, Dd) ->
    T1 = case Es of
             [] -> T;
             _ -> tsub(T, 1)
         end,
    {_, Len, _, _} = E1 = grow(E, T1, Dd),
    [E1 | grow_list(Es, tsub(T1, Len), Dd)];
grow_list({_, _, _, More}, T, Dd) ->
    More(T, Dd).

%% Into the printer's {What, Len} form.
to_pp({dots, _, _, _}) -> {dots};
to_pp({{tuple, Tagged, Es}, Len, _, _}) -> {{tuple, Tagged, to_pp_list(Es)}, Len};
to_pp({{list, Es}, Len, _, _}) -> {{list, to_pp_list(Es)}, Len};
to_pp({{map, Ps}, Len, _, _}) -> {{map, to_pp_list(Ps)}, Len};
to_pp({{map_pair, K, V}, Len, _, _}) -> {{map_pair, to_pp(K), to_pp(V)}, Len};
to_pp({What, Len, _, _}) -> {What, Len}.

to_pp_list([]) -> [];
to_pp_list([E | Es]) -> [to_pp(E) | to_pp_list(Es)];
to_pp_list(E) -> to_pp(E).

%% T - E, not below 0 (a negative T, no limit, stays).
tsub(T, _) when T < 0 -> T;
tsub(T, E) when T >= E -> T - E;
tsub(_, _) -> 0.
