%% filename: join/1,2, basename/1,2, dirname/1, extension/1, rootname/1,2,
%% split/1, absname/1, flatten/1 on strings, binaries, atoms and deep lists.
-module(filename_ops).
-export([main/1]).

main(_) ->
    Names = ["/a/b/c.erl", "a/b", "/", "", "a", "a/", "/a//b/", "..", ".",
             "a.b.c", ".bashrc", "a/.b", "foo.erl/", "/x/y.tar.gz", "//a",
             "a//b", "dir.d/file", "x.", "a/b.c/d", "/usr/local/lib/"],
    [row(X) || X <- Names],
    [row(list_to_binary(X)) || X <- Names],
    p(join2, [filename:join(A, B) || A <- ["a", "/a", "a/", "", "/"],
                                     B <- ["b", "/b", "b/", "..", ""]]),
    p(join2_bin, [filename:join(A, B) || A <- [<<"a">>, "a"], B <- [<<"b">>, "b"]]),
    p(join1, [filename:join(L) || L <- [["a"], ["a", "b", "c"], ["/", "x"],
                                        ["a", "/b", "c"], [a, "b"],
                                        ["a//b", "c/"], ["a", <<"b">>]]]),
    p(join_empty, catch_class(fun() -> filename:join([]) end)),
    p(basename2, [filename:basename(X, E) || {X, E} <- [{"a/b.erl", ".erl"},
                                                        {"a/b.erl", "erl"},
                                                        {"a/b.erl", ".hrl"},
                                                        {<<"x/y.beam">>, ".beam"},
                                                        {"a.erl/", ".erl"},
                                                        {"/x/.erl", ".erl"}]]),
    p(rootname2, [filename:rootname(X, E) || {X, E} <- [{"a.erl", ".erl"},
                                                        {"a.erl.erl", ".erl"},
                                                        {"a.hrl", ".erl"},
                                                        {"/x.erl/y", ".erl"},
                                                        {<<"b.erl">>, ".erl"}]]),
    p(flatten, [filename:flatten(X) || X <- [[a, "b", [$c, [d]]], <<"x">>, foo]]),
    p(atoms, [filename:basename(foo), filename:dirname('a/b'),
              filename:extension('x.y'), filename:rootname('x.y')]),
    p(absname_abs, filename:absname("/x/../y")),
    p(absname_abs_bin, filename:absname(<<"/x//y/">>)),
    {ok, Cwd} = file:get_cwd(),
    p(absname_rel, filename:absname("rel/x") =:= Cwd ++ "/rel/x"),
    p(absname_rel_bin, filename:absname(<<"r">>) =:= list_to_binary(Cwd ++ "/r")),
    p(absname_dot, filename:absname(".") =:= Cwd ++ "/.").

row(X) ->
    p(X, [filename:basename(X), filename:dirname(X), filename:extension(X),
          filename:rootname(X), filename:split(X)]).

catch_class(F) ->
    try F() of V -> {value, V}
    catch C:R -> {C, R}
    end.

p(Tag, V) ->
    io:format("~p: ~p~n", [Tag, V]).
