%% Guard combinators: ',' and ';', andalso/orelse (short-circuit), not, and/or/xor,
%% and exceptions inside guards failing the guard (or the ';' alternative).
-module(guards_logic).
-export([main/1]).

f(X) when is_integer(X), X > 0; is_atom(X) -> pos_or_atom;
f(_) -> other.

g(X) when is_list(X) andalso length(X) > 2 -> long_list;
g(X) when is_tuple(X) orelse is_map(X) -> container;
g(_) -> other.

%% the element/2 raises for a short tuple: that alternative fails, the next is tried
h(T) when element(3, T) == c; element(1, T) == a -> matched;
h(_) -> no.

%% an exception anywhere in an orelse fails the whole alternative
k(X) when hd(X) == 1 orelse true -> first;
k(_) -> second.

n(X) when not is_atom(X) -> not_atom;
n(_) -> atom.

b(X, Y) when X and Y -> both;
b(X, Y) when X or Y -> one;
b(X, Y) when X xor Y -> never;
b(_, _) -> neither.

t(X) when (X > 1) =:= true -> gt1;
t(_) -> le1.

bad_arith(X) when X + 1 > 0 -> positive;
bad_arith(_) -> guard_failed.

id(X) -> X.

main(_) ->
    io:format("~p~n", [[f(X) || X <- [1, -1, a, 1.0, "s"]]]),
    io:format("~p~n", [[g(X) || X <- [[1, 2, 3], [1], {}, #{}, 5]]]),
    io:format("~p~n", [[h(X) || X <- [{a}, {x, y, c}, {x, y}, {a, b, c}, notuple]]]),
    io:format("~p~n", [[k(X) || X <- [[1], [2], [], foo]]]),
    io:format("~p~n", [[n(X) || X <- [a, 1, "a"]]]),
    io:format("~p~n", [[b(X, Y) || X <- [true, false], Y <- [true, false]]]),
    io:format("~p~n", [[b(1, 2), b(true, 0)]]),
    io:format("~p~n", [[t(X) || X <- [0, 5]]]),
    io:format("~p~n", [[bad_arith(X) || X <- [1, -5, a, "x"]]]),
    %% andalso/orelse as expressions, and their non-boolean right side
    io:format("~p~n", [[true andalso 1, false andalso exit(no), true orelse exit(no), false orelse x]]),
    R = try 1 andalso true catch error:E -> E end,
    io:format("~p~n", [R]),
    %% if with guard sequences
    I = [if X > 10 -> big; X > 5, X < 8 -> mid; X == 1; X == 2 -> tiny; true -> other end
         || X <- [11, 6, 1, 2, 9]],
    io:format("~p~n", [I]),
    One = id(1),
    IfErr = try if One > 2 -> a end catch error:E2 -> E2 end,
    io:format("~p~n", [IfErr]).
