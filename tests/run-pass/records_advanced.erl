%% Records: defaults that are expressions (calls, other records), records inside
%% lists/maps/tuples, record guards in heads with field tests, record field positions
%% in element/setelement, updates of several fields, and record_info in code.
-module(records_advanced).
-export([main/1]).

-record(config, {name = default_name(), retries = 3, timeout = 1000 * 5, tags = [a, b]}).
-record(node, {id, children = [], meta = #config{}}).

default_name() -> "unnamed".

count(#node{children = []}) -> 1;
count(#node{children = Cs}) -> 1 + lists:sum([count(C) || C <- Cs]).

retries(#config{retries = R}) when R > 5 -> many;
retries(#config{retries = R}) when R > 0 -> some;
retries(#config{}) -> none.

main(_) ->
    C = #config{},
    io:format("~p~n", [C]),
    io:format("~p~n", [[retries(C#config{retries = N}) || N <- [0, 3, 10]]]),
    Tree = #node{id = 1, children = [#node{id = 2}, #node{id = 3, children = [#node{id = 4}]}]},
    io:format("~p~n", [count(Tree)]),
    io:format("~p~n", [[N#node.id || N <- Tree#node.children]]),
    M = #{cfg => C#config{name = "m"}},
    #{cfg := #config{name = Name}} = M,
    io:format("~p~n", [Name]),
    io:format("~p~n", [element(#config.retries, C)]),
    io:format("~p~n", [setelement(#config.tags, C, [])]),
    C2 = C#config{name = "x", retries = 0, tags = []},
    io:format("~p~n", [C2]),
    io:format("~p~n", [[{F, element(I + 1, C2)} || {F, I} <- lists:zip(record_info(fields, config), lists:seq(1, record_info(size, config) - 1))]]),
    io:format("~p~n", [(Tree#node.meta)#config.timeout]),
    io:format("~p~n", [is_record(Tree, node) andalso not is_record(Tree, config)]).
