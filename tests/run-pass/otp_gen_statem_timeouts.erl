%% gen_statem: ordering of next_event, postponed events and zero timeouts; timeouts
%% cancelled by events and state changes; repeat_state; postponed calls.
-module(otp_gen_statem_timeouts).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, handle_event/4]).

main(_) ->
    {ok, P} = gen_statem:start(?MODULE, [], []),
    step(P, zero_timeouts),
    step(P, cancel_event_timeout),
    step(P, cancel_state_timeout),
    step(P, cancel_generic),
    gen_statem:cast(P, {later, 1}),
    gen_statem:cast(P, {later, 2}),
    step(P, go_b),
    gen_statem:cast(P, {later, 3}),
    step(P, repeat),
    step(P, go_a),
    Self = self(),
    Q = spawn(fun() -> Self ! {self(), gen_statem:call(P, postponed_call)} end),
    step(P, sync),
    step(P, go_b),
    receive {Q, R} -> io:format("postponed call reply: ~p~n", [R]) end,
    step(P, go_a),
    io:format("log:~n"),
    [io:format("  ~p~n", [E]) || E <- gen_statem:call(P, log)],
    io:format("done~n").

step(P, What) -> ok = gen_statem:call(P, What).

callback_mode() -> [handle_event_function, state_enter].

init([]) -> {ok, a, []}.

log(E, D) -> [E | D].

handle_event(enter, Old, S, D) -> {keep_state, log({enter, S, Old}, D)};
handle_event({call, F}, log, _S, D) -> {keep_state_and_data, [{reply, F, lists:reverse(D)}]};
handle_event({call, F}, zero_timeouts, _S, D) ->
    {keep_state, log(zero_timeouts, D),
     [{reply, F, ok}, {next_event, internal, n1}, {timeout, 0, ev0}, {state_timeout, 0, st0},
      {{timeout, g}, 0, g0}, {next_event, internal, n2}]};
handle_event({call, F}, cancel_event_timeout, _S, D) ->
    {keep_state, log(cancel_event_timeout, D),
     [{reply, F, ok}, {timeout, 60000, never}, {next_event, internal, cancels_it}]};
handle_event({call, F}, cancel_state_timeout, a, D) ->
    {next_state, c, log(cancel_state_timeout, D),
     [{reply, F, ok}, {state_timeout, 60000, never}, {next_event, internal, leave_c}]};
handle_event(internal, leave_c, c, D) ->
    {next_state, a, log(leave_c, D), [{state_timeout, 0, after_leave}]};
handle_event({call, F}, cancel_generic, _S, D) ->
    {keep_state, log(cancel_generic, D),
     [{reply, F, ok}, {{timeout, g2}, 60000, never}, {{timeout, g2}, cancel},
      {{timeout, g3}, 0, g3_fired}]};
handle_event(cast, {later, N}, a, D) -> {keep_state, log({postpone, N}, D), [postpone]};
handle_event(cast, {later, N}, b, D) -> {keep_state, log({handled, N}, D)};
handle_event({call, F}, go_b, _S, D) -> {next_state, b, log(go_b, D), [{reply, F, ok}]};
handle_event({call, F}, go_a, _S, D) -> {next_state, a, log(go_a, D), [{reply, F, ok}]};
handle_event({call, F}, repeat, _S, D) -> {repeat_state, log(repeat, D), [{reply, F, ok}]};
handle_event({call, F}, sync, _S, D) -> {keep_state, D, [{reply, F, ok}]};
handle_event({call, _F}, postponed_call, a, D) -> {keep_state, log(postpone_call, D), [postpone]};
handle_event({call, F}, postponed_call, b, D) -> {keep_state, log(answer_call, D), [{reply, F, answered}]};
handle_event(Type, Content, _S, D) -> {keep_state, log({Type, Content}, D)}.
