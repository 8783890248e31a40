-module(throw_status).
-export([main/1]).

main(_) ->
    erlang:display(starting),
    throw({not_caught, 42}).
