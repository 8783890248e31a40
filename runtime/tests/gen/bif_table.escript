#!/usr/bin/env escript
%% Expected results of the erlang BIFs in runtime/src/bif, computed by real Erlang/OTP 25.
%%
%% Regenerate (from the repository root):
%%     escript runtime/tests/gen/bif_table.escript runtime/tests/gen/bif_table.etf
%%
%% Output: term_to_binary of a list of rows {Module, Function, Args, Expected}, where
%% Expected is {ok, Value}, {Class, Reason} for an exception, or ok_any for BIFs whose
%% value is not reproducible (clocks). For every BIF the rows are: hand-picked argument
%% lists, plus the first of them with each argument position replaced in turn by every
%% sample of samples() (wrong types: atom, integers, float, bignums, strings, improper
%% list, tuples, binaries, bitstring, map, pid, ref, fun; minus those in the spec's
%% `skip` list or satisfying its `skip_if` predicate). runtime/tests/bif_table.rs
%% checks every row.
-mode(compile).

main([Out]) ->
    Rows = lists:usort(lists:flatmap(fun rows/1, specs())),
    ok = file:write_file(Out, term_to_binary(Rows)),
    io:format("~p rows written to ~s~n", [length(Rows), Out]);
main(_) ->
    io:format("usage: bif_table.escript OUT.etf~n"),
    halt(1).

pid() -> list_to_pid("<0.42.0>").

