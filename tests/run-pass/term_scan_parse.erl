%% erl_scan:string/1 and erl_parse:parse_term/1 on 400 generated terms
%% written with ~w and ~p (atoms needing quotes, signed and big integers,
%% floats, strings with escapes, improper lists, tuples, maps, binaries),
%% plus hand-written inputs with escapes, bases, chars and errors.
-module(term_scan_parse).
-export([main/1]).

main(_) ->
    rand:seed(exsss, {7, 11, 13}),
    Terms = [gen(4) || _ <- lists:seq(1, 400)],
    lists:foreach(fun({I, T}) -> roundtrip(I, T) end,
                  lists:zip(lists:seq(1, length(Terms)), Terms)),
    Inputs = ["16#FF. 2#1010. 36#zz. 1_000_000. $\\n. $\\x{1F600}. $\\101. $\\^A.",
              "'a\\'b'. \"tab\\there\". \"\\e\\d\\s\\v\\f\\b\". 'hello world'.",
              "1.0e10. 2.5E-3. 0.1. -0.0. - 7. + 7.",
              "[$a, $b | \"cd\"]. {}. []. #{}. <<>>. <<\"\">>.",
              "<<1:4, 2:4, 258:16, 1:16/little, \"é\"/utf8>>.",
              "\"a\" \"b\" \"c\". % comment\n ok.",
              "X. _. foo(). 1 + 1. [a | B]. #{a := 1}. {a, b c}.",
              "[1, 2,]. {,}. ). 'unterminated", "\"unterminated",
              "case of end fun when andalso orelse bnot div rem. a@b. 'A'. b_C@1.",
              "<= => := :: || -- ++ =:= =/= == /= =< >= << >> <- -> ! ? # ... .. .a"],
    lists:foreach(fun scan_all/1, Inputs).

roundtrip(I, T) ->
    W = lists:flatten(io_lib:format("~w.", [T])),
    P = lists:flatten(io_lib:format("~p.", [T])),
    {ok, TW, _} = erl_scan:string(W),
    {ok, TP, _} = erl_scan:string(P),
    RW = erl_parse:parse_term(TW),
    RP = erl_parse:parse_term(TP),
    case {RW, RP} of
        {{ok, T}, {ok, T}} when I rem 40 =:= 0 ->
            io:format("~w ok ~w tokens: ~w~n", [I, length(TW), T]);
        {{ok, T}, {ok, T}} ->
            ok;
        _ ->
            io:format("~w MISMATCH ~w~n  ~p~n  ~p~n", [I, T, RW, RP])
    end.

scan_all(S) ->
    case erl_scan:string(S) of
        {ok, Toks, End} ->
            io:format("~w tokens to line ~w: ~w~n", [length(Toks), End, Toks]),
            parse_each(Toks, []);
        Err ->
            io:format("scan error: ~p~n", [Err])
    end.

parse_each([], []) -> ok;
parse_each([], Acc) -> io:format("  left: ~p~n", [erl_parse:parse_term(lists:reverse(Acc))]);
parse_each([{dot, _} = D | T], Acc) ->
    io:format("  ~p~n", [erl_parse:parse_term(lists:reverse([D | Acc]))]),
    parse_each(T, []);
parse_each([Tok | T], Acc) ->
    parse_each(T, [Tok | Acc]).

gen(0) -> leaf();
gen(D) ->
    case rand:uniform(10) of
        N when N =< 4 -> leaf();
        5 -> list_to_tuple([gen(D - 1) || _ <- lists:seq(1, rand:uniform(4) - 1)]);
        6 -> [gen(D - 1) || _ <- lists:seq(1, rand:uniform(4) - 1)];
        7 -> [gen(D - 1) | leaf()];
        8 -> maps:from_list([{gen(D - 1), gen(D - 1)} || _ <- lists:seq(1, rand:uniform(3) - 1)]);
        9 -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        10 -> [rand:uniform(95) + 31 || _ <- lists:seq(1, rand:uniform(6))]
    end.

leaf() ->
    case rand:uniform(9) of
        1 -> lists:nth(rand:uniform(12), [ok, 'hello world', 'A', '[]', 'case', 'a\'b',
                                          '', 'é', 'x\ny', 'end_', '_x', 'b@c']);
        2 -> rand:uniform(1000) - 500;
        3 -> (rand:uniform(1 bsl 70)) * (1 - 2 * (rand:uniform(2) - 1));
        4 -> (rand:uniform(100000) - 50000) / 64;
        5 -> rand:uniform() * math:pow(10, rand:uniform(40) - 20);
        6 -> lists:nth(rand:uniform(5), ["", "a\"b", "tab\there", "nl\n", [0, 7, 127, 255]]);
        7 -> [];
        8 -> {};
        9 -> <<>>
    end.
