%% gen_server call errors: calling_self, noproc (names, {Name, Node}, dead pids), a bad
%% timeout, start timeouts, already_started, calls to a supervisor that is not there.
-module(otp_gen_server_errors).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).

main(_) ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_server:start({local, errs}, ?MODULE, fast, []),
    {'EXIT', {calling_self, {gen_server, call, [P, x]}}} = gen_server:call(P, self_call),
    io:format("calling_self (server): ok~n"),
    Me = self(),
    {'EXIT', {calling_self, {gen_server, call, [Me, x, 10]}}} = (catch gen_server:call(self(), x, 10)),
    io:format("calling_self (caller): ok~n"),
    io:format("{Name, node()}: ~p~n", [catch gen_server:call({nosuch, node()}, x)]),
    io:format("{errs, node()}: ~p~n", [catch gen_server:call({errs, node()}, ping)]),
    {'EXIT', {{function_clause, _}, {gen_server, call, [P, x, -1]}}} = (catch gen_server:call(P, x, -1)),
    io:format("bad timeout: function_clause~n"),
    io:format("already started: ~p~n", [gen_server:start({local, errs}, ?MODULE, fast, []) =:= {error, {already_started, P}}]),
    io:format("start timeout: ~p~n", [gen_server:start(?MODULE, slow, [{timeout, 20}])]),
    io:format("start_link timeout: ~p~n", [catch gen_server:start_link({local, slow_one}, ?MODULE, slow, [{timeout, 20}])]),
    io:format("name after timeout: ~p~n", [whereis(slow_one)]),
    io:format("sup noproc: ~p~n", [catch supervisor:start_child(nosuch, [])]),
    io:format("which noproc: ~p~n", [catch supervisor:which_children(nosuch)]),
    ok = gen_server:stop(errs),
    Ref = erlang:monitor(process, P),
    receive {'DOWN', Ref, process, P, R} -> io:format("down: ~p~n", [R]) end,
    {'EXIT', {noproc, {gen_server, call, [P, ping]}}} = (catch gen_server:call(P, ping)),
    io:format("dead pid: noproc~n"),
    io:format("stop noproc: ~p~n", [catch gen_server:stop(errs)]),
    io:format("done~n").

init(fast) -> {ok, 0};
init(slow) -> timer:sleep(500), {ok, 0}.

handle_call(self_call, _F, S) -> {reply, catch gen_server:call(self(), x), S};
handle_call(ping, _F, S) -> {reply, pong, S}.

handle_cast(_, S) -> {noreply, S}.
