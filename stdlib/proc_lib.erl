%% proc_lib: processes started the OTP way (ancestors, initial call, synchronous
%% start with init_ack, crash reports). Written from scratch for ferl after OTP 25's
%% documented behaviour.
-module(proc_lib).
-export([spawn/1, spawn/3, spawn_link/1, spawn_link/3,
         start/3, start/4, start_link/3, start_link/4,
         init_ack/1, init_ack/2, init_p/5, init_p/3,
         initial_call/1, translate_initial_call/1,
         stop/1, stop/3, format_exception/3, crash_report/4]).

spawn(F) when is_function(F) ->
    Parent = get_my_name(),
    Ancestors = get_ancestors(),
    erlang:spawn(proc_lib, init_p, [Parent, Ancestors, F]).

spawn(M, F, A) ->
    Parent = get_my_name(),
    Ancestors = get_ancestors(),
    erlang:spawn(proc_lib, init_p, [Parent, Ancestors, M, F, A]).

spawn_link(F) when is_function(F) ->
    Parent = get_my_name(),
    Ancestors = get_ancestors(),
    erlang:spawn_link(proc_lib, init_p, [Parent, Ancestors, F]).

spawn_link(M, F, A) ->
    Parent = get_my_name(),
    Ancestors = get_ancestors(),
    erlang:spawn_link(proc_lib, init_p, [Parent, Ancestors, M, F, A]).

start(M, F, A) -> start(M, F, A, infinity).
start(M, F, A, Timeout) ->
    Pid = ?MODULE:spawn(M, F, A),
    Ref = erlang:monitor(process, Pid),
    receive
        {ack, Pid, Return} ->
            erlang:demonitor(Ref, [flush]),
            Return;
        {'DOWN', Ref, process, Pid, Reason} ->
            {error, Reason}
    after Timeout ->
            kill_wait(Pid),
            erlang:demonitor(Ref, [flush]),
            {error, timeout}
    end.

start_link(M, F, A) -> start_link(M, F, A, infinity).
start_link(M, F, A, Timeout) ->
    Pid = ?MODULE:spawn_link(M, F, A),
    receive
        {ack, Pid, Return} -> Return;
        {'EXIT', Pid, Reason} -> {error, Reason}
    after Timeout ->
            unlink(Pid),
            kill_wait(Pid),
            flush_exit(Pid),
            {error, timeout}
    end.

%% kill a process that did not start in time and wait until it is gone (its name free)
kill_wait(Pid) ->
    Ref = erlang:monitor(process, Pid),
    exit(Pid, kill),
    receive {'DOWN', Ref, process, Pid, _} -> ok end.

flush_exit(Pid) ->
    receive {'EXIT', Pid, _} -> ok after 0 -> ok end.

init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Pid = if is_pid(Parent) -> Parent; true -> whereis(Parent) end,
    Pid ! {ack, self(), Return},
    ok.

init_p(Parent, Ancestors, F) when is_function(F) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', fun_initial_call(F)),
    try F()
    catch Class:Reason:St -> exit_p(Class, Reason, St)
    end.

init_p(Parent, Ancestors, M, F, A) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', trans_init(M, F, A)),
    try apply_mfa(M, F, A)
    catch Class:Reason:St -> exit_p(Class, Reason, St)
    end.

fun_initial_call(F) ->
    try
        {module, M} = erlang:fun_info(F, module),
        {name, N} = erlang:fun_info(F, name),
        {arity, Ar} = erlang:fun_info(F, arity),
        {M, N, Ar}
    catch _:_ -> {erlang, apply, 2}
    end.

trans_init(gen, init_it, [gen_server, _, _, supervisor, {_, Module, _}, _]) ->
    {supervisor, Module, 1};
trans_init(gen, init_it, [gen_server, _, _, _, supervisor, {_, Module, _}, _]) ->
    {supervisor, Module, 1};
