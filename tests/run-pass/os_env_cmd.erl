%% os: getenv/0,1,2, putenv/2, unsetenv/1, type/0, cmd/1, with timestamp/0
%% and system_time/0,1 still there; then init:stop/1 ends the program with
%% its status after flushing the output.
-module(os_env_cmd).
-export([main/1]).

main(_) ->
    p(type, os:type()),
    p(unset, os:getenv("FERL_TEST_VAR_X")),
    p(default, os:getenv("FERL_TEST_VAR_X", "dflt")),
    p(putenv, os:putenv("FERL_TEST_VAR_X", "value 1")),
    p(get, os:getenv("FERL_TEST_VAR_X")),
    p(get_default, os:getenv("FERL_TEST_VAR_X", "dflt")),
    p(in_list, lists:member("FERL_TEST_VAR_X=value 1", os:getenv())),
    p(all_strings, lists:all(fun io_lib:printable_unicode_list/1, os:getenv())),
    p(seen_by_child, os:cmd("echo $FERL_TEST_VAR_X")),
    p(putenv_empty, os:putenv("FERL_TEST_VAR_X", "")),
    p(get_empty, os:getenv("FERL_TEST_VAR_X")),
    p(unsetenv, os:unsetenv("FERL_TEST_VAR_X")),
    p(after_unset, os:getenv("FERL_TEST_VAR_X")),
    p(atom_name, catch_class(fun() -> os:getenv('FERL_TEST_VAR_X', none) end)),
    p(bad_name, catch_class(fun() -> os:getenv(42) end)),
    p(bad_value, catch_class(fun() -> os:putenv("FERL_TEST_VAR_X", 42) end)),
    p(cmd_echo, os:cmd("echo hi")),
    p(cmd_multi, os:cmd("printf 'a\\nb\\n'; echo c")),
    p(cmd_stderr_not_captured, os:cmd("echo err 1>&2")),
    p(cmd_status_ignored, os:cmd("exit 3")),
    p(cmd_deep, os:cmd(["echo", " ", "deep"])),
    p(cmd_utf8, os:cmd("printf '\\303\\251'")),
    p(cmd_bad, catch_class(fun() -> os:cmd(42) end)),
    {Mega, S, Micro} = os:timestamp(),
    p(timestamp, is_integer(Mega) andalso is_integer(S) andalso is_integer(Micro)),
    p(system_time, is_integer(os:system_time()) andalso
                   os:system_time(second) > 1600000000),
    io:format("stopping~n"),
    init:stop(3),
    receive after infinity -> ok end.

catch_class(F) ->
    try F() of V -> {value, V}
    catch C:R -> {C, R}
    end.

p(Tag, V) ->
    io:format("~p: ~p~n", [Tag, V]).
