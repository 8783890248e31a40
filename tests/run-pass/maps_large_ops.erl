%% Maps of more than 32 keys (HAMTs, as on BEAM) built and taken apart every way:
%% put/update/remove in loops, merge, from_list, comprehensions and literals, with
%% integer, float, tuple, binary and list keys. Prints sizes, lookups, orders
%% (to_list/keys/values/iterators/fold, printing, erlang:display's tree), equality and
%% ordering of maps built in different orders, term_to_binary round trips, and big
%% maps sent between processes. (No atom/pid/ref/fun keys above 32: BEAM orders those
%% by VM-internal numbers.)
-module(maps_large_ops).
-export([main/1]).

keysets() ->
    [{ints, lists:seq(1, 300)},
     {negs, [-I * 37 || I <- lists:seq(1, 200)]},
     {bigs, [(1 bsl 70) + I * 7919 || I <- lists:seq(1, 100)]},
     {floats, [I / 8 || I <- lists:seq(1, 150)]},
     {tuples, [{I, I rem 7, <<I:8>>} || I <- lists:seq(1, 120)]},
     {binaries, [<<"key", (integer_to_binary(I))/binary>> || I <- lists:seq(1, 180)]},
     {lists, [[I, I + 1] || I <- lists:seq(1, 90)] ++ [integer_to_list(I) || I <- lists:seq(1, 90)]},
     {mixed, lists:append([[I, I + 0.5, {I}, <<I:16>>, [I]] || I <- lists:seq(1, 60)])}].

sum(L) -> erlang:phash2(L).

check(Name, Keys) ->
    Pairs = [{K, {v, K}} || K <- Keys],
    A = maps:from_list(Pairs),
    B = lists:foldl(fun({K, V}, M) -> M#{K => V} end, #{}, lists:reverse(Pairs)),
    C = lists:foldl(fun({K, V}, M) -> maps:put(K, V, M) end, #{}, Pairs),
    {L1, L2} = lists:split(length(Pairs) div 3, Pairs),
    D = maps:merge(maps:from_list(L2), maps:from_list(L1)),
    E = maps:from_list([{K, V} || {K, V} <- lists:reverse(Pairs) ++ Pairs]),
    Extra = [{{extra, I}, I} || I <- lists:seq(1, 40)],
    F = lists:foldl(fun({K, _}, M) -> maps:remove(K, M) end,
                    maps:from_list(Extra ++ Pairs), Extra),
    All = [A, B, C, D, E, F],
    io:format("~p: size ~w same ~w~n",
              [Name, map_size(A), [X =:= A andalso X == A andalso maps:to_list(X) =:= maps:to_list(A) || X <- All]]),
    io:format("  keys ~w values ~w list ~w~n",
              [sum(maps:keys(A)), sum(maps:values(A)), sum(maps:to_list(A))]),
    io:format("  first keys ~w~n", [lists:sublist(maps:keys(A), 6)]),
    It = iter(maps:next(maps:iterator(A))),
    Fold = maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], A),
    io:format("  iterator ~w fold ~w~n", [sum(It), Fold =:= maps:to_list(A)]),
    io:format("  gets ~w~n", [lists:all(fun({K, V}) -> maps:get(K, A) =:= V andalso maps:find(K, B) =:= {ok, V} andalso is_map_key(K, C) end, Pairs)]),
    Missing = [{nope}, 0.0, -1, <<>>, [a]],
    io:format("  missing ~w~n", [[maps:get(K, A, none) || K <- Missing]]),
    %% updates: every other key gets a new value, then half of the keys go
    U = lists:foldl(fun({K, _}, M) -> M#{K := new} end, A, everyother(Pairs)),
    io:format("  updated ~w ~w ~w~n", [map_size(U), sum(maps:to_list(U)), U =:= A]),
    R = lists:foldl(fun({K, _}, M) -> maps:remove(K, M) end, U, everyother(Pairs)),
    io:format("  removed ~w ~w ~w~n", [map_size(R), sum(maps:to_list(R)), R =:= maps:from_list(everyother(tl(Pairs)))]),
    Small = lists:foldl(fun({K, _}, M) -> maps:remove(K, M) end, A, lists:nthtail(30, Pairs)),
    io:format("  shrunk ~w ~w~n", [map_size(Small), maps:to_list(Small) =:= lists:sort(maps:to_list(Small))]),
    {T, _} = maps:take(element(1, hd(Pairs)), A),
    io:format("  take ~w~n", [T]),
    Bin = term_to_binary(A),
    io:format("  etf ~w ~w ~w~n", [byte_size(Bin), erlang:phash2(Bin), binary_to_term(Bin) =:= A]),
    io:format("  order ~w ~w ~w~n", [A < U, U < A, compare(A, maps:put(hd(Keys), {v, hd(Keys)}, R))]),
    A.

compare(X, Y) when X < Y -> lt;
compare(X, Y) when X > Y -> gt;
compare(_, _) -> eq.

everyother([X, _ | T]) -> [X | everyother(T)];
everyother(L) -> L.

iter(none) -> [];
iter({K, V, I}) -> [{K, V} | iter(maps:next(I))].

echo() ->
    receive
        {From, M} -> From ! {self(), maps:put(echoed, true, M), map_size(M)}, echo();
        stop -> ok
    end.

main(_) ->
    %% erlang:display shows BEAM's tree (done first: on BEAM its output is not ordered
    %% with io:format's)
    M40 = maps:from_list([{I * 3, I} || I <- lists:seq(1, 40)]),
    erlang:display(M40),
    erlang:display(lists:foldl(fun maps:remove/2, M40, [I * 3 || I <- lists:seq(1, 40, 5)])),
    erlang:display(M40#{1000 => x, 1.5 => y}),
    erlang:display(lit()),
    _ = [check(Name, Keys) || {Name, Keys} <- keysets()],
    %% a 40-key map printed in full, as ~w and ~p
    io:format("~w~n~p~n", [M40, maps:remove(9, M40)]),
    Lit = lit(),
    io:format("~w~n", [Lit]),
    io:format("~w ~w ~w~n", [maps:get(33, Lit), maps:get({7, 8}, Lit), Lit =:= maps:from_list(maps:to_list(Lit))]),
    lits().

%% a literal map of more than 32 keys
lit() ->
    #{1 => a, 2 => b, 3 => c, 4 => d, 5 => e, 6 => f, 7 => g, 8 => h, 9 => i, 10 => j,
            11 => k, 12 => l, 13 => m, 14 => n, 15 => o, 16 => p, 17 => q, 18 => r, 19 => s,
            20 => t, 21 => u, 22 => v, 23 => w, 24 => x, 25 => y, 26 => z, 27 => aa,
            28 => bb, 29 => cc, 30 => dd, 31 => ee, 32 => ff, 33 => gg, <<"bin">> => 34,
            {7, 8} => 35, [1, 2] => 36, 37.5 => float}.

lits() ->
    AtomLit = #{a1 => 1, a2 => 2, a3 => 3, a4 => 4, a5 => 5, a6 => 6, a7 => 7, a8 => 8, a9 => 9,
                a10 => 10, a11 => 11, a12 => 12, a13 => 13, a14 => 14, a15 => 15, a16 => 16,
                a17 => 17, a18 => 18, a19 => 19, a20 => 20, a21 => 21, a22 => 22, a23 => 23,
                a24 => 24, a25 => 25, a26 => 26, a27 => 27, a28 => 28, a29 => 29, a30 => 30,
                a31 => 31, a32 => 32, a33 => 33, a34 => 34},
    Built = maps:from_list([{list_to_atom("a" ++ integer_to_list(I)), I} || I <- lists:seq(1, 34)]),
    io:format("atoms ~w ~w ~w ~w~n", [map_size(AtomLit), maps:get(a34, AtomLit), AtomLit =:= Built,
                                     lists:sort(maps:to_list(AtomLit)) =:= lists:sort(maps:to_list(Built))]),
    %% nested large maps and maps as keys
    Maps = [maps:from_list([{K, {v, K}} || K <- Keys]) || {_, Keys} <- keysets()],
    Nested = maps:from_list([{I, M} || {I, M} <- lists:zip(lists:seq(1, length(Maps)), Maps)]),
    Keyed = maps:from_list([{maps:from_list([{J, J} || J <- lists:seq(1, I)]), I} || I <- lists:seq(30, 70)]),
    io:format("nested ~w keyed ~w ~w~n", [erlang:phash2(Nested), map_size(Keyed),
                                         maps:get(maps:from_list([{J, J} || J <- lists:seq(1, 50)]), Keyed)]),
    %% messages carrying big maps
    P = spawn(fun echo/0),
    Rs = [begin P ! {self(), M}, receive {P, M2, N} -> {N, maps:remove(echoed, M2) =:= M, maps:to_list(maps:remove(echoed, M2)) =:= maps:to_list(M)} end end
          || M <- [Nested, Keyed | Maps]],
    P ! stop,
    io:format("echo ~w~n", [Rs]),
    Self = self(),
    spawn(fun() -> Self ! {big, maps:from_list([{I, [I]} || I <- lists:seq(1, 5000)])} end),
    receive {big, Big} -> io:format("big ~w ~w ~w~n", [map_size(Big), maps:get(4321, Big), sum(maps:keys(Big))]) end.
