%% eunit -- ferl's EUnit runner, written for ferl (not from OTP's source): runs the tests
%% of a module (found through ferl_eunit_tests/0, which the front-end hook adds to every
%% module that includes eunit/include/eunit.hrl; see compiler/driver/src/eunit.rs) or
%% any test representation, and prints EUnit's output: failure details and the summary
%% lines "  All N tests passed." (N > 2) / "  2 tests passed." / "  Test passed." /
%% "  There were no tests to run." /
%% "  Failed: F.  Skipped: 0.  Passed: P.".
%%
%% Supported representations: Module, {module, M}, fun/0, {Line, fun/0}, {M, F},
%% {test, M, F}, {generator, F}, {generator, M, F}, {Description, Tests}, lists,
%% {setup, S, I}, {setup, S, C, I}, {setup, Where, S, C, I}, {foreach, S, Is},
%% {foreach, S, C, Is}, {foreach, Where, S, C, Is}, {foreachx, S, Pairs},
%% {foreachx, S, C, Pairs}, {with, X, [fun/1]}, {timeout, T, Tests}, {inorder, Tests},
%% {inparallel, Tests}, {inparallel, N, Tests}, {spawn, Tests}.
%% Each test has a time limit (5 s, or {timeout, Seconds, Tests}).
%% Differences from OTP: the tests of a run execute one after the other in one process
%% (spawned for the run; inparallel is accepted but sequential; setup/cleanup have no
%% time limit); the output of tests is not captured; the stack traces of failures show
%% ferl's frames.
-module(eunit).
-export([test/1, test/2]).

-record(st, {verbose = false, pass = 0, fail = 0, cancel = false}).

test(Tests) -> test(Tests, []).

