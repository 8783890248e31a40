%% Escript arguments: a list of strings; output through io:put_chars/io:nl.
-module(args).
-export([main/1]).

main(Args) ->
    io:put_chars(["argc=", integer_to_list(length(Args))]),
    io:nl(),
    show(Args, 1).

show([], _) -> ok;
show([A | Rest], N) ->
    io:put_chars([integer_to_list(N), ": ", A, $\n]),
    show(Rest, N + 1).
