%% The preprocessor: macros with and without arguments, ?MODULE, ?LINE, ?FUNCTION_NAME,
%% ?FUNCTION_ARITY, ??Arg stringification, -ifdef/-ifndef/-else/-endif, -undef,
%% macros overloaded on arity, and macros expanding to patterns and guards.
-module(preprocessor).
-export([main/1]).

-define(PI, 3.14159).
-define(SQUARE(X), ((X) * (X))).
-define(MAX(A, B), (if A > B -> A; true -> B end)).
-define(SHOW(E), io:format("~s = ~p~n", [??E, E])).
-define(F(X), {one, X}).
-define(F(X, Y), {two, X, Y}).
-define(IS_SMALL(N), (is_integer(N) andalso N < 10)).
-define(POINT(X, Y), {point, X, Y}).
-define(DEBUG, true).

-ifdef(DEBUG).
-define(LOG(Msg), io:format("debug: ~s~n", [Msg])).
-else.
-define(LOG(Msg), ok).
-endif.

-ifndef(UNDEFINED_MACRO).
-define(DEFAULT, default_value).
-endif.

-undef(DEBUG).
-ifdef(DEBUG).
-define(AFTER_UNDEF, still_defined).
-else.
-define(AFTER_UNDEF, undefined_now).
-endif.

id(X) -> X.

where() -> {?MODULE, ?FUNCTION_NAME, ?FUNCTION_ARITY}.

small(N) when ?IS_SMALL(N) -> small;
small(_) -> not_small.

x_of(?POINT(X, _)) -> X.

main(_) ->
    io:format("~p~n", [?PI]),
    io:format("~p~n", [?SQUARE(3 + 1)]),
    Three = id(3),
    io:format("~p~n", [?MAX(Three, 7)]),
    ?SHOW(1 + 2 * 3),
    ?SHOW(lists:reverse([1, 2])),
    io:format("~p ~p~n", [?F(a), ?F(a, b)]),
    io:format("~p~n", [[small(N) || N <- [1, 20, a]]]),
    io:format("~p~n", [x_of(?POINT(4, 5))]),
    ?LOG("hello"),
    io:format("~p ~p~n", [?DEFAULT, ?AFTER_UNDEF]),
    io:format("~p~n", [where()]),
    L1 = ?LINE,
    L2 = ?LINE,
    io:format("~p~n", [L2 - L1]),
    io:format("~p~n", [?MODULE_STRING]).