%% The tests run in a runner process; it reports each test's start (with its timeout)
%% and end to the caller, which kills it when a test overruns: the test is reported
%% "*timed out*" and the rest of the run is cancelled, as EUnit does.
test(Tests, Options) ->
    Verbose = lists:member(verbose, Options),
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Parent ! {self(), result, run(Tests, Verbose, Parent)} end),
    watch(Pid, Ref, #st{verbose = Verbose}, none).

watch(Pid, Ref, St, Running) ->
    Timeout = case Running of
                  none -> infinity;
                  {_, Limit} -> Limit
              end,
    receive
        {Pid, result, Result} ->
            receive {'DOWN', Ref, process, Pid, _} -> ok end,
            Result;
        {Pid, start, Name, Ms, St1} ->
            watch(Pid, Ref, St1, {Name, Ms});
        {Pid, done, St1} ->
            watch(Pid, Ref, St1, none);
        {'DOWN', Ref, process, Pid, Reason} ->
            io:format("*** the test process died: ~tp~n", [Reason]),
            summary(St#st{cancel = true})
    after Timeout ->
            exit(Pid, kill),
            receive {'DOWN', Ref, process, Pid, _} -> ok end,
            {Name, _} = Running,
            case St#st.verbose of
                true -> io:put_chars("*timed out*\n");
                false -> io:format("~ts...*timed out*~n", [Name])
            end,
            summary(St#st{cancel = true})
    end.

run(Tests, Verbose, Parent) ->
    case Verbose of
        true -> io:put_chars("======================== EUnit ========================\n");
        false -> ok
    end,
    St0 = #st{verbose = Verbose},
    St = try run_spec(Tests, [{watcher, Parent}], St0)
         catch throw:{ferl_eunit_cancel, S} -> S
         end,
    summary(St).

summary(#st{pass = P, fail = F, cancel = C, verbose = V}) ->
    case {F, C} of
        {0, false} ->
            case V of
                true -> io:put_chars("=======================================================\n");
                false -> ok
            end,
            case P of
                0 -> io:put_chars("  There were no tests to run.\n");
                1 -> io:put_chars("  Test passed.\n");
                2 -> io:put_chars("  2 tests passed.\n");
                _ -> io:format("  All ~w tests passed.~n", [P])
            end,
            ok;
        _ ->
            io:put_chars("=======================================================\n"),
            io:format("  Failed: ~w.  Skipped: 0.  Passed: ~w.~n", [F, P]),
            case C of
                true -> io:put_chars("One or more tests were cancelled.\n");
                false -> ok
            end,
            error
    end.

%% Ctx: a list of description parts for verbose output (unused otherwise).
run_spec(M, Ctx, St) when is_atom(M) ->
    run_module(M, Ctx, St);
run_spec({module, M}, Ctx, St) when is_atom(M) ->
    run_module(M, Ctx, St);
run_spec(L, Ctx, St) when is_list(L) ->
    case is_string(L) andalso L =/= [] of
        true -> erlang:error({bad_test, L});
        false -> lists:foldl(fun(T, S) -> run_spec(T, Ctx, S) end, St, L)
    end;
run_spec(F, Ctx, St) when is_function(F, 0) ->
    run_test(F, fun_name(F), Ctx, St);
run_spec({Line, F}, Ctx, St) when is_integer(Line), is_function(F, 0) ->
    run_test(F, line_name(Ctx, Line), Ctx, St);
run_spec({test, M, F}, Ctx, St) when is_atom(M), is_atom(F) ->
    run_test(fun() -> M:F() end, io_lib:format("~w: ~w", [M, F]), Ctx, St);
run_spec({generator, F}, Ctx, St) when is_function(F, 0) ->
    run_generator(F, "generator", Ctx, St);
run_spec({generator, M, F}, Ctx, St) when is_atom(M), is_atom(F) ->
    run_generator(fun() -> M:F() end, io_lib:format("~w:~w/0", [M, F]), Ctx, St);
run_spec({M, F}, Ctx, St) when is_atom(M), is_atom(F) ->
    run_test(fun() -> M:F() end, io_lib:format("~w: ~w", [M, F]), Ctx, St);
run_spec({setup, S, I}, Ctx, St) ->
    run_setup(S, fun(_) -> ok end, I, Ctx, St);
run_spec({setup, S, C, I}, Ctx, St) ->
    run_setup(S, C, I, Ctx, St);
run_spec({setup, _Where, S, C, I}, Ctx, St) ->
    run_setup(S, C, I, Ctx, St);
run_spec({foreach, S, Is}, Ctx, St) ->
    run_foreach(S, fun(_) -> ok end, Is, Ctx, St);
run_spec({foreach, S, C, Is}, Ctx, St) ->
    run_foreach(S, C, Is, Ctx, St);
run_spec({foreach, _Where, S, C, Is}, Ctx, St) ->
    run_foreach(S, C, Is, Ctx, St);
run_spec({foreachx, S, Pairs}, Ctx, St) ->
    run_foreachx(S, fun(_, _) -> ok end, Pairs, Ctx, St);
run_spec({foreachx, S, C, Pairs}, Ctx, St) ->
    run_foreachx(S, C, Pairs, Ctx, St);
run_spec({with, X, Fs}, Ctx, St) when is_list(Fs) ->
    run_spec([fun() -> F(X) end || F <- Fs], Ctx, St);
run_spec({timeout, T, Tests}, Ctx, St) when is_number(T), T >= 0 ->
    run_spec(Tests, [{timeout, round(T * 1000)} | Ctx], St);
run_spec({inorder, Tests}, Ctx, St) -> run_spec(Tests, Ctx, St);
run_spec({inparallel, Tests}, Ctx, St) -> run_spec(Tests, Ctx, St);
run_spec({inparallel, _N, Tests}, Ctx, St) -> run_spec(Tests, Ctx, St);
run_spec({spawn, Tests}, Ctx, St) -> run_spec(Tests, Ctx, St);
run_spec({spawn, _Node, Tests}, Ctx, St) -> run_spec(Tests, Ctx, St);
run_spec({Desc, Tests}, Ctx, St) when is_list(Desc); is_binary(Desc) ->
    run_spec(Tests, [{desc, desc_text(Desc)} | Ctx], St);
run_spec(Other, _Ctx, _St) ->
    erlang:error({bad_test, Other}).

desc_text(D) when is_binary(D) -> binary_to_list(D);
desc_text(D) -> D.

is_string([C | T]) when is_integer(C), C >= 0 -> is_string(T);
is_string([]) -> true;
is_string(_) -> false.

run_module(M, Ctx, St) ->
    Tests = try M:ferl_eunit_tests()
            catch error:undef -> []
            end,
    case St#st.verbose of
        true when Tests =/= [] -> io:format("module '~w'~n", [M]);
        _ -> ok
    end,
    %% As EUnit: the module's generator functions are called first; if one fails, the
    %% whole module is cancelled (no test of it counts).
    Expanded = lists:map(
                 fun({F, test}) -> {test, F};
                    ({F, generator}) ->
                         try M:F() of
                             Ts -> {tests, F, Ts}
                         catch
                             C:R:S ->
                                 io:format("*** test generator ~w:~w/0 failed ***~n", [M, F]),
                                 print_exception(C, R, S),
                                 io:nl(),
                                 throw({ferl_eunit_cancel, St#st{cancel = true}})
                         end
                 end, Tests),
    lists:foldl(
      fun({test, F}, S) ->
              run_test(fun() -> M:F() end, io_lib:format("~w: ~w", [M, F]), Ctx, S);
         ({tests, F, Ts}, S) ->
              run_spec(Ts, [{mod, M, F} | Ctx], S)
      end, St, Expanded).

run_generator(G, Name, Ctx, St) ->
    try G() of
        Tests -> run_spec(Tests, Ctx, St)
    catch
        C:R:S ->
            GName = case Name of
                        {M, F} -> io_lib:format("~w:~w/0", [M, F]);
                        _ -> Name
                    end,
            io:format("*** test generator ~ts failed ***~n", [GName]),
            print_exception(C, R, S),
            io:nl(),
            throw({ferl_eunit_cancel, St#st{cancel = true}})
    end.

run_setup(S, C, I, Ctx, St) ->
    case setup(S) of
        {ok, X} ->
            St1 = try instantiate(I, X) of
                      Tests -> run_spec(Tests, Ctx, St)
                  catch
                      Cl:R:Tr ->
                          io:put_chars("*** context setup failed ***\n"),
                          print_exception(Cl, R, Tr),
                          io:nl(),
                          St#st{cancel = true}
                  end,
            cleanup(C, X, St1);
        failed ->
            St#st{cancel = true}
    end.

run_foreach(S, C, Is, Ctx, St) ->
    lists:foldl(fun(I, St0) -> run_setup(S, C, I, Ctx, St0) end, St, Is).

run_foreachx(S, C, Pairs, Ctx, St) ->
    lists:foldl(
      fun({X, I}, St0) ->
              run_setup(fun() -> S(X) end, fun(R) -> C(X, R) end,
                        fun(R) -> I(X, R) end, Ctx, St0)
      end, St, Pairs).

setup(S) when is_function(S, 0) ->
    try S() of
        X -> {ok, X}
    catch
        C:R:Tr ->
            io:put_chars("*** context setup failed ***\n"),
            print_exception(C, R, Tr),
            io:nl(),
            failed
    end;
setup(Other) -> erlang:error({bad_setup, Other}).

instantiate(I, X) when is_function(I, 1) -> I(X);
instantiate(I, _) when is_function(I, 0) -> I();
instantiate(Tests, _) -> Tests.

cleanup(C, X, St) when is_function(C, 1) ->
    try C(X) of
        _ -> St
    catch
        Cl:R:Tr ->
            io:put_chars("*** context cleanup failed ***\n"),
            print_exception(Cl, R, Tr),
            io:nl(),
            St#st{cancel = true}
    end;
cleanup(_, _, St) -> St.

run_test(F, Name0, Ctx, St) ->
    Name = lists:flatten(describe(Name0, Ctx)),
    case St#st.verbose of
        true -> io:format("  ~ts...", [Name]);
        false -> ok
    end,
    Limit = case [Ms || {timeout, Ms} <- Ctx] of
                [Ms | _] -> Ms;
                [] -> 5000
            end,
    Watcher = case [W || {watcher, W} <- Ctx] of
                  [W | _] -> W;
                  [] -> none
              end,
    Watcher =/= none andalso (Watcher ! {self(), start, Name, Limit, St}),
    St2 = run_test_body(F, Name, St),
    Watcher =/= none andalso (Watcher ! {self(), done, St2}),
    St2.

run_test_body(F, Name, St) ->
    try F() of
        _ ->
            case St#st.verbose of
                true -> io:put_chars("ok\n");
                false -> ok
            end,
            St#st{pass = St#st.pass + 1}
    catch
        C:R:S ->
            case St#st.verbose of
                true -> io:put_chars("*failed*\n");
                false -> io:format("~ts...*failed*~n", [Name])
            end,
            print_trace(S),
            io:format("**~w:~ts~n", [C, io_lib:format("~tp", [R])]),
            io:put_chars("  output:<<\"\">>\n\n"),
            St#st{fail = St#st.fail + 1}
    end.

describe(Name, Ctx) ->
    case [D || {desc, D} <- Ctx] of
        [D | _] -> [Name, " (", D, ")"];
        [] -> Name
    end.

line_name(Ctx, Line) ->
    case [{M, F} || {mod, M, F} <- Ctx] of
        [{M, F} | _] -> io_lib:format("~w:~w: -~w/0-fun-", [M, Line, F]);
        [] -> io_lib:format("~w", [Line])
    end.

fun_name(_F) -> "fun".

print_exception(C, R, S) ->
    print_trace(S),
    io:format("**~w:~ts~n", [C, io_lib:format("~tp", [R])]).

print_trace([{M, F, A, Loc} | Rest]) when M =/= eunit ->
    Ar = if is_list(A) -> length(A); true -> A end,
    case {proplists:get_value(file, Loc), proplists:get_value(line, Loc)} of
        {File, Line} when File =/= undefined, Line =/= undefined ->
            io:format("in function ~w:~tw/~w (~ts, line ~w)~n", [M, F, Ar, File, Line]);
        _ ->
            io:format("in function ~w:~tw/~w~n", [M, F, Ar])
    end,
    print_calls(Rest);
print_trace(_) -> ok.

print_calls([{M, F, A, Loc} | Rest]) when M =/= eunit ->
    Ar = if is_list(A) -> length(A); true -> A end,
    case {proplists:get_value(file, Loc), proplists:get_value(line, Loc)} of
        {File, Line} when File =/= undefined, Line =/= undefined ->
            io:format("in call from ~w:~tw/~w (~ts, line ~w)~n", [M, F, Ar, File, Line]);
        _ ->
            io:format("in call from ~w:~tw/~w~n", [M, F, Ar])
    end,
    print_calls(Rest);
print_calls(_) -> ok.
