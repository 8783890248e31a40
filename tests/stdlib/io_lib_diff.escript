#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput
%%
%% Differential test: ferl's stdlib/io_lib.erl versus OTP's io_lib.
%%
%% Compiles a copy of stdlib/io_lib.erl renamed to ferl_io_lib, generates
%% format strings and argument terms (fixed seed, so reruns are
%% identical), runs each through io_lib:format/2 (OTP) and
%% ferl_io_lib:format/2 and compares the flattened output char for char
%% (or that both raise badarg).  Also compares write/1,2, print/1,4,
%% write_atom/1, write_string/1, write_char/1, printable_*_list/1,
%% indentation/2 and chars_length/1.
%%
%% Usage: escript tests/stdlib/io_lib_diff.escript [-v] [Seed]
%% Exits 0 when every case matches, 1 otherwise.

-mode(compile).

main(Argv) ->
    Verbose = lists:member("-v", Argv),
    Seed = case [list_to_integer(A) || A <- Argv, A =/= "-v"] of
               [S] -> S;
               [] -> 2025
           end,
    load_ferl_io_lib(),
    rand:seed(exsss, {Seed, 17, 4711}),
    Cases = fixed_cases() ++ generated_cases(),
    FunCases = function_cases(),
    {P1, F1} = run(Cases, Verbose),
    {P2, F2} = run_funs(FunCases, Verbose),
    Passed = P1 + P2,
    Failed = F1 + F2,
    io:format("~w passed, ~w failed~n", [Passed, Failed]),
    halt(case Failed of 0 -> 0; _ -> 1 end).

%%% Loading the module under test.

load_ferl_io_lib() ->
    Here = filename:dirname(filename:absname(escript:script_name())),
    Src = filename:join([Here, "..", "..", "stdlib", "io_lib.erl"]),
    {ok, Bin} = file:read_file(Src),
    Renamed = binary:replace(Bin, <<"-module(io_lib).">>, <<"-module(ferl_io_lib).">>),
    Tmp = filename:join(tmp_dir(), "ferl_io_lib.erl"),
    ok = file:write_file(Tmp, Renamed),
    case compile:file(Tmp, [binary, return_errors, nowarn_unused_vars]) of
        {ok, ferl_io_lib, Beam} ->
            {module, ferl_io_lib} = code:load_binary(ferl_io_lib, Tmp, Beam),
            file:delete(Tmp);
        Err ->
            io:format("compile of ~s failed: ~p~n", [Src, Err]),
            halt(2)
    end.

tmp_dir() ->
    case os:getenv("TMPDIR") of
        false -> "/tmp";
        D -> D
    end.

%%% Running.

run(Cases, Verbose) ->
    lists:foldl(
      fun({F, A}, {P, Fl}) ->
              Exp = eval(fun() -> io_lib:format(F, A) end),
              Got = eval(fun() -> ferl_io_lib:format(F, A) end),
              case Exp =:= Got of
                  true ->
                      Verbose andalso io:format("ok ~w~n", [{F, A}]),
                      {P + 1, Fl};
                  false ->
                      report({format, F, A}, Exp, Got),
                      {P, Fl + 1}
              end
      end, {0, 0}, Cases).

run_funs(Cases, Verbose) ->
    lists:foldl(
      fun({Name, Args}, {P, Fl}) ->
              Exp = eval(fun() -> apply(io_lib, Name, Args) end),
              Got = eval(fun() -> apply(ferl_io_lib, Name, Args) end),
              case Exp =:= Got of
                  true ->
                      Verbose andalso io:format("ok ~w~n", [{Name, Args}]),
                      {P + 1, Fl};
                  false ->
                      report({Name, Args}, Exp, Got),
                      {P, Fl + 1}
              end
      end, {0, 0}, Cases).

eval(Fun) ->
    try Fun() of
        R when is_list(R) -> {ok, lists:flatten(R)};
        R -> {ok, R}
    catch
        error:badarg -> badarg;
        C:R -> {C, R}
    end.

report(What, Exp, Got) ->
    io:format("MISMATCH ~tw~n  otp:  ~tw~n  ferl: ~tw~n", [What, Exp, Got]),
    case {Exp, Got} of
        {{ok, E}, {ok, G}} when is_list(E), is_list(G) ->
            io:format("--- otp:~n~ts~n--- ferl:~n~ts~n", [safe(E), safe(G)]);
        _ -> ok
    end.

