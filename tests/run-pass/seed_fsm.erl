%% Seed ("Erlang 101", GenStateMachine / event-driven programming): a code lock as a
%% process whose state is the function it is in; events are messages; a timeout in the
%% open state locks it again.
-module(seed_fsm).
-export([main/1]).

locked(Code, Entered, Observer) ->
    receive
        {button, Digit} ->
            case Entered ++ [Digit] of
                Code -> Observer ! {state, open}, open(Code, Observer);
                E when length(E) < length(Code) -> locked(Code, E, Observer);
                _ -> Observer ! {state, wrong_code}, locked(Code, [], Observer)
            end;
        {get_state, From} -> From ! {state, locked}, locked(Code, Entered, Observer)
    end.

open(Code, Observer) ->
    receive
        {get_state, From} -> From ! {state, open}, open(Code, Observer);
        lock -> Observer ! {state, locked}, locked(Code, [], Observer);
        {button, _} -> open(Code, Observer)
    after 30 ->
        Observer ! {state, auto_locked},
        locked(Code, [], Observer)
    end.

state() -> receive {state, S} -> S end.

main(_) ->
    Self = self(),
    Lock = spawn(fun() -> locked([1, 2, 3], [], Self) end),
    [Lock ! {button, D} || D <- [1, 2, 4]],
    io:format("~p~n", [state()]),
    [Lock ! {button, D} || D <- [1, 2, 3]],
    io:format("~p~n", [state()]),
    Lock ! lock,
    io:format("~p~n", [state()]),
    [Lock ! {button, D} || D <- [1, 2, 3]],
    io:format("~p~n", [state()]),
    io:format("~p~n", [state()]),
    Lock ! {get_state, self()},
    io:format("~p~n", [state()]).
