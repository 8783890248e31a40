%% Seed (WhatsApp: Erlang for a real-time chat; message passing and fault tolerance): a
%% chat room process fans messages out to its members, each member a process with its own
%% mailbox; a member that crashes is removed through its link (the room traps exits), and
%% the others keep chatting.
-module(seed_chat_room).
-export([main/1]).

room(Members) ->
    receive
        {join, Name, Pid} ->
            link(Pid),
            broadcast(Members, {system, Name ++ " joined"}),
            room([{Name, Pid} | Members]);
        {say, From, Text} ->
            broadcast([M || {N, _} = M <- Members, N =/= From], {msg, From, Text}),
            room(Members);
        {'EXIT', Pid, Reason} ->
            case lists:keyfind(Pid, 2, Members) of
                {Name, Pid} ->
                    Rest = [M || {_, P} = M <- Members, P =/= Pid],
                    broadcast(Rest, {system, Name ++ " left (" ++ atom_to_list(Reason) ++ ")"}),
                    room(Rest);
                false -> room(Members)
            end;
        {members, From} ->
            From ! {members, lists:sort([N || {N, _} <- Members])},
            room(Members)
    end.

broadcast(Members, Msg) -> [Pid ! Msg || {_, Pid} <- Members], ok.

member(Name, Log) ->
    receive
        {msg, From, Text} -> Log ! {log, Name, From ++ ": " ++ Text}, member(Name, Log);
        {system, Text} -> Log ! {log, Name, "* " ++ Text}, member(Name, Log);
        crash -> exit(crashed)
    end.

members(Room) -> Room ! {members, self()}, receive {members, M} -> M end.

main(_) ->
    Self = self(),
    Room = spawn(fun() -> process_flag(trap_exit, true), room([]) end),
    Alice = spawn(fun() -> member("alice", Self) end),
    Room ! {join, "alice", Alice},
    Bob = spawn(fun() -> member("bob", Self) end),
    Room ! {join, "bob", Bob},
    io:format("~p~n", [members(Room)]),
    io:format("~p~n", [collect(1)]),
    Room ! {say, "alice", "hi bob"},
    Room ! {say, "bob", "hello alice"},
    io:format("~p~n", [collect(2)]),
    Carol = spawn(fun() -> member("carol", Self) end),
    Room ! {join, "carol", Carol},
    io:format("~p~n", [collect(2)]),
    Bob ! crash,
    io:format("~p~n", [collect(2)]),
    io:format("~p~n", [members(Room)]),
    Room ! {say, "carol", "where did bob go?"},
    io:format("~p~n", [collect(1)]).

%% N log lines, sorted (members run concurrently)
collect(N) -> lists:sort([receive {log, Who, Line} -> {Who, Line} end || _ <- lists:seq(1, N)]).
