%% term_to_binary/2 with compressed / {compressed, N} / {minor_version, N}, and
%% binary_to_term/1,2 of compressed data, with used and safe: the bytes must equal erl's.
-module(etf_compressed).
-export([main/1]).

terms() ->
    [abc, 1, [], "short", lists:duplicate(20, $a), lists:seq(1, 300),
     list_to_binary(lists:duplicate(1000, 7)), <<1, 2, 3>>,
     {tuple, lists:seq(1, 50), <<"binary data binary data binary data">>},
     [{I, float(I), integer_to_list(I)} || I <- lists:seq(1, 100)],
     #{a => lists:seq(1, 40), b => <<0:800>>},
     maps:from_list([{I, I * I} || I <- lists:seq(1, 60)]),
     1 bsl 1000, -(1 bsl 300), 3.14159, [1.0e300, -2.5e-300, 0.1],
     list_to_atom(lists:duplicate(200, $x)),
     'unicode_\x{3b1}\x{3b2}'].

t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    lists:foreach(
      fun(T) ->
              U = term_to_binary(T),
              Cs = [term_to_binary(T, [compressed])
                    | [term_to_binary(T, [{compressed, L}]) || L <- [0, 1, 5, 9]]],
              io:format("~w ~w ~w~n", [byte_size(U), [byte_size(C) || C <- Cs],
                                      erlang:phash2(Cs)]),
              io:format("  ~w~n", [binary:part(hd(Cs), 0, min(16, byte_size(hd(Cs))))]),
              [T = binary_to_term(C) || C <- Cs],
              {T, N} = binary_to_term(<<(hd(Cs))/binary, "trailing">>, [used]),
              io:format("  used ~w~n", [N =:= byte_size(hd(Cs))]),
              V0 = term_to_binary(T, [{minor_version, 0}]),
              V2 = term_to_binary(T, [{minor_version, 2}, compressed]),
              io:format("  minor ~w ~w~n", [erlang:phash2(V0), erlang:phash2(V2)]),
              T = binary_to_term(V0),
              T = binary_to_term(V2)
      end, terms()),
    io:format("~w~n", [term_to_binary([1.5, -0.0, 1.0e-10, 123456.789], [{minor_version, 0}])]),
    io:format("~w~n", [term_to_binary([abc, 'é'], [{minor_version, 2}])]),
    io:format("~w~n", [term_to_binary(lists:duplicate(30, $a), [{compressed, 0}])]),
    %% Bad options.
    [io:format("~p~n", [t(fun() -> term_to_binary(x, O) end)])
     || O <- [[{compressed, 10}], [{minor_version, 3}], [bad], bad, [compressed | x]]],
    %% Corrupt compressed data.
    C = term_to_binary(lists:duplicate(100, {5}), [compressed]),
    <<H:6/binary, Z/binary>> = C,
    io:format("~p~n", [t(fun() -> binary_to_term(<<H/binary, (binary:part(Z, 0, 10))/binary>>) end)]),
    <<131, 80, Sz:32, _/binary>> = C,
    io:format("~p~n", [t(fun() -> binary_to_term(<<131, 80, (Sz + 1):32, Z/binary>>) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(<<131, 80, (Sz - 1):32, Z/binary>>) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(<<131, 80, 0, 0>>) end)]),
    %% safe: existing atoms decode, new ones are refused (also inside other terms).
    io:format("~p~n", [t(fun() -> binary_to_term(term_to_binary({ok, [error]}), [safe]) end)]),
    New = <<131, 100, 0, 12, "qqzz_no_atom">>,
    io:format("~p~n", [t(fun() -> binary_to_term(New, [safe]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(<<131, 104, 2, 97, 1, 100, 0, 12, "qqzz_no_atom">>, [safe, used]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(New, [used]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(New, [safe]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(New, [bad]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(term_to_binary(x), [used | safe]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(<<131, 97, 1, 0, 0>>, [used]) end)]).
