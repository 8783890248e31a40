%% gen: helpers shared by ferl's gen_server, gen_statem, gen_event and supervisor
%% (starting with a name, synchronous calls with a monitor and a timeout, replies).
-module(gen).
-export([start/5, start/6, init_it/6, init_it/7, call/3, call/4, reply/2,
         where/1, name/1, format_name/1, timeout/1, spawn_opts/1]).

%% start(GenMod, link | nolink, [Name,] Mod, Args, Options)
start(GenMod, LinkP, Mod, Args, Options) ->
    do_spawn(GenMod, LinkP, self, Mod, Args, Options).

start(GenMod, LinkP, Name, Mod, Args, Options) ->
    case where(Name) of
        undefined -> do_spawn(GenMod, LinkP, Name, Mod, Args, Options);
        Pid -> {error, {already_started, Pid}}
    end.

do_spawn(GenMod, LinkP, Name, Mod, Args, Options) ->
    Timeout = timeout(Options),
    Parent = case LinkP of
                 link -> self();
                 _ -> self
             end,
    InitArgs = case Name of
                   self -> [GenMod, self(), Parent, Mod, Args, Options];
                   _ -> [GenMod, self(), Parent, Name, Mod, Args, Options]
               end,
    case LinkP of
        link -> proc_lib:start_link(gen, init_it, InitArgs, Timeout);
        _ -> proc_lib:start(gen, init_it, InitArgs, Timeout)
    end.

timeout(Options) ->
    case lists:keyfind(timeout, 1, Options) of
        {timeout, T} -> T;
        false -> infinity
    end.

spawn_opts(_) -> [].

init_it(GenMod, Starter, Parent, Mod, Args, Options) ->
    init_it2(GenMod, Starter, Parent, self(), Mod, Args, Options).

init_it(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    case register_name(Name) of
        true -> init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options);
        {false, Pid} -> proc_lib:init_ack(Starter, {error, {already_started, Pid}})
    end.

init_it2(GenMod, Starter, Parent0, Name, Mod, Args, Options) ->
    Parent = case Parent0 of
                 self -> self();
                 _ -> Parent0
             end,
    GenMod:init_it(Starter, Parent, Name, Mod, Args, Options).

register_name({local, Name}) ->
    try register(Name, self()) of
        true -> true
    catch error:_ -> {false, whereis(Name)}
    end;
register_name({global, _} = N) -> erlang:error({not_supported, N});
register_name({via, _, _} = N) -> erlang:error({not_supported, N}).

where({local, Name}) -> whereis(Name);
where(_) -> undefined.

name({local, Name}) -> Name;
name(Pid) when is_pid(Pid) -> Pid;
name(Name) -> Name.

format_name(N) -> name(N).

call(Process, Label, Request) -> call(Process, Label, Request, 5000).

%% {ok, Reply}, or exits with the reason (noproc, timeout, the server's exit reason).
call(Process, Label, Request, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    Pid = case Process of
              P when is_pid(P) -> P;
              N when is_atom(N) ->
                  case whereis(N) of
                      undefined -> exit(noproc);
                      P -> P
                  end;
              {local, N} when is_atom(N) ->
                  case whereis(N) of
                      undefined -> exit(noproc);
                      P -> P
                  end;
              {N, Node} when is_atom(N), Node =:= node() ->
                  case whereis(N) of
                      undefined -> exit(noproc);
                      P -> P
                  end;
              _ -> exit(noproc)
          end,
    Pid =:= self() andalso exit(calling_self),
    Mref = erlang:monitor(process, Pid),
    Pid ! {Label, {self(), Mref}, Request},
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
            erlang:demonitor(Mref, [flush]),
            exit(timeout)
    end.

reply({To, Tag}, Reply) ->
    To ! {Tag, Reply},
    ok.
