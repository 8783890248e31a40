%% io_lib:format/3 with {chars_limit, N} and io_lib:write/2 with chars_limit:
%% generated terms and formats (~p ~P ~w ~W ~s ~ts, with and without field widths,
%% mixed with small control sequences) over limits 0..120, compared with OTP.
-module(io_lib_chars_limit).
-export([main/1]).

main(_) ->
    rand:seed(exsss, {7, 11, 13}),
    lists:foreach(fun(I) -> one(I) end, lists:seq(1, 420)),
    lists:foreach(fun(I) -> wr(I) end, lists:seq(1, 120)),
    fixed().

one(I) ->
    {Fmt, Args} = gen_format(),
    CL = pick([0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 80, 120, rand:uniform(200)]),
    R = try lists:flatten(io_lib:format(Fmt, Args, [{chars_limit, CL}]))
        catch C:E -> {C, E}
        end,
    io:format("~w ~w ~p~n", [I, CL, R]).

wr(I) ->
    T = gen_term(4),
    CL = rand:uniform(60) - 1,
    D = pick([-1, 1, 2, 3, 5]),
    R = lists:flatten(io_lib:write(T, [{chars_limit, CL}, {depth, D}])),
    io:format("w~w ~w ~w ~p~n", [I, CL, D, R]).

fixed() ->
    L = lists:seq(1, 40),
    S = lists:duplicate(30, $x),
    Cases = [{"~p", [L]}, {"~w", [L]}, {"~s", [S]}, {"~s", [list_to_binary(S)]},
             {"~s", [[S, <<"abc">>, $d]]}, {"~ts", [[16#3b1, 16#3b2 | S]]},
             {"~10s|", [S]}, {"~-10s|", [S]}, {"~5p", [L]}, {"~p ~p", [L, L]},
             {"~p~n~p", [{a, L}, #{k => L}]}, {"abc ~w def ~p", [L, {x, S}]},
             {"~P", [L, 5]}, {"~W", [L, 5]}, {"~p", [<<1, 2, 3, 4, 5, 6, 7, 8, 9, 10>>]},
             {"~p", [list_to_binary(S)]}, {"~p", [<<"abc", 200, 1, 2>>]},
             {"~tp", [<<"αβγδεζηθ"/utf8>>]}, {"~p", [S]}, {"~p", [[S, S]]},
             {"~p", [{S, S, S}]}, {"~i~p~c", [x, L, $z]}, {"~.3p", [L]},
             {"~p", [lists:seq(1, 200)]}, {"~p", [[{K, K * K} || K <- lists:seq(1, 30)]]}],
    [io:format("f~w ~p~n", [CL, catch lists:flatten(io_lib:format(F, A, [{chars_limit, CL}]))])
     || {F, A} <- Cases, CL <- [0, 3, 8, 20, 60]],
    io:format("~p~n", [try io_lib:format("~p", [x], [{chars_limit, foo}])
                       catch C:R -> {C, R}
                       end]),
    io:format("~s~n", [io_lib:format("~p", [L], [{chars_limit, -1}])]),
    io:format("~s~n", [io_lib:format("~p", [L], [])]).

pick(L) -> lists:nth(rand:uniform(length(L)), L).

gen_format() ->
    Parts = [begin
                 {P, PA} = pick([{"", []}, {"ab ", []}, {"x=", []}, {"\n", []}, {"\t", []},
                                 {"[~w] ", [small]}, {"~c", [$q]}, {"~3.3.0b ", [5]}]),
                 {F, A} = gen_directive(),
                 {P ++ F, PA ++ A}
             end || _ <- lists:seq(1, rand:uniform(3))],
    {lists:append([F || {F, _} <- Parts]), lists:append([A || {_, A} <- Parts])}.

gen_directive() ->
    T = gen_term(4),
    case rand:uniform(15) of
        1 -> {"~p", [T]};
        2 -> {"~w", [T]};
        3 -> {"~P", [T, rand:uniform(6)]};
        4 -> {"~W", [T, rand:uniform(6)]};
        5 -> {"~s", [gen_string()]};
        6 -> {"~ts", [gen_ustring()]};
        7 -> {"~20p", [T]};
        8 -> {"~12s", [gen_string()]};
        9 -> {"~-9s|", [gen_string()]};
        10 -> {"~s", [pick([abc, 'hello world'])]};
        11 -> {"~40p", [T]};
        12 -> {"~.10s", [gen_string()]};
        13 -> {"~tp", [T]};
        14 -> {"~lp", [T]};
        15 -> {"~tP", [[gen_ustring(), T], rand:uniform(5)]}
    end.

gen_string() ->
    S = [$a + rand:uniform(25) || _ <- lists:seq(1, rand:uniform(30))],
    case rand:uniform(3) of
        1 -> S;
        2 -> list_to_binary(S);
        3 -> [lists:sublist(S, 3), list_to_binary(S), $!]
    end.

gen_ustring() ->
    S = [pick([$a, $b, 16#e9, 16#3b1, 16#4e2d]) || _ <- lists:seq(1, rand:uniform(20))],
    case rand:uniform(2) of
        1 -> S;
        2 -> unicode:characters_to_binary(S)
    end.

gen_term(0) -> gen_leaf();
gen_term(D) ->
    case rand:uniform(9) of
        1 -> [gen_term(D - 1) || _ <- lists:seq(1, rand:uniform(6) - 1)];
        2 -> list_to_tuple([gen_term(D - 1) || _ <- lists:seq(1, rand:uniform(5))]);
        3 -> maps:from_list([{gen_leaf(), gen_term(D - 1)} || _ <- lists:seq(1, rand:uniform(4))]);
        4 -> {pick([ok, error, rec]), gen_term(D - 1), gen_term(D - 1)};
        5 -> [$a + rand:uniform(25) || _ <- lists:seq(1, rand:uniform(25))];
        6 -> list_to_binary([rand:uniform(255) || _ <- lists:seq(1, rand:uniform(12))]);
        7 -> list_to_binary([$a + rand:uniform(25) || _ <- lists:seq(1, rand:uniform(40))]);
        8 -> [gen_term(D - 1) | gen_leaf()];
        _ -> gen_leaf()
    end.

gen_leaf() ->
    case rand:uniform(8) of
        1 -> rand:uniform(1000);
        2 -> -rand:uniform(100000000000000000000);
        3 -> pick([a, foo, 'Quoted atom', true, []]);
        4 -> rand:uniform() * 100;
        5 -> <<>>;
        6 -> {};
        7 -> <<5:3>>;
        8 -> "str"
    end.
