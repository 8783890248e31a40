%% The error terms of every runtime error, as BEAM builds them, caught with try:
%% badmatch, case_clause, if_clause, try_clause, function_clause, badarith, badarg,
%% undef, badfun, badarity, badkey, badmap, badrecord, bad_generator, system_limit.
-module(runtime_error_terms).
-export([main/1]).

-record(r, {a}).

id(X) -> X.

f(1) -> one.

show(F) ->
    try F() of V -> {ok, V}
    catch
        %% (a local fun prints differently on every VM: show its arity instead)
        C:{badarity, {Fun, Args}} -> {C, {badarity, {erlang:fun_info(Fun, arity), Args}}};
        C:R -> {C, R}
    end.

main(_) ->
    Tests = [
        fun() -> {a, _} = id({b, c}) end,
        fun() -> case id(3) of 1 -> a; 2 -> b end end,
        fun() -> B = id(false), if B -> a end end,
        fun() -> try id(1) of 2 -> two catch _ -> c end end,
        fun() -> f(id(2)) end,
        fun() -> id(1) + id(a) end,
        fun() -> atom_to_list(id(1)) end,
        fun() -> (id(nomod)):nofun() end,
        fun() -> (id(not_fun))() end,
        fun() -> (id(fun(A) -> A end))() end,
        fun() -> #{a := V} = id(#{}), V end,
        fun() -> (id(#{}))#{a := 1} end,
        fun() -> (id(nomap))#{a => 1} end,
        fun() -> (id({x}))#r.a end,
        fun() -> [X || X <- id(nolist)] end,
        fun() -> list_to_atom(lists:duplicate(id(300), $x)) end,
        fun() -> erlang:error(custom) end,
        fun() -> exit(id(custom_exit)) end,
        fun() -> throw(id(custom_throw)) end,
        fun() -> <<(id(1.5)):8>> end,
        fun() -> element(id(5), {a}) end,
        fun() -> binary_to_list(id(<<1:3>>)) end
    ],
    [io:format("~p~n", [show(T)]) || T <- Tests].
