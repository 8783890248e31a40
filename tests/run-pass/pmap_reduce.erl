%% Seed ("Erlang 101", parallel map and reduce; fan-out/fan-in): a parallel map with one
%% process per element, results gathered in order by selective receive on references, and
%% a parallel reduce over chunks.
-module(pmap_reduce).
-export([main/1]).

pmap(F, L) ->
    Parent = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn(fun() -> Parent ! {Ref, F(X)} end),
                Ref
            end || X <- L],
    [receive {Ref, V} -> V end || Ref <- Refs].

chunks([], _) -> [];
chunks(L, N) when length(L) =< N -> [L];
chunks(L, N) ->
    {A, B} = split(N, L, []),
    [A | chunks(B, N)].

split(0, L, Acc) -> {lists:reverse(Acc), L};
split(N, [H | T], Acc) -> split(N - 1, T, [H | Acc]).

preduce(F, Acc0, L, ChunkSize) ->
    Partials = pmap(fun(Chunk) -> lists:foldl(F, Acc0, Chunk) end, chunks(L, ChunkSize)),
    lists:foldl(F, Acc0, Partials).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

main(_) ->
    io:format("~p~n", [pmap(fun(X) -> X * X end, lists:seq(1, 20))]),
    io:format("~p~n", [pmap(fun fib/1, lists:seq(15, 25))]),
    io:format("~p~n", [preduce(fun(X, A) -> X + A end, 0, lists:seq(1, 100000), 1000)]),
    io:format("~p~n", [preduce(fun erlang:max/2, 0, [X * 7 rem 1009 || X <- lists:seq(1, 5000)], 100)]),
    %% errors inside workers: caught in the worker and sent back as values
    Safe = fun(X) -> try 10 div X catch error:badarith -> infinity end end,
    io:format("~p~n", [pmap(Safe, [1, 2, 0, 5])]).
