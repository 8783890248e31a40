-module(stdlib_binary).
-export([main/1]).

%% Property-style check of the binary module: 250 generated subjects and patterns (a
%% tiny LCG over a small alphabet, so matches are frequent) through match, matches,
%% split and replace with their options, and every other export; errors printed as
%% {Class, Reason}.

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

id(X) -> X.

run(F) -> try F() catch C:R -> {C, R} end.

p(T) -> io:format("~w~n", [T]).

gen(0, S, Acc) -> {list_to_binary(Acc), S};
gen(N, S, Acc) ->
    S1 = lcg(S),
    gen(N - 1, S1, [element((S1 div 64) rem 6 + 1, {$a, $b, $c, $,, 0, 255}) | Acc]).

cases(0, _, Acc) -> lists:reverse(Acc);
cases(N, S, Acc) ->
    S1 = lcg(S),
    {Sub, S2} = gen((S1 div 16) rem 14, S1, []),
    {P1, S3} = gen((S2 div 16) rem 3 + 1, S2, []),
    {P2, S4} = gen((S3 div 16) rem 2 + 1, S3, []),
    cases(N - 1, S4, [{Sub, P1, P2, S4} | Acc]).

main(_) ->
    lists:foreach(fun({Sub, P1, P2, S}) ->
        Size = byte_size(Sub),
        Start = S rem (Size + 1),
        Len = (S div 7) rem (Size - Start + 1),
        Scope = [{scope, {Start, Len}}],
        Back = [{scope, {Size, -((S div 11) rem (Size + 1))}}],
        Rep = binary:part(<<"XYZ">>, 0, S rem 4),
        p({Sub, P1, P2, Scope}),
        [p({I, run(F)}) || {I, F} <- lists:zip(lists:seq(1, 30), [
            fun() -> binary:match(Sub, P1) end,
            fun() -> binary:match(Sub, [P1, P2]) end,
            fun() -> binary:match(Sub, P1, Scope) end,
            fun() -> binary:match(Sub, [P2, P1], Back) end,
            fun() -> binary:matches(Sub, P1) end,
            fun() -> binary:matches(Sub, [P1, P2]) end,
            fun() -> binary:matches(Sub, [P1, P2], Scope) end,
            fun() -> binary:matches(Sub, binary:compile_pattern([P2, P1]), Back) end,
            fun() -> binary:split(Sub, P1) end,
            fun() -> binary:split(Sub, P1, [global]) end,
            fun() -> binary:split(Sub, [P1, P2], [global, trim]) end,
            fun() -> binary:split(Sub, P2, [global, trim_all]) end,
            fun() -> binary:split(Sub, P2, [trim | Scope]) end,
            fun() -> binary:split(Sub, binary:compile_pattern(P1), [global | Back]) end,
            fun() -> binary:replace(Sub, P1, Rep) end,
            fun() -> binary:replace(Sub, P1, Rep, [global]) end,
            fun() -> binary:replace(Sub, [P1, P2], Rep, [global, {insert_replaced, 1}]) end,
            fun() -> binary:replace(Sub, P2, Rep, [global, {insert_replaced, [0, byte_size(Rep)]} | Scope]) end,
            fun() -> binary:replace(Sub, P2, Rep, [{insert_replaced, 4}]) end,
            fun() -> {binary:longest_common_prefix([Sub, P1]), binary:longest_common_suffix([Sub, P2, Sub])} end,
            fun() -> binary:part(Sub, Start, Len) end,
            fun() -> binary:part(Sub, {Size, -Len}) end,
            fun() -> binary:bin_to_list(Sub, {Start, Len}) end,
            fun() -> binary:bin_to_list(Sub, Start, -Start) end,
            fun() -> {binary:first(Sub), binary:last(Sub), binary:at(Sub, Start)} end,
            fun() -> {binary:copy(P1, Start), binary:referenced_byte_size(binary:part(Sub, 0, Len))} end,
            fun() -> {binary:decode_unsigned(Sub), binary:decode_unsigned(Sub, little)} end,
            fun() -> binary:encode_unsigned(binary:decode_unsigned(P1, little), little) end,
            fun() -> {binary:encode_hex(Sub), binary:decode_hex(binary:encode_hex(Sub))} end,
            fun() -> binary:list_to_bin([Sub, [P1 | P2]]) end])]
    end, cases(250, 17, [])),
    [p(run(F)) || F <- [
        fun() -> binary:split(<<"abc">>, id(<<>>)) end, fun() -> binary:split(<<"abc">>, <<"b">>, id([foo])) end,
        fun() -> binary:split(id(abc), <<"b">>) end, fun() -> binary:replace(<<"abc">>, <<"b">>, id("x")) end,
        fun() -> binary:replace(<<"abc">>, <<"b">>, <<"x">>, [{insert_replaced, 2}]) end,
        fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, [2, 0, 1]}, global]) end,
        fun() -> binary:replace(<<"abc">>, id([]), <<"x">>) end,
        fun() -> binary:decode_hex(id(<<"abc">>)) end, fun() -> binary:decode_hex(id(<<"zz">>)) end,
        fun() -> binary:decode_hex(<<"aBcD">>) end, fun() -> binary:encode_hex(id(x)) end,
        fun() -> binary:encode_unsigned(1 bsl 80) end, fun() -> binary:decode_unsigned(binary:copy(<<255>>, 12)) end,
        fun() -> binary:split(<<",a,,b,">>, <<",">>, [global]) end,
        fun() -> binary:split(<<",a,,b,">>, <<",">>, [global, trim]) end,
        fun() -> binary:split(<<",a,,b,">>, <<",">>, [global, trim_all]) end,
        fun() -> binary:split(<<>>, <<",">>, [trim_all]) end, fun() -> binary:split(<<>>, <<",">>) end]],
    ok.
