%% Every runtime error term BEAM raises, each caught and printed with the top stack-trace
%% entry (function, arity or arguments, line relative to the module's base line).
-module(runtime_errors).
-export([main/1]).

-record(r, {a = 1, b}).

base() -> ?LINE.
id(X) -> X.

f(1) -> one.
g(X) when is_integer(X) -> X.

top([{M, F, A, Loc} | _]) when M =:= ?MODULE ->
    {F, A, rel(proplists_line(Loc))};
top([{M, F, A, Loc} | _]) ->
    {M, F, A, [K || {K, _} <- Loc]}.

proplists_line([{line, L} | _]) -> L;
proplists_line([_ | T]) -> proplists_line(T);
proplists_line([]) -> none.

rel(none) -> none;
rel(L) -> L - base().

%% Funs print differently on each system.
simple({badarity, {F, Args}}) -> {badarity, {is_function(F, 1), Args}};
simple(R) -> R.

run(Tag, F) ->
    Out = try F() of
        V -> {ok, V}
    catch
        C:R:St -> {C, simple(R), top(St)}
    end,
    io:format("~p: ~p~n", [Tag, Out]).

main(_) ->
    run(badmatch, fun() -> {ok, _} = id({error, 1}) end),
    run(function_clause, fun() -> f(id(2)) end),
    run(function_clause_guard, fun() -> g(id(a)) end),
    run(case_clause, fun() -> case id(3) of 1 -> a end end),
    run(if_clause, fun() -> X = id(1), if X > 2 -> a end end),
    run(try_clause, fun() -> try id(3) of 1 -> a catch _ -> b end end),
    run(badarith_plus, fun() -> id(a) + 1 end),
    run(badarith_minus, fun() -> id(a) - 1 end),
    run(badarith_minus2, fun() -> 1 - id(a) end),
    run(badarith_plus2, fun() -> id(a) + id(b) end),
    run(badarith_neg, fun() -> - id(a) end),
    run(badarith_bsl, fun() -> id(a) bsl 1 end),
    run(badarith_times, fun() -> id(a) * 2 end),
    run(badarith_div, fun() -> 1 div id(0) end),
    run(badarith_rem, fun() -> 1 rem id(0) end),
    run(badarith_fdiv, fun() -> 1 / id(0) end),
    run(badarg_element, fun() -> element(id(5), {a}) end),
    run(badarg_hd, fun() -> hd(id([])) end),
    run(badarg_length, fun() -> length(id(a)) end),
    run(badarg_atom_to_list, fun() -> atom_to_list(id(1)) end),
    run(badarg_send, fun() -> id(a) ! x end),
    run(badarg_append, fun() -> id(a) ++ [1] end),
    run(undef_remote, fun() -> [lists:nope(id(1))] end),
    run(undef_tail, fun() -> nomod:nofun(id(1), 2) end),
    run(badfun, fun() -> F = id(1), [F(2)] end),
    run(badarity, fun() -> F = id(fun erlang:abs/1), [F(1, 2)] end),
    run(badkey, fun() -> M = id(#{a => 1}), [M#{b := 2}] end),
    run(badmap, fun() -> M = id(a), [M#{a := 1}] end),
    run(badrecord_field, fun() -> R = id({x, 1}), [R#r.a] end),
    run(badrecord_update, fun() -> R = id(nope), [R#r{b = 2}] end),
    run(error_args, fun() -> error(mine, [1, 2]) end),
    run(throw, fun() -> throw({ball, 1}) end),
    run(exit, fun() -> exit(bye) end),
    run(timeout_value, fun() -> receive after id(-1) -> ok end end),
    ok.
