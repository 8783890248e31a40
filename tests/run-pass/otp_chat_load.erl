%% (run-pass copy of bench/programs/chat_load.erl, size from otp_chat_load.args)
%% Chat server load test (WhatsApp style): a registered router gen_server, one session
%% gen_server per user under a simple_one_for_one supervisor, presence notifications,
%% group fan-out. main(["N"]): 1000 users in 50 groups of 20; every user sends N messages
%% (4 of 5 direct, 1 of 5 to one of its groups); then half the users log out (presence
%% reaches their group mates). Prints the number of messages delivered to clients
%% (identical on every run) on stdout, and the time the messaging took on stderr
%% (`chat_load: D messages in T us`), so a runner can compute messages per second.
-module(otp_chat_load).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-export([start_session/2, sup_init/0]).

-define(USERS, 1000).
-define(GROUPS, 50).

main([Arg]) ->
    N = list_to_integer(Arg),
    {ok, _} = supervisor_start(),
    {ok, _} = gen_server:start_link({local, chat_router}, ?MODULE, router, []),
    Main = self(),
    Users = lists:seq(1, ?USERS),
    Clients = [{U, spawn_link(fun() -> client(U, Main, 0) end)} || U <- Users],
    [ok = gen_server:call(chat_router, {login, U, C}) || {U, C} <- Clients],
    [ok = gen_server:call(chat_router, {join, group_of(U, K), U})
     || U <- Users, K <- [0, 1]],
    T0 = erlang:monotonic_time(microsecond),
    [C ! {go, N} || {_, C} <- Clients],
    [receive {sent, C} -> ok end || {_, C} <- Clients],
    ok = gen_server:call(chat_router, sync),
    Sessions = gen_server:call(chat_router, sessions),
    [ok = gen_server:call(S, sync) || S <- Sessions],
    Delivered = lists:sum([count(C) || {_, C} <- Clients]),
    %% presence: half the users log out
    [ok = gen_server:call(chat_router, {logout, U}) || U <- Users, U rem 2 =:= 0],
    Sessions2 = gen_server:call(chat_router, sessions),
    [ok = gen_server:call(S, sync) || S <- Sessions2],
    Presence = lists:sum([count(C) || {_, C} <- Clients]) - Delivered,
    T1 = erlang:monotonic_time(microsecond),
    Online = length(gen_server:call(chat_router, online)),
    io:format(standard_error, "chat_load: ~p messages in ~p us~n",
              [Delivered + Presence, T1 - T0]),
    erlang:display({delivered, Delivered, presence, Presence, online, Online}).

%% every user is in two groups
group_of(U, K) -> (U * 7 + K * 13) rem ?GROUPS.

count(C) ->
    C ! {count, self()},
    receive {count, C, K} -> K end.

%%% the client side of a connection: sends its share, counts what it receives

client(U, Main, Got) ->
    receive
        {go, N} ->
            send_loop(U, N, U * 7919 + 1),
            Main ! {sent, self()},
            client(U, Main, Got);
        {chat, _From, _Text} -> client(U, Main, Got + 1);
        {presence, _User, _Status} -> client(U, Main, Got + 1);
        {count, From} -> From ! {count, self(), Got}, client(U, Main, Got)
    end.

send_loop(_U, 0, _Seed) -> ok;
send_loop(U, N, Seed) ->
    Seed1 = (Seed * 1103515245 + 12345) rem 2147483648,
    case (Seed1 div 65536) rem 5 of
        0 -> gen_server:cast(chat_router, {group_send, group_of(U, Seed1 rem 2), U, <<"hi all">>});
        _ ->
            To = 1 + (Seed1 div 8) rem ?USERS,
            gen_server:cast(chat_router, {send, U, To, <<"hello">>})
    end,
    send_loop(U, N - 1, Seed1).

%%% the session supervisor

supervisor_start() ->
    supervisor:start_link({local, chat_session_sup}, ?MODULE, session_sup).

sup_init() ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10, period => 10},
          [#{id => session, start => {?MODULE, start_session, []}, restart => temporary}]}}.

start_session(User, Client) ->
    gen_server:start_link(?MODULE, {session, User, Client}, []).

%%% gen_server callbacks: the router, the sessions (and the supervisor's init)

init(session_sup) -> sup_init();
init(router) -> {ok, #{sessions => #{}, groups => #{}}};
init({session, User, Client}) -> {ok, {session, User, Client}}.

handle_call({login, U, Client}, _From, #{sessions := Ss} = S) ->
    {ok, Pid} = supervisor:start_child(chat_session_sup, [U, Client]),
    {reply, ok, S#{sessions := Ss#{U => Pid}}};
handle_call({logout, U}, _From, #{sessions := Ss, groups := Gs} = S) ->
    case maps:find(U, Ss) of
        {ok, Pid} ->
            %% let the session hand over what is queued for it before it goes
            ok = gen_server:call(Pid, sync),
            ok = supervisor:terminate_child(chat_session_sup, Pid),
            Ss1 = maps:remove(U, Ss),
            Mates = lists:usort([M || {_, Members} <- maps:to_list(Gs),
                                      lists:member(U, Members), M <- Members, M =/= U]),
            [gen_server:cast(P, {presence, U, offline})
             || M <- Mates, {ok, P} <- [maps:find(M, Ss1)]],
            {reply, ok, S#{sessions := Ss1}};
        error -> {reply, {error, not_logged_in}, S}
    end;
handle_call({join, G, U}, _From, #{groups := Gs} = S) ->
    Members = maps:get(G, Gs, []),
    {reply, ok, S#{groups := Gs#{G => [U | Members]}}};
handle_call(sync, _From, S) -> {reply, ok, S};
handle_call(sessions, _From, #{sessions := Ss} = S) -> {reply, maps:values(Ss), S};
handle_call(online, _From, #{sessions := Ss} = S) -> {reply, maps:keys(Ss), S}.

handle_cast({send, From, To, Text}, #{sessions := Ss} = S) ->
    case maps:find(To, Ss) of
        {ok, Pid} -> gen_server:cast(Pid, {deliver, From, Text});
        error -> ok
    end,
    {noreply, S};
handle_cast({group_send, G, From, Text}, #{sessions := Ss, groups := Gs} = S) ->
    [gen_server:cast(Pid, {deliver, From, Text})
     || M <- maps:get(G, Gs, []), M =/= From, {ok, Pid} <- [maps:find(M, Ss)]],
    {noreply, S};
handle_cast({deliver, From, Text}, {session, _U, Client} = S) ->
    Client ! {chat, From, Text},
    {noreply, S};
handle_cast({presence, Who, Status}, {session, _U, Client} = S) ->
    Client ! {presence, Who, Status},
    {noreply, S}.

handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
