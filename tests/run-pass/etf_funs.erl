%% Funs through the external term format: fun M:F/A (EXPORT_EXT, byte-identical with
%% erl and callable after decoding) and local funs with and without free variables
%% (NEW_FUN_EXT: ferl's bytes differ from BEAM's in Uniq/OldUniq/pid, so only the round
%% trip is compared), alone, nested, compressed, and decoded in another process.
-module(etf_funs).
-export([main/1, double/1]).

double(X) -> 2 * X.

rt(T) -> binary_to_term(term_to_binary(T)).

main(_) ->
    E = fun lists:reverse/1,
    io:format("~w~n", [term_to_binary(E)]),
    io:format("~w~n", [term_to_binary(fun ?MODULE:double/1)]),
    io:format("~w~n", [term_to_binary(fun erlang:abs/1, [{minor_version, 2}])]),
    E2 = rt(E),
    io:format("~p ~p ~p~n", [E2 =:= E, E2([1, 2, 3]), (rt(fun ?MODULE:double/1))(21)]),
    Lit = binary_to_term(<<131, 113, 100, 0, 5, "lists", 100, 0, 3, "map", 97, 2>>),
    io:format("~p ~p~n", [Lit, Lit(fun(X) -> X + 1 end, [1, 2])]),
    Undef = rt(fun no_such_module:f/0),
    io:format("~p~n", [try Undef() catch error:R -> R end]),
    io:format("~p~n", [try binary_to_term(<<131, 113, 100, 0, 1, "m", 100, 0, 1, "f", 106>>) catch error:R2 -> R2 end]),
    N = 10,
    Add = fun(X) -> X + N end,
    Zero = fun() -> zero end,
    Multi = fun(A, B) -> {A, B, N, Add(A)} end,
    io:format("~p ~p ~p~n", [(rt(Add))(5), (rt(Zero))(), (rt(Multi))(1, 2)]),
    io:format("~p ~p~n", [rt(Add) =:= Add, rt(Multi) =:= Multi]),
    Nested = rt([{Add, #{f => Zero}}, <<"x">>, [Multi | E]]),
    [{A1, #{f := Z1}}, _, [M1 | E1]] = Nested,
    io:format("~p ~p ~p ~p~n", [A1(1), Z1(), M1(3, 4), E1([a, b])]),
    C = term_to_binary(lists:duplicate(10, Add), [compressed]),
    io:format("~p~n", [[F(0) || F <- binary_to_term(C)]]),
    Self = self(),
    B = term_to_binary({Add, fun ?MODULE:double/1}),
    spawn(fun() -> {F1, F2} = binary_to_term(B), Self ! {done, F1(1), F2(2)} end),
    receive {done, X1, X2} -> io:format("~p ~p~n", [X1, X2]) end,
    io:format("~p~n", [(binary_to_term(term_to_binary(Add), [safe]))(1)]),
    {Dec, Used} = binary_to_term(<<(term_to_binary(Zero))/binary, 1, 2, 3>>, [used]),
    io:format("~p ~p~n", [Dec(), Used =:= byte_size(term_to_binary(Zero))]),
    io:format("~p~n", [is_function(rt(Add), 1)]).
