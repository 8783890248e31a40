%% string: OTP 25's string module, written from scratch for ferl: the Unicode-aware API
%% on chardata (grapheme clusters) and the old list-of-characters API.
%%
%% Input chardata is flattened to code points; results are lists for list input and
%% UTF-8 binaries for binary input (OTP may keep deeper structure for mixed input, so
%% results for mixed list/binary chardata can differ in shape, not in characters).
%% Grapheme clusters: CR LF, and a base character followed by combining marks (U+0300
%% to U+036F, U+1AB0 to U+1AFF, U+1DC0 to U+1DFF, U+20D0 to U+20FF, U+FE20 to U+FE2F),
%% variation selectors and ZWJ; not Hangul syllable sequences, emoji sequences or
%% regional-indicator pairs. Case mapping covers ASCII, Latin-1, Latin Extended-A,
%% the Latin Extended-B digraphs, basic Greek and Cyrillic; other characters map to
%% themselves. equal/4's normalization forms other than none compare unnormalized.
-module(string).
-export([is_empty/1, length/1, to_graphemes/1, reverse/1, equal/2, equal/3, equal/4,
         slice/2, slice/3, pad/2, pad/3, pad/4, trim/1, trim/2, trim/3, chomp/1,
         take/2, take/3, take/4, uppercase/1, lowercase/1, titlecase/1, casefold/1,
         prefix/2, split/2, split/3, replace/3, replace/4, lexemes/2, nth_lexeme/3,
         find/2, find/3, next_codepoint/1, next_grapheme/1, to_integer/1, to_float/1]).
-export([len/1, concat/2, chr/2, rchr/2, str/2, rstr/2, span/2, cspan/2, substr/2,
         substr/3, sub_string/2, sub_string/3, tokens/2, join/2, chars/2, chars/3,
         copies/2, words/1, words/2, sub_word/2, sub_word/3, strip/1, strip/2, strip/3,
         left/2, left/3, right/2, right/3, centre/2, centre/3, to_lower/1, to_upper/1,
         list_to_integer/1, list_to_float/1]).
-compile({no_auto_import, [length/1]}).

%%% chardata helpers

%% flat code points of chardata, or throw badarg
cps(B) when is_binary(B) -> dec(B, []);
cps(L) when is_list(L) -> lists:reverse(flat(L, []));
cps(_) -> erlang:error(badarg).

flat([C | T], Acc) when is_integer(C), C >= 0 -> flat(T, [C | Acc]);
flat([B | T], Acc) when is_binary(B) -> flat(T, lists:reverse(dec(B, []), Acc));
flat([L | T], Acc) when is_list(L) -> flat(T, flat(L, Acc));
flat([], Acc) -> Acc;
flat(B, Acc) when is_binary(B) -> lists:reverse(dec(B, []), Acc);
flat(_, _) -> erlang:error(badarg).

dec(<<C/utf8, R/binary>>, Acc) -> dec(R, [C | Acc]);
dec(<<>>, Acc) -> lists:reverse(Acc);
dec(_, _) -> erlang:error(badarg).

%% the result in the input's type
out(Orig, L) when is_binary(Orig) -> << <<C/utf8>> || C <- L >>;
out(_, L) -> L.

%% grapheme clusters
gc([$\r, $\n | R]) -> {[$\r, $\n], R};
gc([C | R]) when C < 32; C >= 16#7F, C < 16#A0 -> {C, R};
gc([C | R]) ->
    case marks(R, []) of
        {[], _} -> {C, R};
        {Ms, R1} -> {[C | Ms], R1}
    end.

marks([M | R], Acc) ->
    case is_extend(M) of
        true -> marks(R, [M | Acc]);
        false -> {lists:reverse(Acc), [M | R]}
    end;
marks([], Acc) -> {lists:reverse(Acc), []}.

