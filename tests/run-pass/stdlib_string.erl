-module(stdlib_string).
-export([main/1]).

%% Property-style check of the string module: 300 generated strings (a tiny LCG over an
%% alphabet with spaces, separators, CR LF, digits, Latin-1, Greek, a combining mark),
%% each as a list and as a UTF-8 binary, through every function of the Unicode API and
%% the old list API; errors are printed as {Class, Reason}.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~w~n", [T]).

alphabet() ->
    {$a, $b, $\s, $,, $\r, $\n, 233, 16#301, $ß, 16#3A3, 16#3C2, $x, $1, $7, $., $-, $A, $Z,
     $\t, 16#100, 16#1C5, 16#410, $e, $E, $+, 16#17F, 16#B5, 255, $a, $\s}.

gen(0, S, Acc) -> {Acc, S};
gen(N, S, Acc) ->
    S1 = lcg(S),
    A = alphabet(),
    gen(N - 1, S1, [element((S1 div 64) rem tuple_size(A) + 1, A) | Acc]).

strings(0, _, Acc) -> Acc;
strings(N, S, Acc) ->
    S1 = lcg(S),
    {L, S2} = gen((S1 div 128) rem 12, S1, []),
    strings(N - 1, S2, [L | Acc]).

new_api(S) ->
    [fun() -> string:length(S) end, fun() -> string:is_empty(S) end,
     fun() -> string:to_graphemes(S) end, fun() -> string:reverse(S) end,
     fun() -> string:slice(S, 1) end, fun() -> string:slice(S, 2, 3) end,
     fun() -> string:slice(S, 0, 0) end, fun() -> string:slice(S, 1, infinity) end,
     fun() -> string:pad(S, 8) end, fun() -> string:pad(S, 9, both, $.) end,
     fun() -> string:pad(S, 7, leading) end, fun() -> string:trim(S) end,
     fun() -> string:trim(S, leading) end, fun() -> string:trim(S, trailing, "a,") end,
     fun() -> string:trim(S, both, [[$\r, $\n], $a]) end, fun() -> string:chomp(S) end,
     fun() -> string:take(S, "ab ") end, fun() -> string:take(S, ",", true) end,
     fun() -> string:take(S, "a", false, trailing) end, fun() -> string:take(S, " ", true, trailing) end,
     fun() -> string:uppercase(S) end, fun() -> string:lowercase(S) end,
     fun() -> string:titlecase(S) end, fun() -> string:casefold(S) end,
     fun() -> string:prefix(S, "a") end, fun() -> string:prefix(S, <<"ab">>) end,
     fun() -> string:split(S, ",") end, fun() -> string:split(S, " ", trailing) end,
     fun() -> string:split(S, "a", all) end, fun() -> string:split(S, "ab", all) end,
     fun() -> string:replace(S, "a", "-") end, fun() -> string:replace(S, " ", "__", all) end,
     fun() -> string:replace(S, ",", <<"!">>, trailing) end,
     fun() -> string:lexemes(S, " ,") end, fun() -> string:lexemes(S, [[$\r, $\n], $\s]) end,
     fun() -> string:nth_lexeme(S, 2, " ,") end, fun() -> string:nth_lexeme(S, 1, "a") end,
     fun() -> string:find(S, "a") end, fun() -> string:find(S, " ", trailing) end,
     fun() -> string:find(S, "ab") end,
     fun() -> string:next_codepoint(S) end, fun() -> string:next_grapheme(S) end,
     fun() -> string:to_integer(S) end, fun() -> string:to_float(S) end,
     fun() -> string:equal(S, "ab") end, fun() -> string:equal(S, string:uppercase(S), true) end,
     fun() -> string:equal(S, S, false, none) end].

old_api(S) ->
    [fun() -> string:len(S) end, fun() -> string:concat(S, "z") end,
     fun() -> string:chr(S, $a) end, fun() -> string:rchr(S, $a) end,
     fun() -> string:str(S, "a") end, fun() -> string:rstr(S, " a") end,
     fun() -> string:str(S, "") end, fun() -> string:span(S, "ab") end,
     fun() -> string:cspan(S, ", ") end, fun() -> string:substr(S, 2) end,
     fun() -> string:substr(S, 2, 3) end, fun() -> string:sub_string(S, 3) end,
     fun() -> string:sub_string(S, 2, 4) end, fun() -> string:tokens(S, " ,") end,
     fun() -> string:join([S, S, "q"], ", ") end, fun() -> string:chars($c, 3, S) end,
     fun() -> string:copies(S, 2) end, fun() -> string:words(S) end,
     fun() -> string:words(S, $a) end, fun() -> string:sub_word(S, 2) end,
     fun() -> string:sub_word(S, 1, $,) end, fun() -> string:strip(S) end,
     fun() -> string:strip(S, left) end, fun() -> string:strip(S, right, $a) end,
     fun() -> string:left(S, 5) end, fun() -> string:left(S, 9, $.) end,
     fun() -> string:right(S, 5) end, fun() -> string:right(S, 9, $.) end,
     fun() -> string:centre(S, 5) end, fun() -> string:centre(S, 10, $*) end,
     fun() -> string:to_lower(S) end, fun() -> string:to_upper(S) end,
     fun() -> string:list_to_integer(S) end, fun() -> string:list_to_float(S) end].

each([F | Fs], I) -> p({I, run(F)}), each(Fs, I + 1);
each([], _) -> ok.

%% For binary input OTP may return mixed chardata (e.g. [C | Bin], from its grapheme
%% lookahead) where ferl returns a binary: binary results are printed as code points.
eachb([F | Fs], I) -> p({I, norm(I, run(F))}), eachb(Fs, I + 1);
eachb([], _) -> ok.

cd(X) when is_binary(X); is_list(X) ->
    try unicode:characters_to_list(X) of
        L when is_list(L) -> {chars, L};
        _ -> X
    catch _:_ -> X
    end;
cd(X) -> X.

norm(_, {error, _} = E) -> E;
norm(_, {C, R} = E) when C =:= error; C =:= exit; C =:= throw -> {E, R};
norm(I, {A, B}) when I >= 17, I =< 20 -> {cd(A), cd(B)};
norm(I, {N, R}) when I >= 43, I =< 44 -> {N, cd(R)};
norm(I, [C | R]) when I >= 41, I =< 42 -> {C, cd(R)};
norm(I, L) when is_list(L), I >= 9, I =< 11; is_list(L), I >= 27, I =< 35 -> [cd(X) || X <- L];
norm(_, R) when is_binary(R); is_list(R) -> cd(R);
norm(_, R) -> R.

main(_) ->
    Ss = strings(300, 42, []),
    lists:foreach(fun(L) ->
        B = unicode:characters_to_binary(L),
        p(L),
        each(new_api(L), 1),
        eachb(new_api(B), 1),
        each(old_api(L), 100)
    end, Ss),
    Fixed = ["12", "-7x", "+0", "1.5", "-2.25e3z", "3,5", "1.e4", "0.5E-2", "7.0e", ".5", "", "ab",
             "\r\n", "a\r\nb", [$e, 16#301, 16#301, $x], "  \t x \r\n"],
    [p({F, run(fun() -> string:to_integer(F) end), run(fun() -> string:to_float(F) end),
        run(fun() -> string:to_graphemes(F) end), run(fun() -> string:length(F) end)}) || F <- Fixed],
    [p(run(G)) || G <- [fun() -> string:length(id(x)) end, fun() -> string:slice("abc", id(-1)) end,
                        fun() -> string:to_integer(id(x)) end, fun() -> string:to_float(id(x)) end,
                        fun() -> string:next_grapheme(id(<<255, 1>>)) end,
                        fun() -> string:next_codepoint(id(<<255>>)) end,
                        fun() -> string:substr("abc", id(0)) end, fun() -> string:substr("abc", id(5)) end,
                        fun() -> string:pad("a", id(-1)) end, fun() -> string:chars($a, id(-1)) end,
                        fun() -> string:copies("a", id(-1)) end, fun() -> string:to_lower(id(a)) end,
                        fun() -> string:join(id(x), ",") end, fun() -> string:centre("abc", id(0)) end,
                        fun() -> string:left("abc", id(-1)) end, fun() -> string:strip("abc", id(up)) end]],
    ok.
