#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput
%%
%% Differential test: ferl's stdlib/io.erl versus OTP's io.
%%
%% Loads stdlib/io_lib.erl as ferl_io_lib, stdlib/io.erl as ferl_io_mod
%% (calls to io_lib: redirected to ferl_io_lib:) and the ferl_io test shim
%% (tests/stdlib/ferl_io.erl).  Each case runs once with OTP's io and once
%% with ferl_io_mod under a capturing group leader; the bytes written
%% (UTF-8), the return value, and for errors the exception and the
%% arguments reported in the top stack frame must be identical.
%%
%% Usage: escript tests/stdlib/io_diff.escript
%% Exits 0 when every case matches, 1 otherwise.

-mode(compile).

main(_) ->
    Here = filename:dirname(filename:absname(escript:script_name())),
    Std = filename:join([Here, "..", "..", "stdlib"]),
    load(filename:join(Std, "io_lib.erl"),
         [{<<"-module(io_lib).">>, <<"-module(ferl_io_lib).">>}]),
    load(filename:join(Std, "io.erl"),
         [{<<"-module(io).">>, <<"-module(ferl_io_mod).">>},
          {<<"io_lib:">>, <<"ferl_io_lib:">>}]),
    load(filename:join(Here, "ferl_io.erl"), []),
    {P, F} = lists:foldl(fun run/2, {0, 0}, cases()),
    io:format("~w passed, ~w failed~n", [P, F]),
    halt(case F of 0 -> 0; _ -> 1 end).

load(Src, Replacements) ->
    {ok, Bin0} = file:read_file(Src),
    Bin = lists:foldl(fun({A, B}, Acc) -> binary:replace(Acc, A, B, [global]) end,
                      Bin0, Replacements),
    Tmp = filename:join("/tmp", "ferl_io_diff_" ++ filename:basename(Src)),
    ok = file:write_file(Tmp, Bin),
    {ok, Mod, Beam} = compile:file(Tmp, [binary, return_errors]),
    {module, Mod} = code:load_binary(Mod, Tmp, Beam),
    file:delete(Tmp).

run({Fun, Args}, {P, F}) ->
    Exp = capture(fun() -> apply(io, Fun, Args) end),
    Got = capture(fun() -> apply(ferl_io_mod, Fun, Args) end),
    case Exp =:= Got of
        true -> {P + 1, F};
        false ->
            io:format("MISMATCH io:~w~tw~n  otp:  ~tp~n  ferl: ~tp~n", [Fun, Args, Exp, Got]),
            {P, F + 1}
    end.

%% Run Fun with a group leader that records output and answers get_line.
capture(Fun) ->
    Self = self(),
    GL = spawn(fun() -> gl_loop(Self, []) end),
    Old = group_leader(),
    group_leader(GL, self()),
    Res = try {ok, Fun()}
          catch C:R:St ->
                  Frame = case St of
                              [{_M, F, A, _} | _] when is_list(A) -> {F, A};
                              _ -> none
                          end,
                  {C, R, Frame}
          end,
    group_leader(Old, self()),
    GL ! {done, Self},
    Out = receive {output, O} -> O end,
    {Res, Out}.

gl_loop(Owner, Acc) ->
    receive
        {io_request, From, Ref, Req} ->
            {Reply, Acc1} = io_req(Req, Acc),
            From ! {io_reply, Ref, Reply},
            gl_loop(Owner, Acc1);
        {done, Owner} ->
            Owner ! {output, iolist_to_binary(lists:reverse(Acc))}
    end.

io_req({put_chars, unicode, Chars}, Acc) ->
    case catch unicode:characters_to_binary(Chars) of
        B when is_binary(B) -> {ok, [B | Acc]};
        _ -> {{error, put_chars}, Acc}
    end;
io_req({put_chars, latin1, Chars}, Acc) ->
    case catch iolist_to_binary(Chars) of
        B when is_binary(B) -> {ok, [B | Acc]};
        _ -> {{error, put_chars}, Acc}
    end;
io_req({put_chars, Enc, M, F, A}, Acc) ->
    case catch apply(M, F, A) of
        {'EXIT', _} -> {{error, F}, Acc};
        Chars -> io_req({put_chars, Enc, Chars}, Acc)
    end;
io_req({get_line, _Enc, Prompt}, Acc) ->
    P = unicode:characters_to_binary(prompt(Prompt)),
    {"a line\n", [P | Acc]};
io_req(getopts, Acc) -> {[{binary, false}, {encoding, unicode}], Acc};
io_req(_, Acc) -> {{error, request}, Acc}.

prompt(P) when is_atom(P) -> atom_to_list(P);
prompt(P) -> P.

cases() ->
    [{format, ["hello~n"]}, {format, ["~w ~p~n", [a, {b, "c"}]]},
     {format, ["~p~n", [lists:seq(1, 40)]]}, {format, ["~ts~n", ["é\x{430}"]]},
     {format, ["~tp~n", [<<"é"/utf8>>]]}, {format, ['atom~n']}, {format, [<<"bin ~w~n">>, [1]]},
     {format, [standard_io, "~s~n", ["dev"]]},
     {format, ["~d", [a]]}, {format, ["~w"]}, {format, ["~w", a]},
     {format, [bad_dev_xx, "a", []]}, {format, [standard_io, "~w", []]},
     {fwrite, ["x~n"]}, {fwrite, ["~w~n", [1.5]]}, {fwrite, [standard_io, "~8.3f|~n", [3.14159]]},
     {put_chars, ["plain\n"]}, {put_chars, [["deep", [$l, "ist"], <<"bin">>, $\n]]},
     {put_chars, ["é\x{430}\n"]}, {put_chars, [<<"utf8 é"/utf8>>]},
     {put_chars, [foo]}, {put_chars, [[-1]]}, {put_chars, [standard_io, "dev\n"]},
     {put_chars, [standard_io, [-1]]}, {put_chars, [bad_dev_xx, "x"]},
     {nl, []}, {nl, [standard_io]}, {nl, [foo]},
     {write, [{a, "b", <<"c">>, 1.0}]}, {write, [standard_io, [1, 2]]},
     {get_line, ["prompt> "]}, {get_line, ['atom> ']}, {get_line, [standard_io, "p: "]}].