is_extend(M) ->
    (M >= 16#300 andalso M =< 16#36F) orelse (M >= 16#1AB0 andalso M =< 16#1AFF)
        orelse (M >= 16#1DC0 andalso M =< 16#1DFF) orelse (M >= 16#20D0 andalso M =< 16#20FF)
        orelse (M >= 16#FE20 andalso M =< 16#FE2F) orelse (M >= 16#FE00 andalso M =< 16#FE0F)
        orelse M =:= 16#200D.

gcs([]) -> [];
gcs(L) -> {G, R} = gc(L), [G | gcs(R)].

gflat([G | Gs]) when is_integer(G) -> [G | gflat(Gs)];
gflat([G | Gs]) -> G ++ gflat(Gs);
gflat([]) -> [].

%% graphemes given as a "list of graphemes" argument (e.g. " ,", [[$\r, $\n] | "\s"])
gset(Cs) when is_list(Cs) -> [case G of [_ | _] -> cps(G); _ -> G end || G <- Cs].

whitespace() -> [[$\r, $\n], $\t, $\n, $\v, $\f, $\r, $\s, 16#85, 16#200E, 16#200F, 16#2028, 16#2029].

%%% the Unicode API

is_empty(S) -> cps(S) =:= [].

length(S) -> erlang:length(gcs(cps_fc(S))).

%% like cps/1, but non-chardata is a function_clause (as OTP's unicode_util)
cps_fc(S) when is_list(S); is_binary(S) -> cps(S);
cps_fc(S) -> erlang:error(function_clause, [S]).

to_graphemes(S) -> gcs(cps_fc(S)).

reverse(S) -> lists:reverse(gcs(cps_fc(S))).

equal(A, B) -> cps(A) =:= cps(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> fold(cps(A)) =:= fold(cps(B)).

equal(A, B, Case, _Norm) -> equal(A, B, Case).

slice(S, Start) -> slice(S, Start, infinity).

slice(S, Start, Len) when is_integer(Start), Start >= 0,
                          (is_integer(Len) andalso Len >= 0) orelse Len =:= infinity ->
    Gs = drop(Start, gcs(cps_fc(S))),
    out(S, gflat(case Len of infinity -> Gs; _ -> lists:sublist(Gs, Len) end));
slice(S, Start, Len) -> erlang:error(function_clause, [S, Start, Len]).

drop(0, L) -> L;
drop(_, []) -> [];
drop(N, [_ | T]) -> drop(N - 1, T).

pad(S, Len) -> pad(S, Len, trailing, $\s).
pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Len, Dir, C) when is_integer(Len) ->
    P = max(0, Len - length(S)),
    case Dir of
        trailing -> [S | lists:duplicate(P, C)];
        leading -> [lists:duplicate(P, C), S];
        both ->
            H = lists:duplicate(P div 2, C),
            [H, S, H | lists:duplicate(P rem 2, C)]
    end.

trim(S) -> trim(S, both, whitespace()).
trim(S, Dir) -> trim(S, Dir, whitespace()).

trim(S, Dir, Chars) ->
    Set = gset(Chars),
    Gs = gcs(cps_fc(S)),
    Gs1 = case Dir of
              leading -> drop_in(Gs, Set);
              trailing -> lists:reverse(drop_in(lists:reverse(Gs), Set));
              both -> lists:reverse(drop_in(lists:reverse(drop_in(Gs, Set)), Set))
          end,
    out(S, gflat(Gs1)).

drop_in([G | Gs] = L, Set) ->
    case lists:member(G, Set) of
        true -> drop_in(Gs, Set);
        false -> L
    end;
drop_in([], _) -> [].

chomp(S) ->
    out(S, lists:reverse(chomp_r(lists:reverse(cps(S))))).

chomp_r([$\n, $\r | R]) -> chomp_r(R);
chomp_r([$\n | R]) -> chomp_r(R);
chomp_r(R) -> R.

take(S, Chars) -> take(S, Chars, false, leading).
take(S, Chars, Complement) -> take(S, Chars, Complement, leading).

take(S, Chars, Complement, Dir) ->
    Set = gset(Chars),
    In = fun(G) -> lists:member(G, Set) =/= Complement end,
    Gs = gcs(cps(S)),
    case Dir of
        leading when Complement ->
            %% as OTP's: up to the first separator matched on code points and
            %% ending at a grapheme cluster boundary (it may start inside one)
            {A, B} = take_until(cps(S), [case G of [_ | _] -> G; _ -> [G] end || G <- Set], []),
            {out(S, A), out(S, B)};
        leading ->
            {A, B} = lists:splitwith(In, Gs),
            {out(S, gflat(A)), out(S, gflat(B))};
        trailing ->
            {RB, RA} = lists:splitwith(In, lists:reverse(Gs)),
            {out(S, gflat(lists:reverse(RA))), out(S, gflat(lists:reverse(RB)))}
    end.

take_until([], _, Acc) -> {lists:reverse(Acc), []};
take_until([C | R] = L, Seps, Acc) ->
    case lists:any(fun(P) -> match_here(L, P) =/= false end, Seps) of
        true -> {lists:reverse(Acc), L};
        false -> take_until(R, Seps, [C | Acc])
    end.

uppercase(S) -> out(S, lists:flatmap(fun up/1, cps(S))).
lowercase(S) -> out(S, [low(C) || C <- cps(S)]).
casefold(S) -> out(S, fold(cps(S))).

titlecase(S) ->
    case cps(S) of
        [C | R] -> out(S, title(C) ++ R);
        [] -> out(S, [])
    end.

prefix(S, P) ->
    case lists:prefix(Pc = cps(P), L = cps(S)) of
        true -> out(S, lists:nthtail(erlang:length(Pc), L));
        false -> nomatch
    end.

split(S, Pat) -> split(S, Pat, leading).

split(S, Pat, Where) ->
    L = cps(S),
    case cps(Pat) of
        [] -> [S];
        P ->
            Parts = case Where of
                        leading -> split_first(L, P);
                        trailing -> split_last(L, P);
                        all -> split_all(L, P)
                    end,
            [out(S, X) || X <- Parts]
    end.

%% Patterns are matched on code points, as OTP's: a match may start inside a grapheme
%% cluster but must end at a cluster boundary.
%% [Before, After] at the first match, or [L]
split_first(L, P) ->
    case search(L, P, []) of
        {Before, After} -> [Before, After];
        nomatch -> [L]
    end.

split_last(L, P) ->
    case search_last(L, P, [], nomatch) of
        {Before, After} -> [Before, After];
        nomatch -> [L]
    end.

split_all(L, P) ->
    case search(L, P, []) of
        {Before, After} -> [Before | split_all(After, P)];
        nomatch -> [L]
    end.

%% first occurrence of P (a non-empty code point list) in L: {Before, AfterMatch}
search([], _, _) -> nomatch;
search(L, P, Acc) ->
    case match_here(L, P) of
        {ok, After} -> {lists:reverse(Acc), After};
        false -> search(tl(L), P, [hd(L) | Acc])
    end.

%% the last occurrence, as search/3
search_last([], _, _, Found) -> Found;
search_last(L, P, Acc, Found) ->
    Found1 = case match_here(L, P) of
                 {ok, After} -> {lists:reverse(Acc), After};
                 false -> Found
             end,
    search_last(tl(L), P, [hd(L) | Acc], Found1).

%% P at the head of L, ending at a grapheme cluster boundary: {ok, Rest}
match_here(L, P) ->
    case lists:prefix(P, L) of
        true ->
            Rest = lists:nthtail(erlang:length(P), L),
            case Rest of
                [] -> {ok, Rest};
                [Next | _] ->
                    case gcs([lists:last(P), Next]) of
                        [_] -> false;
                        _ -> {ok, Rest}
                    end
            end;
        false -> false
    end.

replace(S, Pat, Rep) -> replace(S, Pat, Rep, leading).

replace(S, Pat, Rep, Where) ->
    case split(S, Pat, Where) of
        [_] -> [S];
        Parts -> join_with(Parts, Rep)
    end.

join_with([P], _) -> [P];
join_with([P | Ps], R) -> [P, R | join_with(Ps, R)].

lexemes(S, Seps) ->
    Set = gset(Seps),
    [out(S, gflat(Lx)) || Lx <- lex(gcs(cps(S)), Set, [], [])].

lex([], _, [], Acc) -> lists:reverse(Acc);
lex([], _, Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]);
lex([G | Gs], Set, Cur, Acc) ->
    case lists:member(G, Set) of
        true when Cur =:= [] -> lex(Gs, Set, [], Acc);
        true -> lex(Gs, Set, [], [lists:reverse(Cur) | Acc]);
        false -> lex(Gs, Set, [G | Cur], Acc)
    end.

nth_lexeme(S, N, Seps) when is_integer(N), N > 0 ->
    case drop(N - 1, lexemes(S, Seps)) of
        [X | _] -> X;
        [] -> out(S, [])
    end.

find(S, Pat) -> find(S, Pat, leading).

find(S, Pat, Dir) ->
    L = cps(S),
    case cps(Pat) of
        [] -> S;
        P ->
            Found = case Dir of
                        leading -> search(L, P, []);
                        trailing -> search_last(L, P, [], nomatch)
                    end,
            case Found of
                {_, After} -> out(S, P ++ After);
                nomatch -> nomatch
            end
    end.

next_codepoint(<<C/utf8, R/binary>>) -> [C | R];
next_codepoint(<<>>) -> [];
next_codepoint(B) when is_binary(B) -> {error, B};
next_codepoint(L) when is_list(L) ->
    case cps_tail(L) of
        [] -> [];
        {C, R} -> [C | R];
        error -> {error, L}
    end.

%% first code point of chardata and the rest (as chardata)
cps_tail([C | T]) when is_integer(C) -> {C, T};
cps_tail([B | T]) when is_binary(B) ->
    case B of
        <<C/utf8, R/binary>> -> {C, rest(R, T)};
        <<>> -> cps_tail(T);
        _ -> error
    end;
cps_tail([L | T]) when is_list(L) ->
    case cps_tail(L) of
        [] -> cps_tail(T);
        {C, R} -> {C, rest(R, T)};
        error -> error
    end;
cps_tail([]) -> [];
cps_tail(_) -> error.

rest(R, []) -> R;
rest(<<>>, T) -> T;
rest([], T) -> T;
rest(R, T) -> [R | T].

next_grapheme(B) when is_binary(B) ->
    try dec(B, []) of
        [] -> [];
        L -> {G, R} = gc(L), [G | << <<C/utf8>> || C <- R >>]
    catch error:badarg -> {error, B}
    end;
next_grapheme(L) when is_list(L) ->
    try cps(L) of
        [] -> [];
        Cs -> {G, R} = gc(Cs), [G | R]
    catch error:badarg -> {error, L}
    end.

to_integer(S) -> to_integer(S, fun digits/1).

%% The code points of a number's text; a flat list of integers that is not chardata is
%% parsed as it is (OTP stops at the first non-digit and keeps the rest).
num_cps(S) ->
    try cps(S)
    catch error:badarg when is_list(S) ->
        case int_list(S) of
            true -> S;
            false -> erlang:error(badarg)
        end
    end.

int_list([C | T]) when is_integer(C) -> int_list(T);
int_list([]) -> true;
int_list(_) -> false.

to_integer(S, Digits) ->
    try num_cps(S) of
        L ->
            {Sign, L1} = case L of
                             [$- | T] -> {-1, T};
                             [$+ | T] -> {1, T};
                             _ -> {1, L}
                         end,
            case Digits(L1) of
                {[], _} -> {error, no_integer};
                {Ds, R} -> {Sign * erlang:list_to_integer(Ds), out(S, R)}
            end
    catch error:badarg -> {error, badarg}
    end.

to_float(S) ->
    try num_cps(S) of
        L ->
            {Sign, L1} = case L of
                             [$- | T] -> {"-", T};
                             [$+ | T] -> {"+", T};
                             _ -> {"", L}
                         end,
            case float_parts(L1) of
                {ok, Text, R} ->
                    try erlang:list_to_float(Sign ++ Text) of
                        F -> {F, out(S, R)}
                    catch error:badarg -> {error, no_float}
                    end;
                error -> {error, no_float}
            end
    catch error:badarg -> {error, badarg}
    end.

float_parts(L) ->
    case digits(L) of
        {[], _} -> error;
        {Int, [Dot | L2]} when Dot =:= $.; Dot =:= $, ->
            case digits(L2) of
                {[], _} -> error;
                {Frac, L3} ->
                    Base = Int ++ "." ++ Frac,
                    case L3 of
                        [E | L4] when E =:= $e; E =:= $E ->
                            {ESign, L5} = case L4 of
                                              [$- | T] -> {"-", T};
                                              [$+ | T] -> {"+", T};
                                              _ -> {"", L4}
                                          end,
                            case digits(L5) of
                                {[], _} -> {ok, Base, L3};
                                {Exp, L6} -> {ok, Base ++ "e" ++ ESign ++ Exp, L6}
                            end;
                        _ -> {ok, Base, L3}
                    end
            end;
        _ -> error
    end.

%% leading digits that are whole graphemes (a digit carrying a combining mark is not one)
digits(L) -> digits(L, []).

digits([C | T], Acc) when C >= $0, C =< $9 ->
    case T of
        [M | _] ->
            case is_extend(M) of
                true -> {lists:reverse(Acc), [C | T]};
                false -> digits(T, [C | Acc])
            end;
        [] -> digits(T, [C | Acc])
    end;
digits(L, Acc) -> {lists:reverse(Acc), L}.

%%% case mapping (see the module comment for the covered ranges)

up($ß) -> "SS";
up(C) -> [upper(C)].

upper(C) when C >= $a, C =< $z -> C - 32;
upper(C) when C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper(16#FF) -> 16#178;
upper(16#B5) -> 16#39C;
upper(C) when C >= 16#100, C =< 16#17F -> ext_a(C, up);
upper(C) when C >= 16#1C4, C =< 16#1CC -> digraph(C, up);
upper(16#3C2) -> 16#3A3;
upper(C) when C >= 16#3B1, C =< 16#3C9 -> C - 32;
upper(C) when C >= 16#430, C =< 16#44F -> C - 32;
upper(C) when C >= 16#450, C =< 16#45F -> C - 80;
upper(C) -> C.

low(C) when C >= $A, C =< $Z -> C + 32;
low(C) when C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
low(16#178) -> 16#FF;
low(C) when C >= 16#100, C =< 16#17F -> ext_a(C, low);
low(C) when C >= 16#1C4, C =< 16#1CC -> digraph(C, low);
low(C) when C >= 16#391, C =< 16#3A9, C =/= 16#3A2 -> C + 32;
low(C) when C >= 16#410, C =< 16#42F -> C + 32;
low(C) when C >= 16#400, C =< 16#40F -> C + 80;
low(C) -> C.

title(C) when C >= 16#1C4, C =< 16#1CC -> [digraph(C, title)];
title($ß) -> "Ss";
title(C) -> [upper(C)].

fold(L) ->
    lists:flatmap(fun($ß) -> "ss"; (16#3C2) -> [16#3C3]; (16#B5) -> [16#3BC];
                     (16#17F) -> "s"; (C) -> [low(C)] end, L).

%% Latin Extended-A: pairs (upper even, lower odd) except 0x130-0x138 and 0x139-0x148,
%% 0x179-0x17E (upper odd, lower even); 0x131 dotless i, 0x138 kra, 0x149, 0x17F.
ext_a(16#130, low) -> 16#69;
ext_a(16#131, up) -> $I;
ext_a(16#17F, up) -> $S;
ext_a(C, _) when C =:= 16#130; C =:= 16#131; C =:= 16#138; C =:= 16#149; C =:= 16#17F -> C;
ext_a(C, Dir) when (C >= 16#139 andalso C =< 16#148); (C >= 16#179 andalso C =< 16#17E) ->
    case {C rem 2, Dir} of
        {1, low} -> C + 1;
        {0, up} -> C - 1;
        _ -> C
    end;
ext_a(C, Dir) ->
    case {C rem 2, Dir} of
        {0, low} -> C + 1;
        {1, up} -> C - 1;
        _ -> C
    end.

%% DŽ Dž dž, LJ Lj lj, NJ Nj nj (0x1C4-0x1CC): upper, title, lower in threes
digraph(C, Dir) ->
    Base = 16#1C4 + ((C - 16#1C4) div 3) * 3,
    case Dir of
        up -> Base;
        title -> Base + 1;
        low -> Base + 2
    end.

%%% the old list API

len(S) -> erlang:length(S).

concat(A, B) -> A ++ B.

chr(S, C) -> chr(S, C, 1).

chr([C | _], C, I) -> I;
chr([_ | T], C, I) -> chr(T, C, I + 1);
chr([], _, _) -> 0.

rchr(S, C) -> rchr(S, C, 1, 0).

rchr([C | T], C, I, _) -> rchr(T, C, I + 1, I);
rchr([_ | T], C, I, L) -> rchr(T, C, I + 1, L);
rchr([], _, _, L) -> L.

str(S, Sub) when is_list(S), is_list(Sub) -> str(S, Sub, 1).

str([_ | T] = S, [_ | _] = Sub, I) ->
    case lists:prefix(Sub, S) of
        true -> I;
        false -> str(T, Sub, I + 1)
    end;
str(_, _, _) -> 0.

rstr(S, Sub) when is_list(S), is_list(Sub) -> rstr(S, Sub, 1, 0).

rstr([_ | T] = S, [_ | _] = Sub, I, L) ->
    case lists:prefix(Sub, S) of
        true -> rstr(T, Sub, I + 1, I);
        false -> rstr(T, Sub, I + 1, L)
    end;
rstr(_, _, _, L) -> L.

span(S, Cs) -> span(S, Cs, 0).

span([C | T], Cs, N) ->
    case lists:member(C, Cs) of
        true -> span(T, Cs, N + 1);
        false -> N
    end;
span([], _, N) -> N.

cspan(S, Cs) -> cspan(S, Cs, 0).

cspan([C | T], Cs, N) ->
    case lists:member(C, Cs) of
        true -> N;
        false -> cspan(T, Cs, N + 1)
    end;
cspan([], _, N) -> N.

substr(S, 1) when is_list(S) -> S;
substr([_ | T], N) when is_integer(N), N > 1 -> substr(T, N - 1).

substr(S, N, L) when is_integer(N), N >= 1, is_integer(L), L >= 0 ->
    lists:sublist(substr(S, N), L).

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) -> [T || T <- tok(S, Seps, [], []), T =/= []].

tok([C | T], Seps, Cur, Acc) ->
    case lists:member(C, Seps) of
        true -> tok(T, Seps, [], [lists:reverse(Cur) | Acc]);
        false -> tok(T, Seps, [C | Cur], Acc)
    end;
tok([], _, Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]).

join([], Sep) when is_list(Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when is_integer(N), N >= 0 -> lists:duplicate(N, C) ++ Tail.

copies(S, N) when is_list(S), is_integer(N), N >= 0 -> lists:append(lists:duplicate(N, S)).

words(S) -> words(S, $\s).

words(S, C) when is_list(S), is_integer(C) -> max(1, erlang:length(tokens(S, [C]))).

sub_word(S, N) -> sub_word(S, N, $\s).

sub_word(S, N, C) when is_integer(N), N > 0, is_integer(C) ->
    case drop(N - 1, tokens(S, [C])) of
        [W | _] -> W;
        [] -> []
    end.

strip(S) -> strip(S, both).
strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, C) -> strip_l(S, C);
strip(S, right, C) -> lists:reverse(strip_l(lists:reverse(S), C));
strip(S, both, C) -> strip(strip_l(S, C), right, C).

strip_l([C | T], C) -> strip_l(T, C);
strip_l(S, _) when is_list(S) -> S.

left(S, N) -> left(S, N, $\s).

left(S, N, C) when is_integer(N), N >= 0 ->
    L = erlang:length(S),
    if
        L > N -> lists:sublist(S, N);
        true -> S ++ lists:duplicate(N - L, C)
    end.

right(S, N) -> right(S, N, $\s).

right(S, N, C) when is_integer(N), N >= 0 ->
    L = erlang:length(S),
    if
        L > N -> lists:nthtail(L - N, S);
        true -> lists:duplicate(N - L, C) ++ S
    end.

centre(S, N) -> centre(S, N, $\s).

centre(S, 0, _) when is_list(S) -> [];
centre(S, N, C) when is_integer(N), N > 0 ->
    L = erlang:length(S),
    if
        L > N -> lists:sublist(lists:nthtail((L - N) div 2, S), N);
        true ->
            P = N - L,
            lists:duplicate(P div 2, C) ++ S ++ lists:duplicate(P - P div 2, C)
    end.

to_lower(C) when is_integer(C) -> lower1(C);
to_lower(S) when is_list(S) -> [lower1(C) || C <- S].

to_upper(C) when is_integer(C) -> upper1(C);
to_upper(S) when is_list(S) -> [upper1(C) || C <- S].

lower1(C) when C >= $A, C =< $Z -> C + 32;
lower1(C) when C >= 16#C0, C =< 16#D6 -> C + 32;
lower1(C) when C >= 16#D8, C =< 16#DE -> C + 32;
lower1(C) -> C.

upper1(C) when C >= $a, C =< $z -> C - 32;
upper1(C) when C >= 16#E0, C =< 16#F6 -> C - 32;
upper1(C) when C >= 16#F8, C =< 16#FE -> C - 32;
upper1(C) -> C.

%% the old parser works on code points
list_to_integer(L) when is_list(L) ->
    to_integer(L, fun(X) -> lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, X) end).

list_to_float(L) when is_list(L) -> to_float(L).
