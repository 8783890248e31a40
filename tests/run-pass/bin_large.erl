%% Large binaries: building a megabyte incrementally (appending to a binary in a loop),
%% sub-binaries sharing data, matching over large binaries, and binaries kept across
%% process boundaries.
-module(bin_large).
-export([main/1]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (N rem 256):8, "xyz">>).

count_x(<<$x, Rest/binary>>, N) -> count_x(Rest, N + 1);
count_x(<<_, Rest/binary>>, N) -> count_x(Rest, N);
count_x(<<>>, N) -> N.

chunks(<<C:1000/binary, Rest/binary>>) -> [C | chunks(Rest)];
chunks(<<>>) -> [];
chunks(Last) -> [Last].

main(_) ->
    B = build(25000, <<>>),
    io:format("~p~n", [byte_size(B)]),
    io:format("~p~n", [count_x(B, 0)]),
    Cs = chunks(B),
    io:format("~p ~p~n", [length(Cs), byte_size(lists:last(Cs))]),
    <<_:50000/binary, Mid:8/binary, _/binary>> = B,
    io:format("~w~n", [Mid]),
    io:format("~p~n", [erlang:phash2(B)]),
    Self = self(),
    spawn(fun() -> Self ! {size, byte_size(B), binary_part(B, 99992, 8)} end),
    receive {size, S, Tail} -> io:format("~p ~w~n", [S, Tail]) end,
    L = binary_to_list(B),
    io:format("~p~n", [length(L)]),
    io:format("~p~n", [list_to_binary(L) =:= B]).
