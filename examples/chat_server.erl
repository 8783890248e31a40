%% A WhatsApp-style chat server: a registered router gen_server (`chat_router`) knows
%% who is online and which groups exist; every logged-in user has a session process
%% (a gen_server under the simple_one_for_one supervisor `chat_sessions`) that delivers
%% to the user's connection (here: a client process that prints what it receives).
%% Presence: a user's contacts are told when the user comes online or goes offline.
%% Groups: a message to a group fans out to every member's session.
%% A crashing session is cleaned up by the router (it monitors sessions).
%%   ferl run examples/chat_server.erl
%% The load test is bench/programs/chat_load.erl (`bench/run chat-load`).
-module(chat_server).
-behaviour(gen_server).
-export([main/1]).
-export([start/0, login/2, logout/1, send/3, join/2, group_send/3, online/0]).
-export([start_session/3, init/1, handle_call/3, handle_cast/2, handle_info/2]).

main(_) ->
    start(),
    Alice = connect(alice),
    Bob = connect(bob),
    ok = login(alice, Alice),
    ok = login(bob, Bob),
    sync(),
    Carol = connect(carol),
    ok = login(carol, Carol),
    sync(),
    io:format("online: ~p~n", [online()]),
    send(alice, bob, "hi bob"),
    send(bob, alice, "hi alice, how are you?"),
    send(alice, dave, "are you there?"),
    sync(),
    join(friends, alice), join(friends, bob), join(friends, carol),
    group_send(friends, carol, "hello friends"),
    sync(),
    %% a session crashes: the router notices, the user is offline
    [{_, CarolSession, _, _} | _] = [C || C = {_, P, _, _} <- supervisor:which_children(chat_sessions),
                                          P =:= session_of(carol)],
    exit(CarolSession, kill),
    wait_offline(carol),
    sync(),
    io:format("online after carol's session crashed: ~p~n", [online()]),
    logout(bob),
    sync(),
    io:format("online: ~p~n", [online()]),
    ok.

%%% API

start() ->
    {ok, _} = supervisor:start_link({local, chat_sessions}, ?MODULE, sessions),
    {ok, _} = gen_server:start_link({local, chat_router}, ?MODULE, router, []),
    ok.

login(User, Conn) -> gen_server:call(chat_router, {login, User, Conn}).
logout(User) -> gen_server:call(chat_router, {logout, User}).
send(From, To, Text) -> gen_server:cast(chat_router, {send, From, To, Text}).
join(Group, User) -> gen_server:call(chat_router, {join, Group, User}).
group_send(Group, From, Text) -> gen_server:cast(chat_router, {group_send, Group, From, Text}).
online() -> gen_server:call(chat_router, online).
session_of(User) -> gen_server:call(chat_router, {session_of, User}).

%% wait until everything sent so far has been delivered and printed
sync() ->
    Sessions = gen_server:call(chat_router, sessions),
    [gen_server:call(S, sync) || S <- Sessions],
    [begin C ! {sync, self()}, receive {synced, C} -> ok end end
     || C <- gen_server:call(chat_router, connections)],
    ok.

wait_offline(User) ->
    case lists:member(User, online()) of
        true -> timer:sleep(1), wait_offline(User);
        false -> ok
    end.

%% a connection: prints what the user's session pushes to it
connect(User) -> spawn_link(fun() -> conn(User) end).

conn(User) ->
    receive
        {chat, From, Text} -> io:format("[~p] ~p: ~s~n", [User, From, Text]), conn(User);
        {group, G, From, Text} -> io:format("[~p] ~p@~p: ~s~n", [User, From, G, Text]), conn(User);
        {presence, Who, Status} -> io:format("[~p] ~p is ~p~n", [User, Who, Status]), conn(User);
        {undelivered, To} -> io:format("[~p] ~p is offline~n", [User, To]), conn(User);
        {sync, From} -> From ! {synced, self()}, conn(User)
    end.

%%% sessions

start_session(User, Conn, Contacts) ->
    gen_server:start_link(?MODULE, {session, User, Conn, Contacts}, []).

%%% callbacks: the supervisor, the router and the sessions

init(sessions) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10, period => 10},
          [#{id => session, start => {?MODULE, start_session, []}, restart => temporary}]}};
init(router) ->
    process_flag(trap_exit, true),
    {ok, #{users => #{}, conns => #{}, groups => #{}}};
init({session, User, Conn, Contacts}) ->
    [gen_server:cast(S, {presence, User, online}) || S <- Contacts],
    {ok, #{user => User, conn => Conn}}.

%% router
handle_call({login, User, Conn}, _From, #{users := Us, conns := Cs} = S) ->
    {ok, Pid} = supervisor:start_child(chat_sessions, [User, Conn, maps:values(Us)]),
    erlang:monitor(process, Pid),
    {reply, ok, S#{users := Us#{User => Pid}, conns := Cs#{User => Conn}}};
handle_call({logout, User}, _From, #{users := Us} = S) ->
    case maps:find(User, Us) of
        {ok, Pid} ->
            ok = supervisor:terminate_child(chat_sessions, Pid),
            {reply, ok, went_offline(User, S)};
        error -> {reply, {error, not_logged_in}, S}
    end;
handle_call({join, G, User}, _From, #{groups := Gs} = S) ->
    {reply, ok, S#{groups := Gs#{G => lists:usort([User | maps:get(G, Gs, [])])}}};
handle_call(online, _From, #{users := Us} = S) -> {reply, lists:sort(maps:keys(Us)), S};
handle_call(sessions, _From, #{users := Us} = S) -> {reply, maps:values(Us), S};
handle_call(connections, _From, #{conns := Cs} = S) -> {reply, maps:values(Cs), S};
handle_call({session_of, U}, _From, #{users := Us} = S) -> {reply, maps:get(U, Us, none), S};
%% session
handle_call(sync, _From, S) -> {reply, ok, S}.

%% router
handle_cast({send, From, To, Text}, #{users := Us} = S) ->
    case maps:find(To, Us) of
        {ok, Pid} -> gen_server:cast(Pid, {deliver, {chat, From, Text}});
        error ->
            case maps:find(From, Us) of
                {ok, P} -> gen_server:cast(P, {deliver, {undelivered, To}});
                error -> ok
            end
    end,
    {noreply, S};
handle_cast({group_send, G, From, Text}, #{users := Us, groups := Gs} = S) ->
    [gen_server:cast(Pid, {deliver, {group, G, From, Text}})
     || M <- maps:get(G, Gs, []), M =/= From, {ok, Pid} <- [maps:find(M, Us)]],
    {noreply, S};
%% session
handle_cast({deliver, Msg}, #{conn := Conn} = S) -> Conn ! Msg, {noreply, S};
handle_cast({presence, Who, Status}, #{conn := Conn} = S) ->
    Conn ! {presence, Who, Status},
    {noreply, S}.

%% router: a session died
handle_info({'DOWN', _, process, Pid, _}, #{users := Us} = S) ->
    case [U || {U, P} <- maps:to_list(Us), P =:= Pid] of
        [User] -> {noreply, went_offline(User, S)};
        [] -> {noreply, S}
    end;
handle_info(_, S) -> {noreply, S}.

went_offline(User, #{users := Us, conns := Cs} = S) ->
    Us1 = maps:remove(User, Us),
    [gen_server:cast(P, {presence, User, offline}) || P <- maps:values(Us1)],
    S#{users := Us1, conns := maps:remove(User, Cs)}.
