%% Stack traces as BEAM builds them: nested non-tail calls, tail calls dropping frames,
%% BIF entries, function_clause arguments, catch, rethrow, depth limit, comprehensions,
%% and traces carried out of spawned processes in exit reasons (seen in 'DOWN').
%% Lines are printed relative to base/0 (escript numbers lines from the second one).
-module(stacktrace).
-export([main/1]).

base() -> ?LINE.
id(X) -> X.

%% Only this module's entries and erlang's BIF entries; the escript's own frames
%% (escript, init) are dropped.
show(St) -> [entry(E) || E <- St, keep(E)].

keep({M, _, _, _}) -> M =:= ?MODULE orelse M =:= erlang.

entry({M, F, A, Loc}) when M =:= ?MODULE -> {name(F), A, rel(line(Loc)), file(Loc)};
entry({M, F, A, Loc}) -> {M, F, A, [K || {K, _} <- Loc]}.

%% Comprehension helpers are named differently by ferl ('-f/1-lc$^N-').
name(F) ->
    case lists:member($$, atom_to_list(F)) of
        true -> comprehension;
        false -> F
    end.

line(Loc) -> case [L || {line, L} <- Loc] of [L] -> L; [] -> none end.

file(Loc) ->
    case [F || {file, F} <- Loc] of
        [F] -> basename(F);
        [] -> none
    end.

basename(F) -> basename(F, F).
basename([], Acc) -> Acc;
basename([$/ | T], _) -> basename(T, T);
basename([_ | T], Acc) -> basename(T, Acc).

rel(none) -> none;
rel(L) -> L - base().

%% Non-tail calls: every caller is in the trace with the line of its call.
a(X) -> R = b(X), {a, R}.
b(X) -> R = c(X), {b, R}.
c(X) -> X + 1.

%% Tail calls: t1 and t2 are gone from the trace.
t1(X) -> t2(X).
t2(X) -> t3(X).
t3(X) -> [element(X, {})].

%% Deep recursion: the trace keeps 8 entries.
deep(0) -> case get(deep_result) of undefined -> error(bottom); X -> X end;
deep(N) -> 1 + deep(N - 1).

clause(one) -> 1.

rethrow(F) ->
    try F() catch error:R:St -> erlang:raise(error, {again, R}, St) end.

lc(L) -> [1 / X || X <- L].

report(Tag, F) ->
    try F() of
        V -> io:format("~p: ok ~p~n", [Tag, V])
    catch
        C:R:St -> io:format("~p: ~p:~p~n  ~p~n", [Tag, C, R, show(St)])
    end.

main(_) ->
    report(nested, fun() -> a(x) end),
    report(tail, fun() -> t1(3) end),
    report(deep, fun() -> deep(20) end),
    report(clause, fun() -> clause(id(two)) end),
    report(rethrow, fun() -> rethrow(fun() -> c(y) end) end),
    report(throw, fun() -> b(id(1)), throw(ball) end),
    report(lc, fun() -> lc([1, 2, 0]) end),
    report(raise_empty, fun() -> erlang:raise(throw, t, []) end),
    report(error2, fun() -> error(e, [x, y]) end),
    {'EXIT', {badarith, St}} = catch a(z),
    io:format("catch: ~p~n", [show(St)]),
    {'EXIT', {{badmatch, 2}, St2}} = (catch begin 1 = id(2) end),
    io:format("catch badmatch: ~p~n", [show(St2)]),
    caught = catch throw(caught),
    {'EXIT', bye} = catch exit(bye),
    %% Spawned processes: the trace goes out in the exit reason.
    {P1, M1} = spawn_monitor(fun() ->
        try a(q) catch error:R:S -> exit({R, S}) end
    end),
    receive {'DOWN', M1, process, P1, {Reason, Tr}} -> io:format("down: ~p ~p~n", [Reason, show(Tr)]) end,
    {P2, M2} = spawn_monitor(fun() ->
        try t1(7) catch error:R2:S2 -> exit({wrapped, R2, S2}) end
    end),
    receive {'DOWN', M2, process, P2, {wrapped, R3, Tr3}} -> io:format("down: ~p ~p~n", [R3, show(Tr3)]) end,
    ok.
