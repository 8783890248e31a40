%% Soak: one server process handles N messages from C client processes (casts, with a
%% synchronous call every 1000 casts so queues stay bounded). The server keeps a small
%% state and builds a little garbage per message. Every `Report` messages the server
%% prints a PROGRESS line (the runner samples the OS's RSS meanwhile).
%% Arguments: N [C, default 4].
-module(soak).
-export([main/1]).

main([A]) -> main([A, "4"]);
main([A, B]) ->
    N = list_to_integer(A),
    C = list_to_integer(B),
    Self = self(),
    Report = max(N div 20, 1),
    Server = spawn(fun() -> server(0, [], Report) end),
    Per = N div C,
    Clients = [spawn(fun() -> client(Per, Server, Self) end) || _ <- lists:seq(1, C)],
    wait_all(Clients),
    Ref = make_ref(),
    Server ! {count, self(), Ref},
    receive {Ref, Count} -> ok end,
    io:format("soak: server handled ~w messages~n", [Count]).

wait_all([]) -> ok;
wait_all([P | Ps]) -> receive {P, done} -> wait_all(Ps) end.

client(0, _Server, Main) -> Main ! {self(), done};
client(K, Server, Main) ->
    Server ! {cast, K, [K, K + 1]},
    case K rem 1000 of
        0 -> sync(Server);
        _ -> ok
    end,
    client(K - 1, Server, Main).

sync(Server) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref},
    receive {Ref, _} -> ok end.

server(Count, Last, Report) ->
    receive
        {cast, K, L} ->
            Last2 = case length(Last) > 16 of
                        true -> [K];
                        false -> [hd(L) | Last]
                    end,
            Count2 = Count + 1,
            case Count2 rem Report of
                0 -> io:format("PROGRESS ~w~n", [Count2]);
                _ -> ok
            end,
            server(Count2, Last2, Report);
        {call, From, Ref} ->
            From ! {Ref, Count},
            server(Count, Last, Report);
        {count, From, Ref} ->
            From ! {Ref, Count},
            server(Count, Last, Report)
    end.
