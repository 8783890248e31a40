%% eunit.hrl -- ferl's EUnit header, written for ferl (not OTP's file). It provides the
%% macro names of OTP 25's eunit.hrl with definitions of its own; the failure terms
%% ({assert, Info}, {assertEqual, Info}, ...) follow OTP's documented format.
%%
%% Including it marks the module for ferl's EUnit front-end hook
%% (compiler/driver/src/eunit.rs): *_test/0 and *_test_/0 are exported, and test/0
%% (= eunit:test(?MODULE)) and ferl_eunit_tests/0 are added, as OTP's parse transform
%% does. Define NOTEST to turn testing off (the asserts still work unless NOASSERT).

-ifndef(FERL_EUNIT_HRL).
-define(FERL_EUNIT_HRL, true).

-ifdef(NOTEST).
-undef(TEST).
-else.
-ifndef(TEST).
-define(TEST, 1).
-endif.
-ferl_eunit(true).
-endif.

-ifdef(NOASSERT).
-define(assert(BoolExpr), ok).
-define(assertNot(BoolExpr), ok).
-else.
-define(assert(BoolExpr),
        begin
        ((fun () ->
            case (BoolExpr) of
                true -> ok;
                __FerlV -> erlang:error({assert,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??BoolExpr)},
                                          {expected, true},
                                          case __FerlV of
                                              false -> {value, __FerlV};
                                              _ -> {not_boolean, __FerlV}
                                          end]})
            end
          end)())
        end).
-define(assertNot(BoolExpr),
        begin
        ((fun () ->
            case (BoolExpr) of
                false -> ok;
                __FerlV -> erlang:error({assert,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??BoolExpr)},
                                          {expected, false},
                                          case __FerlV of
                                              true -> {value, __FerlV};
                                              _ -> {not_boolean, __FerlV}
                                          end]})
            end
          end)())
        end).
-endif.
-define(_assert(BoolExpr), ?_test(?assert(BoolExpr))).
-define(_assertNot(BoolExpr), ?_test(?assertNot(BoolExpr))).

-define(assertMatch(Guard, Expr),
        begin
        ((fun () ->
            case (Expr) of
                Guard -> ok;
                __FerlV -> erlang:error({assertMatch,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??Expr)},
                                          {pattern, (??Guard)},
                                          {value, __FerlV}]})
            end
          end)())
        end).
-define(_assertMatch(Guard, Expr), ?_test(?assertMatch(Guard, Expr))).

-define(assertNotMatch(Guard, Expr),
        begin
        ((fun () ->
            __FerlV = (Expr),
            case __FerlV of
                Guard -> erlang:error({assertNotMatch,
                                       [{module, ?MODULE},
                                        {line, ?LINE},
                                        {expression, (??Expr)},
                                        {pattern, (??Guard)},
                                        {value, __FerlV}]});
                _ -> ok
            end
          end)())
        end).
-define(_assertNotMatch(Guard, Expr), ?_test(?assertNotMatch(Guard, Expr))).

-define(assertEqual(Expect, Expr),
        begin
        ((fun () ->
            __FerlX = (Expect),
            case (Expr) of
                __FerlV when __FerlV =:= __FerlX -> ok;
                __FerlV -> erlang:error({assertEqual,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??Expr)},
                                          {expected, __FerlX},
                                          {value, __FerlV}]})
            end
          end)())
        end).
-define(_assertEqual(Expect, Expr), ?_test(?assertEqual(Expect, Expr))).
-define(_assertEqual(Expect), ?_assertEqual(Expect, Expect)).

-define(assertNotEqual(Unexpected, Expr),
        begin
        ((fun () ->
            __FerlX = (Unexpected),
            case (Expr) of
                __FerlV when __FerlV =:= __FerlX -> erlang:error({assertNotEqual,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??Expr)},
                                          {value, __FerlX}]});
                _ -> ok
            end
          end)())
        end).
-define(_assertNotEqual(Unexpected, Expr), ?_test(?assertNotEqual(Unexpected, Expr))).

-define(assertException(Class, Term, Expr),
        begin
        ((fun () ->
            try (Expr) of
                __FerlV -> erlang:error({assertException,
                                         [{module, ?MODULE},
                                          {line, ?LINE},
                                          {expression, (??Expr)},
                                          {pattern,
                                           "{ " ++ (??Class) ++ " , " ++ (??Term) ++ " , [...] }"},
                                          {unexpected_success, __FerlV}]})
            catch
                Class:Term -> ok;
                __FerlC:__FerlT:__FerlS ->
                    erlang:error({assertException,
                                  [{module, ?MODULE},
                                   {line, ?LINE},
                                   {expression, (??Expr)},
                                   {pattern,
                                    "{ " ++ (??Class) ++ " , " ++ (??Term) ++ " , [...] }"},
                                   {unexpected_exception, {__FerlC, __FerlT, __FerlS}}]})
            end
          end)())
        end).
-define(_assertException(Class, Term, Expr), ?_test(?assertException(Class, Term, Expr))).
-define(assertError(Term, Expr), ?assertException(error, Term, Expr)).
-define(assertExit(Term, Expr), ?assertException(exit, Term, Expr)).
-define(assertThrow(Term, Expr), ?assertException(throw, Term, Expr)).
-define(_assertError(Term, Expr), ?_test(?assertError(Term, Expr))).
-define(_assertExit(Term, Expr), ?_test(?assertExit(Term, Expr))).
-define(_assertThrow(Term, Expr), ?_test(?assertThrow(Term, Expr))).

%% Tests as data.
-define(_test(Expr), {?LINE, fun () -> (Expr) end}).
-define(_fail(), ?_test(erlang:error(fail))).
-define(LET(Var, Expr, Body), (fun (Var) -> Body end)(Expr)).
-define(IF(Cond, A, B), (case (Cond) of true -> A; false -> B end)).

%% Debugging output (to standard_error; OTP writes to the `user` device).
-define(debugMsg(S),
        begin
            io:format(standard_error, "~ts:~w:~w: ~ts\n", [?FILE, ?LINE, self(), S]),
            ok
        end).
-define(debugHere, ?debugMsg("<-")).
-define(debugFmt(S, As), ?debugMsg(io_lib:format((S), (As)))).
-define(debugVal(E),
        begin
        ((fun (__FerlV) ->
            ?debugFmt("~ts = ~tP", [(??E), __FerlV, 15]),
            __FerlV
          end)(E))
        end).
-define(debugTime(S, E),
        begin
        ((fun () ->
            __FerlV = (E),
            ?debugFmt("~ts: done", [(S)]),
            __FerlV
          end)())
        end).

-endif.
