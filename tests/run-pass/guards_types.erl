%% Every type-test guard BIF on a value of every type.
-module(guards_types).
-export([main/1]).

tests(X) ->
    [T || {T, true} <- [{atom, is_atom(X)}, {binary, is_binary(X)}, {bitstring, is_bitstring(X)},
                        {boolean, is_boolean(X)}, {float, is_float(X)}, {function, is_function(X)},
                        {function1, is_function(X, 1)}, {integer, is_integer(X)}, {list, is_list(X)},
                        {map, is_map(X)}, {number, is_number(X)}, {pid, is_pid(X)}, {port, is_port(X)},
                        {reference, is_reference(X)}, {tuple, is_tuple(X)}]].

guard(X) when is_atom(X) -> atom;
guard(X) when is_float(X) -> float;
guard(X) when is_integer(X) -> integer;
guard(X) when is_binary(X) -> binary;
guard(X) when is_bitstring(X) -> bitstring;
guard(X) when is_function(X, 0) -> fun0;
guard(X) when is_function(X) -> function;
guard(X) when is_list(X) -> list;
guard(X) when is_map(X) -> map;
guard(X) when is_pid(X) -> pid;
guard(X) when is_reference(X) -> reference;
guard(X) when is_tuple(X) -> tuple.

main(_) ->
    Values = [foo, true, <<1>>, <<1:3>>, 1.5, fun(A) -> A end, fun() -> ok end, 42,
              1 bsl 100, [1], [], #{}, self(), make_ref(), {a, b}, {}, fun lists:map/2],
    [io:format("~p~n", [{tests(V), guard(V)}]) || V <- Values].