trans_init(gen, init_it, [_Type, _, _, Module, _, _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(gen, init_it, [_Type, _, _, _, Module | _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(M, F, A) when is_list(A) ->
    {M, F, length(A)}.

initial_call(Pid) when is_pid(Pid) ->
    case pinfo(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, {M, F, A}} -> {M, F, make_dummy_args(A, [])};
                false -> false
            end;
        _ -> false
    end.

translate_initial_call(Pid) ->
    case pinfo(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, MFA} -> MFA;
                false -> {proc_lib, init_p, 5}
            end;
        _ -> {proc_lib, init_p, 5}
    end.

make_dummy_args(0, Acc) -> Acc;
make_dummy_args(N, Acc) ->
    make_dummy_args(N - 1, [list_to_atom("Argument__" ++ integer_to_list(N)) | Acc]).

exit_p(Class, Reason, St) ->
    case get('$initial_call') of
        {M, F, A} when is_atom(M), is_atom(F), is_integer(A) ->
            crash_report(Class, Reason, {M, F, A}, St);
        _ ->
            crash_report(Class, Reason, {proc_lib, init_p, 5}, St)
    end,
    case Class of
        error -> exit({Reason, St});
        throw -> exit({{nocatch, Reason}, St});
        exit -> erlang:raise(exit, Reason, St)
    end.

crash_report(exit, normal, _, _) -> ok;
crash_report(exit, shutdown, _, _) -> ok;
crash_report(exit, {shutdown, _}, _, _) -> ok;
crash_report(Class, Reason, MFA, St) ->
    logger:ferl_report(error, "CRASH REPORT",
                       fun() -> crash_text(Class, Reason, MFA, St) end).

crash_text(Class, Reason, {M, F, A}, St) ->
    Name = case erlang:process_info(self(), registered_name) of
               {registered_name, N} when is_atom(N) -> [io_lib:format("    registered_name: ~p~n", [N])];
               _ -> []
           end,
    Ancestors = case get('$ancestors') of
                    undefined -> [];
                    As -> As
                end,
    Links = case erlang:process_info(self(), links) of
                {links, L} -> L;
                _ -> []
            end,
    Text = ["  crasher:\n",
            io_lib:format("    initial call: ~w:~w/~w~n", [M, F, A]),
            io_lib:format("    pid: ~w~n", [self()]),
            Name,
            format_exception(Class, Reason, St),
            io_lib:format("    ancestors: ~w~n", [Ancestors]),
            info_line(message_queue_len),
            info_line(messages),
            io_lib:format("    links: ~w~n", [Links]),
            info_line(dictionary),
            info_line(trap_exit),
            info_line(status),
            info_line(heap_size),
            info_line(stack_size),
            info_line(reductions),
            "  neighbours:\n"],
    Text.

%% One "    Item: Value" line of the crash report, left out when the runtime does not
%% answer this process_info item.
info_line(Item) ->
    try erlang:process_info(self(), Item) of
        {dictionary, D} ->
            D1 = [KV || {K, _} = KV <- D, K =/= '$ancestors', K =/= '$initial_call'],
            io_lib:format("    dictionary: ~tp~n", [D1]);
        {Item, V} -> io_lib:format("    ~w: ~tp~n", [Item, V]);
        _ -> []
    catch _:_ -> []
    end.

%% "    exception error: ..." and the in function / in call from lines, as erl_error.
format_exception(Class, Reason, St) ->
    Head = io_lib:format("    exception ~w: ~ts~n", [Class, explain(Class, Reason)]),
    [Head | format_stack(St, "in function ")].

format_stack([], _) -> [];
format_stack([{proc_lib, _, _, _} | _], _) -> [];
format_stack([{M, F, A, Loc} | Rest], Label) when is_atom(M), is_atom(F) ->
    Ar = if is_list(A) -> length(A); true -> A end,
    Where = case {lists:keyfind(file, 1, Loc), lists:keyfind(line, 1, Loc)} of
                {{file, File}, {line, Line}} ->
                    io_lib:format(" (~ts, line ~w)", [File, Line]);
                _ -> ""
            end,
    [io_lib:format("      ~s ~w:~w/~w~s~n", [Label, M, F, Ar, Where])
     | format_stack(Rest, "in call from")];
format_stack([_ | Rest], Label) -> format_stack(Rest, Label).

explain(error, badarg) -> "bad argument";
explain(error, badarith) -> "an error occurred when evaluating an arithmetic expression";
explain(error, {badmatch, V}) -> io_lib:format("no match of right hand side value ~tp", [V]);
explain(error, function_clause) -> "no function clause matching";
explain(error, {case_clause, V}) -> io_lib:format("no case clause matching ~tp", [V]);
explain(error, if_clause) -> "no true branch found when evaluating an if expression";
explain(error, {try_clause, V}) -> io_lib:format("no try clause matching ~tp", [V]);
explain(error, undef) -> "undefined function";
explain(error, {badfun, F}) -> io_lib:format("bad function ~tp", [F]);
explain(error, {badarity, {F, As}}) ->
    io_lib:format("~tp called with ~w arguments", [F, length(As)]);
explain(error, {badkey, K}) -> io_lib:format("bad key ~tp", [K]);
explain(error, {badmap, M}) -> io_lib:format("bad map ~tp", [M]);
explain(_, R) -> io_lib:format("~tp", [R]).

stop(Process) -> stop(Process, normal, infinity).
stop(Process, Reason, Timeout) ->
    Pid = case Process of
              P when is_pid(P) -> P;
              N when is_atom(N) ->
                  case whereis(N) of
                      undefined -> exit(noproc);
                      P -> P
                  end
          end,
    Mref = erlang:monitor(process, Pid),
    Pid ! {system, {self(), Mref}, {terminate, Reason}},
    receive
        {'DOWN', Mref, _, _, Reason} -> ok;
        {'DOWN', Mref, _, _, Other} -> exit(Other)
    after Timeout ->
            erlang:demonitor(Mref, [flush]),
            exit(timeout)
    end.

get_my_name() ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} when is_atom(Name) -> Name;
        _ -> self()
    end.

get_ancestors() ->
    case get('$ancestors') of
        A when is_list(A) -> A;
        _ -> []
    end.

%% apply(M, F, Args) by the length of Args (ferl: a dynamic apply/3 is not yet in the
%% export table of executables, a remote call with a variable module is)
apply_mfa(M, F, []) -> M:F();
apply_mfa(M, F, [A]) -> M:F(A);
apply_mfa(M, F, [A, B]) -> M:F(A, B);
apply_mfa(M, F, [A, B, C]) -> M:F(A, B, C);
apply_mfa(M, F, [A, B, C, D]) -> M:F(A, B, C, D);
apply_mfa(M, F, [A, B, C, D, E]) -> M:F(A, B, C, D, E);
apply_mfa(M, F, [A, B, C, D, E, G]) -> M:F(A, B, C, D, E, G);
apply_mfa(M, F, [A, B, C, D, E, G, H]) -> M:F(A, B, C, D, E, G, H);
apply_mfa(M, F, [A, B, C, D, E, G, H, I]) -> M:F(A, B, C, D, E, G, H, I);
apply_mfa(M, F, Args) -> apply(M, F, Args).

%% process_info of any process (ferl: compiled code answers process_info/2 only for the
%% calling process; another one is asked with a request and a reply message)
pinfo(Pid, Item) when Pid =:= self() -> erlang:process_info(Pid, Item);
pinfo(Pid, Item) ->
    Ref = ferl_proc:info_request(Pid, Item),
    receive {Ref, Result} -> Result end.