safe(L) -> [C || C <- L, is_integer(C), C < 256].

%%% Fixed cases: every control sequence and the documented corner cases.

fixed_cases() ->
    Big = 123456789012345678901234567890,
    [{"", []}, {"hello", []}, {"~~", []}, {"~n", []}, {"a~nb", []},
     {"~5n", []}, {"~5~", []}, {"~-5~", []}, {"~5.2~", []},
     {"~w", [abc]}, {"~w", ['Abc']}, {"~w", ['hello world']}, {"~w", ['']},
     {"~w", ['a\'b']}, {"~w", ['a\\b']}, {"~w", ['é']}, {"~w", ['ÿabc']},
     {"~w", ['\x{430}\x{431}']}, {"~tw", ['\x{430}\x{431}']},
     {"~w", [[maybe, else, 'cond', 'let', 'after', 'andalso', 'xor', a@b,
              'a.b', 'ÀÉ', aÀ, '_a', 'a-b', 'a1', 'A1', '1a', '\n', '\t']]},
     {"~w", [-1]}, {"~w", [Big]}, {"~w", [-Big]}, {"~w", [1.0]},
     {"~w", [-0.0]}, {"~w", [0.1]}, {"~w", [1.0e10]}, {"~w", [1.0e-10]},
     {"~w", [123456789.0]}, {"~w", [1.0e15]}, {"~w", [1.0e16]}, {"~w", [1.0e300]},
     {"~w", [5.0e-324]}, {"~w", [1.7976931348623157e308]},
     {"~w", ["abc"]}, {"~w", [<<"abc">>]}, {"~w", [<<1, 2, 3:4>>]}, {"~w", [<<>>]},
     {"~w", [{}]}, {"~w", [#{}]}, {"~w", [#{a => 1, "b" => [2]}]}, {"~w", [[1 | 2]]},
     {"~w", [{a, [b, "c"], #{d => <<"e">>}}]},
     {"~W", [[1, 2, 3, 4, 5], 3]}, {"~W", [[a | b], 2]}, {"~W", [[a | b], 3]},
     {"~W", [{1, 2, 3}, 2]}, {"~W", [#{a => 1, b => 2, c => 3}, 2]},
     {"~W", [#{a => 1, b => 2, c => 3}, 3]}, {"~W", [<<1, 2, 3, 4:3>>, 3]},
     {"~W", [abc, 0]}, {"~W", [[[[[a]]]], 3]}, {"~W", [#{k => #{k => #{k => v}}}, 3]},
     {"~P", [abc, 0]}, {"~P", [[1, 2, 3], 1]}, {"~P", ["abc", 1]}, {"~P", ["abc", 2]},
     {"~P", [<<"abcdef">>, 1]}, {"~P", [<<"abcdef">>, 2]}, {"~P", [<<"abcdef">>, 3]},
     {"~P", [<<"abcdefghijklmnopqrstuvwxyz">>, 4]},
     {"~P", [<<"abcd", 0, "efgh">>, 2]}, {"~P", [<<"abcd", 0, "efgh">>, 3]},
     {"~tP", [<<"é-éabcdefghijklmnop"/utf8>>, 2]},
     {"~tP", [<<"é-éabcdefghijklmnop"/utf8>>, 3]},
     {"~tP", [<<"éééééééééé"/utf8>>, 3]},
     {"~P", [<<"é-éabcdefghijklmnop"/utf8>>, 3]},
     {"~P", [<<1, 2, 3, 4:3>>, 3]}, {"~P", [#{a => 1, b => 2, c => 3}, 2]},
     {"~P", [#{a => [1, 2, 3], b => 2}, 3]}, {"~P", [[a | b], 2]},
     {"~p", [<<"é"/utf8>>]}, {"~tp", [<<"é"/utf8>>]}, {"~tp", [<<233>>]},
     {"~tp", [<<"\x{430}"/utf8>>]}, {"~p", [[1024]]}, {"~tp", [[1024]]},
     {"~tp", ["é"]}, {"~tp", ['\x{430}']}, {"~p", ['\x{430}']},
     {"~p", [[$\s, $\d]]}, {"~p", ["\n\t\r\v\b\f\e\"\\"]}, {"~p", [[1 | 2]]},
     {"~p", ["abc" ++ a]}, {"~lp", ["abc"]}, {"~lp", [<<"abc">>]}, {"~ltp", ["abc"]},
     {"~tlp", [[<<"abc">>, "def"]]},
     {"~-p", [a]}, {"~10p", [a]}, {"~10.3p", [abc]},
     {"~s", [abc]}, {"~s", ['\x{430}']}, {"~ts", ['\x{430}']}, {"~s", [[256]]},
     {"~ts", [[256]]}, {"~s", [<<"bin">>]}, {"~ts", [<<"é"/utf8>>]}, {"~s", [<<"é"/utf8>>]},
     {"~ts", [<<255, 254>>]}, {"~s", [["ab", [$c, <<"de">>], $f]]}, {"~s", [1]},
     {"~10s", ["abc"]}, {"~-10s", ["abc"]}, {"~2s", ["abc"]}, {"~.2s", ["abc"]},
     {"~10.2s", ["abc"]}, {"~10.5s", ["abc"]}, {"~3.3s", ["abc"]}, {"~2.3s", ["abc"]},
     {"~10.5.*s", [$x, "abc"]}, {"~-10.5.xs", ["abc"]},
     {"~a", [abc]}, {"~a", ['\x{430}']}, {"~ta", ['\x{430}']}, {"~10a", [abc]}, {"~a", ["abc"]},
     {"~c", [$a]}, {"~c", [256]}, {"~tc", [256]}, {"~5c", [$a]}, {"~5.2c", [$a]},
     {"~.3c", [$a]}, {"~-5.2c", [$a]}, {"~5.2.xc", [$a]}, {"~c", [a]},
     {"~e", [1.0]}, {"~.2e", [9.996]}, {"~.1e", [1.0]}, {"~e", [0.0]}, {"~e", [-0.0]},
     {"~e", [1]}, {"~f", [1]}, {"~g", [1]}, {"~.0f", [1.0]}, {"~.0g", [1.0]}, {"~.1g", [1.0]},
     {"~g", [123456.0]}, {"~.10g", [123456.0]}, {"~g", [1.0e-5]}, {"~g", [0.5]},
     {"~g", [12345.6]}, {"~.10g", [12345.6]}, {"~.10g", [1234.5]}, {"~.2g", [99.5]},
     {"~f", [0.5]}, {"~f", [-0.5]}, {"~.1f", [0.05]}, {"~.1f", [0.25]}, {"~.3f", [9.9995]},
     {"~f", [1.0e20]}, {"~f", [1.0e-20]}, {"~.30f", [0.1]}, {"~.30e", [0.1]},
     {"~f", [Big * 1.0]}, {"~e", [1.0e-300]}, {"~e", [5.0e-324]},
     {"~3f", [1.5]}, {"~12f", [1.5]}, {"~-12f", [1.5]}, {"~12..0f", [-1.5]},
     {"~b", [10]}, {"~B", [-10]}, {"~.16B", [255]}, {"~.16b", [255]}, {"~.36B", [Big]},
     {"~.1B", [5]}, {"~.37B", [5]}, {"~B", [a]}, {"~x", [255, "0x"]}, {"~.16x", [-255, "0x"]},
     {"~.16X", [-255, "0x"]}, {"~.16X", [10, ab]}, {"~.16X", [10, ["a", "b"]]},
     {"~.16#", [255]}, {"~.16+", [255]}, {"~#", [-255]}, {"~.2+", [-5]},
     {"~8.16.0B", [255]}, {"~-8.16.0B", [255]}, {"~8..0B", [-5]}, {"~2B", [12345]},
     {"~i~w", [skipped, shown]}, {"~*w", [5, a]}, {"~*w", [-5, a]}, {"~*.*w", [5, 2, a]},
     {"~*.*.*w", [5, 2, $x, a]}, {"~*w", [a, a]},
     {"~10w", [abc]}, {"~-10w", [abc]}, {"~2w", [abc]}, {"~10.2w", [abc]}, {"~.2w", [abc]},
     {"~10..-w", [abc]}, {"~3w", [-123]}, {"~3w", [1234]},
     {"~w", []}, {"~w ~w", [a]}, {"", [a]}, {"~", []}, {"~q", [a]}, {"~w", a},
     {'~w~n', [a]}, {<<"~w é ~ts"/utf8>>, [a, "é"]}, {["~", "w", [$~, $n]], [a]},
     {"abc~p", [[{aaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbb},
                 {cccccccccccccccccccccccccc, dddddddddddddddddddddd}]]},
     {"\t~p", [lists:seq(1, 40)]}, {"ab\ncd~p", [lists:seq(1, 40)]},
     {"~p~p", [lists:seq(1, 30), lists:seq(1, 30)]},
     {"~p", [lists:duplicate(100, $a)]},
     {"~p", [{lists:duplicate(40, $a) ++ "\n" ++ lists:duplicate(40, $b), x}]},
     {"~p", [list_to_binary(lists:seq(0, 100))]},
     {"~p", [<<(list_to_binary(lists:seq(0, 100)))/binary, 5:3>>]},
     {"~p", [[{a, lists:seq(1, 30)},
              {bbbbbbbbbbbbbbbbbbbbbbbbbbbb, #{k => lists:seq(1, 30), kk => {a, b}}}]]},
     {"~p", [self()]}, {"~p", [make_ref()]}, {"~p", [fun lists:map/2]},
     {"~w", [fun lists:map/2]},
     {"~30P", [[list_to_atom(lists:duplicate(40, $a)), bb, {x, y}, c], 4]},
     {"~1p", [{a, [1, 2], "s"}]}, {"~5p", [[{a, b}, {c, d}]]},
     {lists:duplicate(100, $x) ++ "~p", [{a, [1, 2, 3], "s"}]},
     {lists:duplicate(100, $x) ++ "~p", [[aaaa, bbbb]]},
     {"~p", [lists:foldl(fun(_, A) -> [A] end, [], lists:seq(1, 60))]},
     {"~p", [lists:foldl(fun(I, A) -> {I, A} end, x, lists:seq(1, 40))]},
     {"~p", [lists:foldl(fun(I, A) -> #{I => A} end, x, lists:seq(1, 25))]},
     {"~tp", [lists:duplicate(50, "\x{430}\x{431} é")]},
     {"~tp", [[{'\x{430}', <<"\x{430}é"/utf8>>} || _ <- lists:seq(1, 8)]]},
     {"~-*w|", [6, a]}, {"~*c", [3, $z]}, {"~.*f", [3, 2.5]}, {"~*.*.*e", [15, 4, $_, 2.5]},
     {"~.25f", [0.1]}, {"~.25e", [0.1]}, {"~.20g", [0.1]}, {"~.20g", [1.0e30]},
     {"~s", [[$a | b]]}, {"~ts", [[$a | b]]}, {"~s", [[[[$a]], <<"b">>]]}, {"~ts", [[<<"é"/utf8>>, [1024]]]},
     {"~s", [-1]}, {"~ts", [[-1]]}, {"~c", [-1]}, {"~w~", [a]}, {"~.", []}, {"~5", []},
     {"~p", [#{a => #{b => #{c => lists:seq(1, 40)}}, list_to_atom(lists:duplicate(30, $k)) => {x, y}}]},
     {"~p", [[<<1:1>>, <<>>, <<0:7>>, <<255, 1:2>>]]},
     {"~w", [[<<1:1>>, <<0:7>>, <<255, 1:2>>]]},
     {"~30P", [[list_to_atom(lists:duplicate(40, $a)), bb, [1], c], 4]},
     {"~30P", [[list_to_atom(lists:duplicate(40, $a)), bb, #{a => 1}, c], 4]},
     {"~30P", [[list_to_atom(lists:duplicate(40, $a)), bb, <<1, 2>>, c], 4]},
     {"~30P", [{list_to_atom(lists:duplicate(40, $a)), bb, "abc", c}, 4]}, {"~p", [[self(), fun erlang:abs/1]]}
    ].

%%% Generated cases.

generated_cases() ->
    lists:append([gen_p(250), gen_w(100), gen_s(60), gen_float(260),
                  gen_int(150), gen_c(30), gen_mixed(60), gen_layout(200)]).

%% Line breaking: big terms at many line lengths and start columns.
gen_layout(N) ->
    [begin
         T = case rand:uniform(3) of
                 1 -> big_term();
                 _ -> term(3 + rand:uniform(3))
             end,
         LL = integer_to_list(5 + rand:uniform(120)),
         case rand:uniform(5) of
             1 -> {"~" ++ LL ++ "p", [T]};
             2 -> {"~" ++ LL ++ "tp", [T]};
             3 -> {prefix() ++ "~" ++ LL ++ "p", [T]};
             4 -> {"~" ++ LL ++ "." ++ integer_to_list(rand:uniform(60)) ++ "p", [T]};
             5 -> {"~" ++ LL ++ "P", [T, 3 + rand:uniform(12)]}
         end
     end || _ <- lists:seq(1, N)].

gen_p(N) ->
    [begin
         T = term(rand:uniform(5)),
         case rand:uniform(12) of
             1 -> {"~p", [T]};
             2 -> {"~tp", [T]};
             3 -> {"~lp", [T]};
             4 -> {"~" ++ integer_to_list(20 + rand:uniform(100)) ++ "p", [T]};
             5 -> {"~P", [T, rand:uniform(8)]};
             6 -> {"~tP", [T, rand:uniform(12)]};
             7 -> {prefix() ++ "~p", [T]};
             8 -> {"~p~n~p", [T, term(3)]};
             9 -> {"~." ++ integer_to_list(rand:uniform(40)) ++ "p", [T]};
             10 -> {"~" ++ integer_to_list(30 + rand:uniform(50)) ++ "P", [T, 2 + rand:uniform(10)]};
             _ -> {"~p", [big_term()]}
         end
     end || _ <- lists:seq(1, N)].

gen_w(N) ->
    [begin
         T = term(rand:uniform(4)),
         case rand:uniform(5) of
             1 -> {"~w", [T]};
             2 -> {"~tw", [T]};
             3 -> {"~W", [T, rand:uniform(6)]};
             4 -> {"~" ++ width() ++ precision() ++ pad() ++ "w", [T]};
             5 -> {"~tW", [T, rand:uniform(6)]}
         end
     end || _ <- lists:seq(1, N)].

gen_s(N) ->
    [begin
         S = oneof(["", "abc", "hello world", "é", [<<"bin">>, "x"], abc, 'Quoted Atom',
                    "tab\there", <<"binary string">>, "\x{430}\x{431}", <<"é"/utf8>>]),
         Mod = oneof(["", "", "t"]),
         {"~" ++ width() ++ precision() ++ pad() ++ Mod ++ "s", [S]}
     end || _ <- lists:seq(1, N)].

gen_float(N) ->
    [begin
         F = float_val(),
         C = oneof(["e", "f", "g", "w", "p"]),
         P = case rand:uniform(3) of
                 1 -> "";
                 _ -> "." ++ integer_to_list(rand:uniform(18))
             end,
         W = case rand:uniform(4) of
                 1 -> integer_to_list(rand:uniform(25));
                 2 -> "-" ++ integer_to_list(rand:uniform(25));
                 _ -> ""
             end,
         Pd = case rand:uniform(5) of
                  1 when P =/= "" -> ".0";
                  1 -> "..0";
                  _ -> ""
              end,
         Fmt = case C of
                   "p" -> "~p";
                   _ -> "~" ++ W ++ P ++ Pd ++ C
               end,
         {Fmt, [F]}
     end || _ <- lists:seq(1, N)].

float_val() ->
    case rand:uniform(9) of
        1 -> rand:uniform() * 10;
        2 -> -rand:uniform() * 1000;
        3 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(600) - 300);
        4 -> float(rand:uniform(100000)) / 8;
        5 -> oneof([0.0, -0.0, 1.0, 0.5, 0.05, 0.005, 9.5, 99.5, 999.5, 9999.5,
                    0.095, 0.0095, 1.0e-5, 123456.0, 12345.6, 1.0e100, 2.5, 1.25,
                    1.125, 0.1, 0.2, 0.3, 1/3, 2/3, 9.999999, 99999.99, 1.0e15,
                    1.0e16, 1.0e22, 1.0e23, 5.0e-324, 2.2250738585072014e-308,
                    1.7976931348623157e308]);
        6 -> rand:uniform() * math:pow(10, rand:uniform(8));
        7 -> -rand:uniform() / math:pow(10, rand:uniform(8));
        8 -> round(rand:uniform() * 1.0e6) / 100;
        9 -> float(rand:uniform(1 bsl 53))
    end.

gen_int(N) ->
    [begin
         I = int_val(),
         C = oneof(["b", "B", "#", "+", "w", "x", "X"]),
         Base = case rand:uniform(3) of
                    1 -> "";
                    _ -> "." ++ integer_to_list(1 + rand:uniform(36))
                end,
         Fmt = "~" ++ width() ++ Base ++ pad() ++ C,
         Args = case C of
                    "x" -> [I, oneof(["0x", "#", "", ["a", "b"]])];
                    "X" -> [I, oneof(["0x", "16#", ""])];
                    _ -> [I]
                end,
         {Fmt, Args}
     end || _ <- lists:seq(1, N)].

int_val() ->
    case rand:uniform(5) of
        1 -> rand:uniform(100) - 50;
        2 -> rand:uniform(1 bsl 40) - (1 bsl 39);
        3 -> (rand:uniform(1 bsl 62) * rand:uniform(1 bsl 62)) * oneof([1, -1]);
        4 -> oneof([0, -1, 1, 255, -255, 1 bsl 59, 1 bsl 60, -(1 bsl 60), 1 bsl 64]);
        5 -> rand:uniform(1000000)
    end.

gen_c(N) ->
    [{"~" ++ width() ++ precision() ++ pad() ++ oneof(["", "t"]) ++ "c",
      [oneof([$a, $\n, 233, 256, 1024, $~, $\s])]} || _ <- lists:seq(1, N)].

gen_mixed(N) ->
    [begin
         T1 = term(2),
         T2 = term(3),
         {oneof(["x = ~w, y = ~p~n", "~s: ~p", "[~4w|~-4w] ~p", "~p ~p",
                 "~10.3.0f|~p", "~~~w~~ ~P"]),
          case rand:uniform(6) of
              1 -> [T1, T2];
              2 -> ["label", T2];
              3 -> [7, 8, T2];
              4 -> [T1, T2];
              5 -> [3.14159, T2];
              6 -> [T1, T2, 4]
          end}
     end || _ <- lists:seq(1, N)].

width() ->
    case rand:uniform(4) of
        1 -> integer_to_list(rand:uniform(30));
        2 -> "-" ++ integer_to_list(rand:uniform(30));
        _ -> ""
    end.

precision() ->
    case rand:uniform(3) of
        1 -> "." ++ integer_to_list(rand:uniform(20));
        _ -> ""
    end.

pad() ->
    case rand:uniform(4) of
        1 -> "." ++ [oneof([$0, $x, $*, $\s])];
        _ -> ""
    end.

prefix() ->
    oneof(["abc ", "Result: ", "\t", "a\nbcdefghij", lists:duplicate(30, $.),
           lists:duplicate(70, $-)]).

oneof(L) -> lists:nth(rand:uniform(length(L)), L).

%%% Random terms.

term(0) -> leaf();
term(D) ->
    case rand:uniform(10) of
        1 -> leaf();
        2 -> list_to_tuple([term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        3 -> list_to_tuple([atom() | [term(D - 1) || _ <- lists:seq(1, rand:uniform(4))]]);
        4 -> [term(D - 1) || _ <- lists:seq(1, rand:uniform(8) - 1)];
        5 -> maps:from_list([{key(), term(D - 1)} || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        6 -> lists:seq(1, rand:uniform(60));
        7 -> [term(D - 1) | leaf()];
        8 -> string();
        9 -> binary();
        10 -> [{atom(), term(D - 1)} || _ <- lists:seq(1, rand:uniform(6))]
    end.

big_term() ->
    case rand:uniform(8) of
        1 -> {atom(), lists:seq(1, 20 + rand:uniform(80)), term(3)};
        2 -> [{atom(), term(3)} || _ <- lists:seq(1, 3 + rand:uniform(8))];
        3 -> maps:from_list([{key(), term(3)} || _ <- lists:seq(1, 3 + rand:uniform(8))]);
        4 -> {state, atom(), [string() || _ <- lists:seq(1, 6)], #{a => term(3), b => term(2)}};
        5 -> list_to_tuple([term(3) || _ <- lists:seq(1, 2 + rand:uniform(6))]);
        6 -> {very_long_tag_name_for_a_record_like_tuple, term(3), term(3), term(2)};
        7 -> [binary() || _ <- lists:seq(1, 5)] ++ [list_to_binary(lists:seq(1, 90))];
        8 -> {error, {badmatch, [term(2) || _ <- lists:seq(1, 12)]}, [{m, f, 3, [{file, "src/m.erl"}, {line, 42}]}]}
    end.

leaf() ->
    case rand:uniform(9) of
        1 -> atom();
        2 -> rand:uniform(2000) - 1000;
        3 -> float_val();
        4 -> string();
        5 -> binary();
        6 -> oneof([[], {}, #{}, <<>>, self()]);
        7 -> int_val();
        8 -> atom();
        9 -> oneof([$a, 300, -1, [1, 2 | 3]])
    end.

key() ->
    case rand:uniform(4) of
        1 -> atom();
        2 -> rand:uniform(100);
        3 -> string();
        4 -> {atom(), rand:uniform(9)}
    end.

atom() ->
    oneof([ok, error, a, foo, bar_baz, 'Capital', 'with space', '', 'quote\'s',
           'after', 'end', 'é', 'ça', 'Ñu', '\x{430}\x{431}', 'a@b', 'x.y',
           longer_atom_name_here, another_quite_long_atom_name, undefined, true,
           false, nil, 'hello\nworld', 'tab\t']).

string() ->
    case rand:uniform(8) of
        1 -> "hello";
        2 -> lists:duplicate(rand:uniform(90), $x);
        3 -> "with \"quotes\" and \\ backslash";
        4 -> "line1\nline2\ttab";
        5 -> "é à ü";
        6 -> [$a, 1, $b];
        7 -> "\x{430}\x{431}";
        8 -> [C || C <- lists:seq(32, 32 + rand:uniform(94))]
    end.

binary() ->
    case rand:uniform(8) of
        1 -> <<"hello">>;
        2 -> list_to_binary(lists:duplicate(rand:uniform(100), $y));
        3 -> <<1, 2, 3, 200>>;
        4 -> <<"é"/utf8, "bc">>;
        5 -> <<"\x{430}\x{431}"/utf8>>;
        6 -> <<1, 2, 3:5>>;
        7 -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(50))]);
        8 -> <<"quote\"back\\slash\n">>
    end.

%%% Other exported functions.

function_cases() ->
    Terms = [term(3) || _ <- lists:seq(1, 60)] ++ [big_term() || _ <- lists:seq(1, 30)],
    [{write, [T]} || T <- Terms] ++
    [{write, [T, D]} || T <- lists:sublist(Terms, 30), D <- [1, 3, 5]] ++
    [{print, [T]} || T <- Terms] ++
    [{print, [T, C, L, D]} || T <- lists:sublist(Terms, 40),
                              {C, L, D} <- [{1, 40, -1}, {10, 80, 5}, {30, 60, -1}]] ++
    [{write_atom, [A]} || A <- [ok, 'Capital', 'with space', 'é', '\x{430}', 'after', '', 'a\'b', 'maybe']] ++
    [{write_string, [S]} || S <- ["abc", "a\"b", "é", "\x{430}", [0, 1, 7, 31, 127, 128, 159, 160], "\\"]] ++
    [{write_string, [S, $']} || S <- ["abc", "a'b", "a\"b"]] ++
    [{write_char, [C]} || C <- [$a, $\s, $\n, $", $', $\\, 0, 127, 160, 233, 1024, $$]] ++
    [{printable_list, [L]} || L <- printables()] ++
    [{printable_latin1_list, [L]} || L <- printables()] ++
    [{printable_unicode_list, [L]} || L <- printables()] ++
    [{indentation, [S, I]} || S <- ["abc", "a\nbc", "a\tb", ["ab", ["c\n", "de"]], "\t\t"], I <- [0, 3, 7]] ++
    [{chars_length, [S]} || S <- ["abc", ["ab", [$c]], "\x{430}", [<<"ab">>, "c"], []]] ++
    [{nl, []}].

printables() ->
    ["", "abc", "a\nb", [0], "é", "\x{430}", [$a | b], [16#D800], [16#10FFFF],
     [16#FFFE], [127], [159], [160], "\e\f\b\v\t\r\n", [a], [-1]].