samples() ->
    [a, 1, -5, 0, 1.5, 1 bsl 70, -(1 bsl 70), "abc", [1 | 2], {1, 2}, {},
     <<1, 2, 3>>, <<1:3>>, #{a => 1}, pid(), make_ref(), fun erlang:abs/1, [], true].

run(M, F, A) ->
    try {ok, apply(M, F, A)} catch C:R -> {C, R} end.

rows({M, F, Goods}) -> rows({M, F, Goods, []});
rows({M, F, [First | _] = Goods, Opts}) ->
    Skip = proplists:get_value(skip, Opts, []),
    SkipIf = proplists:get_value(skip_if, Opts, fun(_) -> false end),
    Subst = [setnth(I, First, S) || I <- lists:seq(1, length(First)),
                                    S <- samples(), not lists:member(S, Skip), not SkipIf(S)],
    [row(M, F, A, Opts) || A <- Goods ++ Subst].

row(M, F, A, Opts) ->
    case {run(M, F, A), proplists:get_bool(any, Opts)} of
        {{ok, _}, true} -> {M, F, A, ok_any};
        {R, _} -> {M, F, A, R}
    end.

setnth(1, [_ | T], V) -> [V | T];
setnth(N, [H | T], V) -> [H | setnth(N - 1, T, V)].

unicode_atom() -> list_to_atom([104, 233, 8364]).

specs() ->
    NoAtomMaking = [{skip, ["abc", <<1, 2, 3>>]}],
    T = {a, 1, [1, 2], <<1>>, 1.5, "abc", #{a => b}, -(1 bsl 70)},
    Bin = term_to_binary({a, 1}),
    Long = lists:duplicate(255, $a),
    Floats = [1.5, 0.1, -1.0e-10, 1.0e300, 0.0, 123456.789, 5.0e-324, 1.0e16, -2.5],
    FloatOpts =
        [[], [{decimals, 3}], [{decimals, 0}], [{decimals, 2}, compact], [{decimals, 10}, compact],
         [{decimals, 253}], [{decimals, 254}], [{decimals, 19}], [{decimals, 18}],
         [{scientific, 3}], [{scientific, 0}], [{scientific, 249}], [{scientific, 250}],
         [short], [short, {decimals, 2}], [{decimals, 2}, short], [compact], [bad],
         [{decimals, a}], [{decimals, -1}], [compact | x], {decimals, 2}, [{scientific, 2}, compact],
         [{decimals, 1 bsl 70}], [{decimals, 2, 3}]],
    PhashTerms =
        [{a, b}, [1, 2, 3], "hello world", <<"a binary that is longer than twelve">>,
         <<1, 2, 3:5>>, <<>>, 1.5, -1.5, 0.0, -0.0, 1 bsl 27, (1 bsl 27) - 1, -(1 bsl 27),
         -(1 bsl 27) - 1, 1 bsl 28, 1 bsl 59, -(1 bsl 59), 1 bsl 64, 1 bsl 100, (1 bsl 100) + 12345,
         #{a => 1, b => 2}, #{}, #{{x} => [1], 2 => 3.0}, {}, [[]], [a | b], [1, 2 | 3], {[]},
         'hello', unicode_atom(), '', lists:seq(1, 300), [256, 1, 2], {{{{}}}}, -1, 255, 256],
    MathArgs = [0, 1, -1, 2, 0.5, -0.5, 0.0, -0.0, 3.7, -2.25, 10, 100, 710, 1.0e-300, 1.0e300,
                1 bsl 70, 1 bsl 1100, 3.141592653589793],
    [{erlang, is_atom, [[a]]}, {erlang, is_binary, [[<<>>]]}, {erlang, is_bitstring, [[<<>>]]},
     {erlang, is_boolean, [[true]]}, {erlang, is_float, [[1.0]]}, {erlang, is_function, [[a]]},
     {erlang, is_integer, [[1]]}, {erlang, is_list, [[[]]]}, {erlang, is_map, [[#{}]]},
     {erlang, is_number, [[1]]}, {erlang, is_pid, [[a]]}, {erlang, is_port, [[a]]},
     {erlang, is_reference, [[a]]}, {erlang, is_tuple, [[{}]]},
     {erlang, is_function, [[fun erlang:abs/1, 1], [fun erlang:abs/1, 2], [fun erlang:abs/1, -1],
                            [fun erlang:abs/1, 1 bsl 70], [fun erlang:abs/1, 0]]},
     {erlang, is_record, [[{r, 1}, r], [{r}, r], [{}, r], [{x, 1}, r]]},
     {erlang, is_record, [[{r, 1}, r, 2], [{r, 1}, r, 1], [{r}, r, 1], [{}, r, 0], [{r, 1}, r, -1],
                          [{r, 1}, r, 1 bsl 70]]},
     {erlang, element, [[1, {a, b}], [2, {a, b}], [3, {a, b}], [0, {a, b}], [-1, {a, b}]]},
     {erlang, setelement, [[1, {a, b}, c], [2, {a, b}, c], [3, {a, b}, c], [0, {a, b}, c]]},
     {erlang, tuple_size, [[{a, b}], [{}]]},
     {erlang, size, [[{a, b}], [<<1, 2, 3>>], [<<1:3>>], [<<1, 2, 1:3>>]]},
     {erlang, make_tuple, [[3, a], [0, a], [16777216, a], [-1, a]]},
     {erlang, make_tuple, [[3, a, [{1, x}, {3, y}]], [3, a, [{4, x}]], [3, a, [{1, x} | y]],
                           [3, a, [x]], [2, a, [{1, x}, {1, y}]], [2, a, [{0, x}]], [2, a, [{1, x, y}]],
                           [0, a, []]]},
     {erlang, append_element, [[{a}, b], [{}, b]]},
     {erlang, list_to_tuple, [[[a, b]], [[]]]},
     {erlang, tuple_to_list, [[{a, b}], [{}]]},
     {erlang, length, [[[1, 2, 3]], [[]], [[1, 2 | 3]]]},
     {erlang, hd, [[[1, 2]], [[1 | 2]]]},
     {erlang, tl, [[[1, 2]], [[1 | 2]]]},
     {erlang, '++', [[[1, 2], [3]], [[], x], [[1], x], [[1 | 2], [3]], [[1, 2], [3 | 4]], ["ab", <<"c">>]]},
     {erlang, '--', [[[1, 2, 3, 2, 1], [2, 1]], [[a, 1, 1.0, b, 1], [1.0, 1]], [[1, 2], [3 | 4]],
                     [[1 | 2], [1]], [[1, 2, 3], []], [[], [1]], [[{a}, {a}, "x"], [{a}, "x", "y"]]]},
     {erlang, abs, [[-5], [-1.5], [-(1 bsl 70)], [1 bsl 70], [0], [-0.0]]},
     {erlang, float, [[3], [1 bsl 70], [1 bsl 1100], [-3], [2.5]]},
     {erlang, min, [[1, 2], [2, 1], [1, 1.0], [1.0, 1], [a, 1], [[], {}]]},
     {erlang, max, [[1, 2], [2, 1], [1, 1.0], [1.0, 1], [a, 1], [[], {}]]},
     {erlang, trunc, [[1.5], [-1.5], [2.5], [1.0e20], [7], [-0.5], [1.0e300]]},
     {erlang, round, [[1.5], [-1.5], [2.5], [-2.5], [0.49999999999999994], [1.0e20], [7], [-0.5]]},
     {erlang, floor, [[1.5], [-1.5], [2.0], [1.0e20], [7], [-0.5]]},
     {erlang, ceil, [[1.5], [-1.5], [2.0], [1.0e20], [7], [-0.5]]},
     {erlang, integer_to_list, [[123], [-(1 bsl 70)], [0]]},
     {erlang, integer_to_list, [[255, 16], [-255, 2], [35, 36], [1, 37], [1, 1], [1 bsl 70, 36], [10, 10]]},
     {erlang, integer_to_binary, [[123], [-(1 bsl 70)], [0]]},
     {erlang, integer_to_binary, [[255, 16], [-255, 2], [35, 36], [1, 37], [1, 1], [1 bsl 70, 36]]},
     {erlang, list_to_integer, [["123"], ["-0"], ["+12"], [""], ["+"], ["-"], ["12a"], [" 1"], ["1 "],
                                ["123456789012345678901234567890"], ["1_000"], ["0012"], [[$1, 256]]]},
     {erlang, list_to_integer, [["ff", 16], ["FF", 16], ["z", 36], ["12", 2], ["1", 37], ["-1010", 2],
                                ["1", 1], ["zzzzzzzzzzzzzzzzzzzz", 36], ["g", 16]]},
     {erlang, binary_to_integer, [[<<"123">>], [<<"-0">>], [<<"+12">>], [<<>>], [<<"12a">>], [<<" 1">>],
                                  [<<"123456789012345678901234567890">>], [<<"1_000">>]]},
     {erlang, binary_to_integer, [[<<"ff">>, 16], [<<"FF">>, 16], [<<"z">>, 36], [<<"12">>, 2],
                                  [<<"1">>, 37], [<<"-1010">>, 2]]},
     {erlang, float_to_list, [[F] || F <- Floats]},
     {erlang, float_to_list, [[1.5, []] | [[F, O] || F <- Floats ++ [0.125, 2.675, 9.995, 0.5, 1.0e20, -0.001, -0.0, 1.0e100], O <- FloatOpts]]},
     {erlang, float_to_binary, [[F] || F <- Floats]},
     {erlang, float_to_binary, [[1.5, []] | [[F, O] || F <- [1.5, 0.125, -0.0, 1.0e20], O <- FloatOpts]]},
     {erlang, list_to_float, [["1.5"], ["1"], ["1.5e3"], ["-1.5E-3"], ["+1.5"], [".5"], ["1."], ["1.5e"],
                              ["1e5"], ["1.5 "], [" 1.5"], ["1.0e400"], ["1.0e-400"], ["1.5e+3"], ["1,5"], ["0.0"]]},
     {erlang, binary_to_float, [[<<"1.5">>], [<<"1">>], [<<"1.5e3">>], [<<"-1.5E-3">>], [<<"+1.5">>],
                                [<<".5">>], [<<"1.0e400">>], [<<"1.5 ">>]]},
     {erlang, atom_to_list, [[a], [unicode_atom()], ['']]},
     {erlang, list_to_atom, [["abc"], [[1114111]], [[1114112]], [[16#D800]], [Long], [[$a | Long]],
                             [[-1]], [[]], [[$a | b]]]},
     {erlang, list_to_existing_atom, [["ok"], ["no_such_atom_ferl_zq"], [[1114112]]], NoAtomMaking},
     {erlang, atom_to_binary, [[a], [unicode_atom()]]},
     {erlang, atom_to_binary, [[a, latin1], [a, utf8], [a, unicode], [a, foo], [unicode_atom(), latin1],
                               [list_to_atom([233]), latin1], [unicode_atom(), utf8]]},
     {erlang, binary_to_atom, [[<<"abc">>], [<<195, 169>>], [<<233>>], [list_to_binary(Long)],
                               [list_to_binary([$a | Long])]]},
     {erlang, binary_to_atom, [[<<"abc">>, latin1], [<<233>>, latin1], [<<233>>, utf8], [<<195, 169>>, utf8],
                               [<<195, 169>>, unicode], [<<"x">>, foo], [list_to_binary([$a | Long]), latin1]]},
     {erlang, binary_to_existing_atom, [[<<"ok">>], [<<"no_such_atom_ferl_zq">>], [<<233>>]], NoAtomMaking},
     {erlang, binary_to_existing_atom, [[<<"ok">>, latin1], [<<"ok">>, foo], [<<"no_such_atom_ferl_zq">>, utf8]],
      NoAtomMaking},
     {erlang, list_to_binary, [[[1, 2, <<3>>, [4] | <<5>>]], [[256]], [[-1]], [[[<<1:3>>]]], [[1 | 2]], [[]],
                               [[[], [[]], <<>>]], [[a]]]},
     {erlang, iolist_to_binary, [[<<1, 2>>], [[1, <<2>>]], [[1 | <<2>>]], [[1 | 2]], [[256]]]},
     {erlang, iolist_size, [[<<1, 2>>], [[1, <<2>>, [3, 4]]], [[1 | <<2>>]], [[1 | 2]], [[256]]]},
     {erlang, list_to_bitstring, [[[<<1:3>>, <<1:5>>, 2]], [[1 | <<1:1>>]], [[a]], [[<<1:1>>, 255]], [[]]]},
     {erlang, binary_to_list, [[<<1, 2, 3>>], [<<>>]]},
     {erlang, binary_to_list, [[<<1, 2, 3>>, 1, 2], [<<1, 2, 3>>, 2, 2], [<<1, 2, 3>>, 0, 1],
                               [<<1, 2, 3>>, 2, 1], [<<1, 2, 3>>, 3, 4], [<<1, 2, 3>>, 1, 3]]},
     {erlang, bitstring_to_list, [[<<1, 2, 3:3>>], [<<1, 2>>], [<<>>]]},
     {erlang, binary_part, [[<<1, 2, 3>>, {1, 2}], [<<1, 2, 3>>, {3, -2}], [<<1, 2, 3>>, {0, 4}],
                            [<<1, 2, 3>>, {3, 0}], [<<1, 2, 3>>, {1, -2}], [<<1:3>>, {0, 0}],
                            [<<1, 2, 3>>, {1}], [<<1, 2, 3>>, {4, -1}]]},
     {erlang, binary_part, [[<<1, 2, 3>>, 1, 2], [<<1, 2, 3>>, 3, -2], [<<1, 2, 3>>, 0, 4],
                            [<<1, 2, 3>>, 3, 0], [<<1, 2, 3>>, 1, -2], [<<1:3>>, 0, 0]]},
     {erlang, split_binary, [[<<1, 2, 3>>, 1], [<<1, 2, 3>>, 0], [<<1, 2, 3>>, 3], [<<1, 2, 3>>, 4],
                             [<<1, 2, 3>>, -1], [<<1:3>>, 0]]},
     {erlang, byte_size, [[<<1, 2>>], [<<1:3>>], [<<1, 2, 3:4>>]]},
     {erlang, bit_size, [[<<1, 2>>], [<<1:3>>], [<<1, 2, 3:4>>]]},
     {erlang, term_to_binary, [[T], [<<1:3>>], [fun erlang:abs/1]], [{skip, [pid()]}]},
     {erlang, term_to_binary, [[T, []], [T, [compressed]], [T, [{compressed, 9}]], [T, [{compressed, 10}]],
                               [T, [{minor_version, 1}]], [T, [{minor_version, 3}]], [T, [{minor_version, 0}]],
                               [T, [{minor_version, 2}]], [T, [{compressed, 0}]], [T, [deterministic]],
                               [T, [foo]], [T, foo], [T, [compressed | x]]], [{skip, [pid()]}]},
     {erlang, binary_to_term, [[Bin], [<<131, 97>>], [<<131, 97, 1, 0>>], [<<1, 2>>], [<<>>]]},
     {erlang, binary_to_term, [[Bin, [used]], [Bin, [safe]], [Bin, [foo]], [Bin, [used | x]],
                               [<<131, 97, 1, 0>>, [used]], [Bin, []]]},
     {erlang, phash2, [[X] || X <- PhashTerms]},
     {erlang, phash2, [[{a, b}, 7] | [[X, R] || X <- [a, {a, b}, "abc", 1 bsl 80],
                                               R <- [1, 0, 1 bsl 32, (1 bsl 32) + 1, 7, 1000, -1]]]},
     {erlang, phash, [[{a, b}, 7] | [[X, R] || X <- [X1 || X1 <- PhashTerms, not is_map(X1)] ++ [[1 | 2], 1 bsl 32],
                                              R <- [1, 7, 16, 1 bsl 32, (1 bsl 32) + 1, 0, -1]]],
      [{skip, [#{a => 1}, pid(), fun erlang:abs/1]}, {skip_if, fun erlang:is_reference/1}]},
     {binary, first, [[<<1, 2>>], [<<>>], [<<1:3>>]]},
     {binary, last, [[<<1, 2>>], [<<>>], [<<1, 2, 3:4>>]]},
     {binary, at, [[<<1, 2>>, 0], [<<1, 2>>, 1], [<<1, 2>>, 2], [<<1, 2>>, -1], [<<>>, 0]]},
     {binary, part, [[<<1, 2, 3>>, {1, 2}], [<<1, 2, 3>>, {3, -2}], [<<1, 2, 3>>, {0, 4}], [<<1, 2, 3>>, {3, 0}],
                     [<<1, 2, 3>>, {1}], [<<1:3>>, {0, 0}]]},
     {binary, part, [[<<1, 2, 3>>, 1, 2], [<<1, 2, 3>>, 3, -2], [<<1, 2, 3>>, 0, 4], [<<1, 2, 3>>, 2, -3]]},
     {binary, bin_to_list, [[<<1, 2, 3>>], [<<>>], [<<1:3>>]]},
     {binary, bin_to_list, [[<<1, 2, 3>>, {1, 2}], [<<1, 2, 3>>, {3, -3}], [<<1, 2, 3>>, {2, 2}]]},
     {binary, bin_to_list, [[<<1, 2, 3>>, 1, 2], [<<1, 2, 3>>, 3, -1], [<<1, 2, 3>>, 4, 0], [<<1, 2, 3>>, 4, -1]]},
     {binary, list_to_bin, [[[1, <<2>>, [3]]], [[]], [[256]], [<<1>>], [[1 | <<2>>]]]},
     {binary, copy, [[<<1, 2>>], [<<>>]]},
     {binary, copy, [[<<1, 2>>, 3], [<<1, 2>>, 0], [<<>>, 5], [<<1, 2>>, -1]]},
     {binary, encode_unsigned, [[0], [255], [256], [1 bsl 64], [(1 bsl 100) + 7], [-1]]},
     {binary, encode_unsigned, [[0, big], [258, little], [1 bsl 70, little], [258, middle], [-5, big]]},
     {binary, decode_unsigned, [[<<1, 2>>], [<<>>], [<<0, 0, 1>>], [binary:copy(<<255>>, 20)]]},
     {binary, decode_unsigned, [[<<1, 2>>, little], [<<1, 2>>, big], [<<>>, little], [<<1, 2>>, x]]},
     {binary, longest_common_prefix, [[[<<"abc">>, <<"abd">>]], [[<<"abc">>]], [[]], [[<<"a">>, <<>>]],
                                      [[<<"abc">>, <<"abcd">>, <<"ab">>]], [[<<"x">>, a]], [[<<"ab">> | <<"a">>]]]},
     {binary, longest_common_suffix, [[[<<"abc">>, <<"xbc">>]], [[<<"abc">>]], [[]], [[<<"a">>, <<>>]],
                                      [[<<"abc">>, <<"zabc">>, <<"c">>]], [[<<"x">>, 1]]]},
     {binary, referenced_byte_size, [[<<1, 2, 3>>], [<<>>], [binary:part(binary:copy(<<1>>, 100), 3, 5)]]},
     {binary, match, [[<<"abcabc">>, <<"bc">>], [<<"abcabc">>, [<<"c">>, <<"bc">>]], [<<"abc">>, <<"x">>],
                      [<<"abc">>, <<>>], [<<"abc">>, []], [<<"abc">>, [<<"a">>, <<>>]], [<<>>, <<"a">>],
                      [<<"abab">>, [<<"a">>, <<"ab">>, <<"b">>]]]},
     {binary, match, [[<<"abcabc">>, <<"bc">>, []], [<<"abcabc">>, <<"bc">>, [{scope, {2, 4}}]],
                      [<<"abcabc">>, <<"bc">>, [{scope, {6, -3}}]], [<<"abcabc">>, <<"bc">>, [{scope, {2, 5}}]],
                      [<<"abcabc">>, <<"bc">>, [{scope, {1, 2}}]], [<<"abc">>, <<"a">>, [foo]],
                      [<<"abc">>, <<"a">>, [{scope, 1}]], [<<"abc">>, <<"a">>, {scope, {0, 1}}]]},
     {binary, matches, [[<<"abcabc">>, <<"bc">>], [<<"aaaa">>, <<"aa">>], [<<"abcabc">>, [<<"a">>, <<"abc">>, <<"c">>]],
                        [<<"abc">>, <<>>], [<<"abc">>, <<"x">>]]},
     {binary, matches, [[<<"abcabc">>, <<"bc">>, []], [<<"abcabc">>, <<"bc">>, [{scope, {2, 4}}]],
                        [<<"abcabc">>, [<<"b">>, <<"c">>], [{scope, {6, -5}}]], [<<"abc">>, <<"a">>, [x]]]},
     {erlang, universaltime, [[]], [any]},
     {erlang, localtime, [[]], [any]},
     {erlang, date, [[]], [any]},
     {erlang, time, [[]], [any]},
     {erlang, universaltime_to_localtime, [[{{2020, 1, 1}, {0, 0, 0}}], [{{2020, 2, 30}, {0, 0, 0}}],
                                          [{{2020, 1, 1}, {24, 0, 0}}], [{2020, 1, 1}], [{{-1, 1, 1}, {0, 0, 0}}]], [any]},
     {erlang, localtime_to_universaltime, [[{{2020, 6, 1}, {12, 0, 0}}], [{{2020, 13, 1}, {0, 0, 0}}],
                                           [{{2020, 1, 1}, {0, 60, 0}}]], [any]},
     {erlang, localtime_to_universaltime, [[{{2020, 6, 1}, {12, 0, 0}}, false], [{{2020, 6, 1}, {12, 0, 0}}, true],
                                           [{{2020, 6, 1}, {12, 0, 0}}, undefined], [{{2020, 6, 1}, {12, 0, 0}}, maybe],
                                           [{{2020, 6, 31}, {12, 0, 0}}, true]], [any]},
     {erlang, node, [[]]},
     {erlang, node, [[pid()], [make_ref()], [a]]},
     {erlang, monotonic_time, [[]], [any]},
     {erlang, monotonic_time, [[second], [millisecond], [native], [perf_counter], [3], [seconds]], [any]},
     {erlang, system_time, [[]], [any]},
     {erlang, system_time, [[second], [nanosecond], [1000], [micro_seconds]], [any]},
     {os, system_time, [[]], [any]},
     {os, system_time, [[second], [nanosecond], [1000]], [any]},
     {erlang, timestamp, [[]], [any]},
     {erlang, map_size, [[#{}], [#{a => 1, b => 2}]]},
     {erlang, map_get, [[a, #{a => 1}], [b, #{a => 1}], [1.0, #{1 => x}]]},
     {erlang, is_map_key, [[a, #{a => 1}], [b, #{a => 1}], [1, #{1.0 => x}]]},
     {maps, get, [[a, #{a => 1}], [b, #{a => 1}]]},
     {maps, get, [[a, #{a => 1}, d], [b, #{a => 1}, d]]},
     {maps, find, [[a, #{a => 1}], [b, #{a => 1}]]},
     {maps, is_key, [[a, #{a => 1}], [b, #{a => 1}]]},
     {maps, put, [[a, 2, #{a => 1}], [b, 2, #{a => 1}], [a, 1, #{a => 1}]]},
     {maps, update, [[a, 2, #{a => 1}], [b, 2, #{a => 1}]]},
     {maps, remove, [[a, #{a => 1}], [b, #{a => 1}]]},
     {maps, take, [[a, #{a => 1}], [b, #{a => 1}]]},
     {maps, keys, [[#{a => 1, 1 => 2, 1.0 => 3, [] => 4, {x} => 5}]]},
     {maps, values, [[#{a => 1, 1 => 2, 1.0 => 3, [] => 4, {x} => 5}]]},
     {maps, to_list, [[#{a => 1, 1 => 2, 1.0 => 3, [] => 4, {x} => 5}], [#{}]]},
     {maps, from_list, [[[{a, 1}, {b, 2}, {a, 3}]], [[]], [[{a, 1} | x]], [[{a, 1, 2}]]]},
     {maps, from_keys, [[[a, b, a], 1], [[], 1], [[a | b], 1]]},
     {maps, merge, [[#{a => 1, b => 2}, #{b => 3, c => 4}], [#{}, #{a => 1}], [#{a => 1}, #{}]]},
     {maps, new, [[]]},
     {maps, size, [[#{a => 1}]]},
     {math, pi, [[]]}] ++
    [{math, F, [[X] || X <- MathArgs]} || F <- [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh,
                                               acosh, atanh, exp, log, log2, log10, sqrt, erf, erfc,
                                               floor, ceil]] ++
    [{math, F, [[X, Y] || X <- MathArgs, Y <- MathArgs]} || F <- [atan2, pow, fmod]] ++
    [{erlang, error, [[foo]]},
     {erlang, error, [[foo, [1]], [foo, bar]]},
     {erlang, error, [[foo, [1], []], [foo, [1], bar]]},
     {erlang, exit, [[foo]]},
     {erlang, throw, [[foo]]},
     {erlang, raise, [[error, foo, []], [throw, foo, []], [exit, foo, []], [bad, foo, []], [error, foo, [a]],
                      [error, foo, [{m, f, 1}]], [error, foo, [{m, f, 1, []}]], [error, foo, [{m, f, [1], []} | t]],
                      [error, foo, [{fun erlang:abs/1, [1]}]], [error, foo, x], [error, foo, [{m, f}]],
                      [error, foo, [{1, f, 1, []}]]]}].
