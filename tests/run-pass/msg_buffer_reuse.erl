%% Received messages whose parts a process keeps while it waits for more (in its state,
%% its dictionary, sub-binaries, off-heap binaries), next to processes that drop what
%% they receive: the receiver's message buffers may be freed and reused for later
%% messages only when nothing refers to them.
-module(msg_buffer_reuse).
-export([main/1]).

main(_) ->
    Self = self(),
    K = spawn(fun() -> keeper([]) end),
    Big = list_to_binary(lists:seq(1, 200)),
    Msgs = [{keep, I, [I, {I * 2}, <<I:16, "tail">>], lists:seq(1, I rem 40)}
            || I <- lists:seq(1, 300)]
        ++ [{bin, <<I:8, (binary:copy(<<"x">>, I))/binary>>} || I <- lists:seq(1, 100)]
        ++ [{big, I, Big} || I <- lists:seq(1, 20)],
    %% a round trip after every few messages, so the keeper waits between them
    lists:foldl(fun(M, I) ->
                        K ! M,
                        case I rem 3 of
                            0 -> K ! {sync, Self}, receive synced -> ok end;
                            _ -> ok
                        end,
                        I + 1
                end, 0, Msgs),
    K ! {dump, Self},
    receive {kept, Kept, Dict} ->
        io:format("kept ~p items, checksum ~p~n", [length(Kept), erlang:phash2(Kept)]),
        io:format("first ~p~nlast ~p~n", [hd(Kept), lists:last(Kept)]),
        io:format("dict ~p~n", [lists:sort(Dict)])
    end,
    %% a ring whose nodes forward a term built from parts of what they received
    N = 50,
    First = ring(N, Self),
    First ! {hop, 0, [], <<"start">>},
    receive {hop, Hops, Trail, Bin} ->
        io:format("ring ~p hops, trail ~p, ~p~n", [Hops, length(Trail), Bin])
    end,
    %% a forwarder that keeps only the last message's payload across waits
    F = spawn(fun() -> last_only(none) end),
    [F ! {v, I, {payload, lists:seq(1, I rem 7), <<I:32>>}} || I <- lists:seq(1, 500)],
    F ! {get, Self},
    receive {last, L} -> io:format("last ~p~n", [L]) end,
    %% parts kept only inside a fun and a map that the process keeps in its state
    H = spawn(fun() -> holder(fun() -> none end, #{}) end),
    lists:foreach(fun(I) ->
                          H ! {set, I, {val, [I, I + 1], <<"v", I:8>>}},
                          H ! {ping, Self},
                          receive pong -> ok end
                  end, lists:seq(1, 60)),
    H ! {get, Self},
    receive {got, V, M} -> io:format("fun ~p~nmap ~p~n", [V, M]) end,
    ok.

holder(F, M) ->
    receive
        {set, I, {val, L, B}} ->
            M1 = case I rem 20 of
                     0 -> M#{I => {L, B}};
                     _ -> M
                 end,
            holder(fun() -> {I, L, B} end, M1);
        {ping, From} ->
            From ! pong,
            holder(F, M);
        {get, From} ->
            From ! {got, F(), M}
    end.

keeper(Acc) ->
    receive
        {keep, I, Parts, L} ->
            [_, {Two}, <<V:16, T/binary>>] = Parts,
            case I rem 50 of
                0 -> put({k, I}, {Two, T, length(L)});
                _ -> ok
            end,
            keeper([{I, Two, V, T, L} | Acc]);
        {bin, <<H:8, Rest/binary>>} ->
            keeper([{bin, H, Rest} | Acc]);
        {big, I, B} ->
            <<_:100/binary, Mid:10/binary, _/binary>> = B,
            keeper([{big, I, Mid, byte_size(B)} | Acc]);
        {sync, From} ->
            From ! synced,
            keeper(Acc);
        {dump, From} ->
            From ! {kept, lists:reverse(Acc), get()}
    end.

ring(0, Main) -> Main;
ring(K, Main) ->
    Next = ring(K - 1, Main),
    spawn(fun() -> hop(Next) end).

hop(Next) ->
    receive
        {hop, H, Trail, <<B/binary>>} ->
            Next ! {hop, H + 1, [{H, byte_size(B)} | Trail], <<B/binary, (H rem 10 + $0)>>}
    end.

last_only(Last) ->
    receive
        {v, I, P} -> last_only({I, P});
        {get, From} -> From ! {last, Last}
    end.
