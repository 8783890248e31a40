%% Property check of atom BIFs (list_to_atom, atom_to_list, atom_to_binary/binary_to_atom in utf8 and latin1, list_to_existing_atom) and of ~w/~p quoting of generated atom names (letters, digits, symbols, reserved words, unicode).
-module(prop_erlang_atoms).
-export([main/1]).
-compile([nowarn_unused_function]).

lcg(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

r(S, N) -> (S bsr 8) rem N.

%% Len values G(State) over successive generator states; {List, NextState}.
gl(S, Len, G) -> gl(S, Len, G, []).
gl(S, 0, _, A) -> {lists:reverse(A), S};
gl(S, N, G, A) -> S1 = lcg(S), gl(S1, N - 1, G, [G(S1) | A]).

%% F(I, State) for I in 1..N, each case with its own state.
cases(N, S, F) -> cases(1, N, S, F).
cases(I, N, _, _) when I > N -> ok;
cases(I, N, S, F) -> S1 = lcg(S), F(I, S1), cases(I + 1, N, lcg(lcg(S1)), F).

t(F) -> try F() catch C:R -> {C, R} end.

%% A term of mixed type (numbers, atoms, tuples, lists, binaries).
term(S) ->
    case r(S, 8) of
        0 -> r(S bsr 3, 20);
        1 -> element(r(S bsr 5, 4) + 1, {a, b, c, d});
        2 -> r(S bsr 4, 10) / 4;
        3 -> {r(S bsr 6, 3)};
        4 -> [r(S bsr 7, 3)];
        5 -> -r(S bsr 2, 9);
        6 -> <<(r(S bsr 9, 3))>>;
        _ -> r(S bsr 3, 5) * 1.0
    end.

%% A float of varied magnitude and sign.
flt(S) ->
    M = (S bsr 3) rem 100000 / 1000,
    X = case r(S, 5) of 0 -> M; 1 -> -M; 2 -> M / 100; 3 -> M * 1000; _ -> -M / 10 end,
    X.

ch(S) -> element(r(S, 16) + 1, {$a, $z, $A, $Z, $_, $@, $0, $9, $\s, $', $\\, $., $-, 233, 955, $\n}).

main(_) ->
    cases(300, 563, fun(I, S) ->
        {Cs, S1} = gl(S, r(S, 5), fun ch/1),
        Name = case r(S1, 6) of 0 -> element(r(S1 bsr 3, 6) + 1, {"if", "end", "maybe", "else", "catch", "true"}); _ -> Cs end,
        A = list_to_atom(Name),
        io:format("~w ~w ~p ~w ~w ~w ~w~n", [I, A, A, atom_to_list(A) =:= Name, atom_to_binary(A), t(fun() -> atom_to_binary(A, latin1) end),
            binary_to_atom(atom_to_binary(A, utf8), utf8) =:= A])
    end),
    io:format("~w~n", [[t(fun() -> list_to_existing_atom(X) end) || X <- ["ok", "prop_surely_not_an_existing_atom_x", [256], a]]]),
    io:format("~w~n", [[t(fun() -> binary_to_atom(X, E) end) || X <- [<<"ab">>, <<233>>, <<195, 169>>, <<255>>], E <- [utf8, latin1]]]).
