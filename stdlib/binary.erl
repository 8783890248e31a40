%% binary: the Erlang half of OTP 25's binary module, written from scratch for ferl:
%% split/2,3, replace/3,4, encode_hex/1, decode_hex/1. The rest of the module (match,
%% matches, part, copy, at, first, last, bin_to_list, list_to_bin, encode_unsigned,
%% decode_unsigned, longest_common_prefix/suffix, referenced_byte_size,
%% compile_pattern) are runtime BIFs (runtime/src/bif/binmod.rs), as on BEAM.
-module(binary).
-export([split/2, split/3, replace/3, replace/4, encode_hex/1, decode_hex/1]).

split(Subject, Pattern) -> split(Subject, Pattern, []).

split(Subject, Pattern, Opts) ->
    try
        {Scope, Global, Trim} = split_opts(Opts, [], false, none),
        Ms = case Global of
                 true -> binary:matches(Subject, Pattern, Scope);
                 false ->
                     case binary:match(Subject, Pattern, Scope) of
                         nomatch -> [];
                         M -> [M]
                     end
             end,
        Parts = cut(Subject, 0, Ms),
        case Trim of
            none -> Parts;
            trim -> lists:reverse(drop_empty(lists:reverse(Parts)));
            trim_all -> [P || P <- Parts, P =/= <<>>]
        end
    catch
        error:badarg -> erlang:error(badarg, [Subject, Pattern, Opts])
    end.

split_opts([{scope, _} = S | Os], _, G, T) -> split_opts(Os, [S], G, T);
split_opts([global | Os], Sc, _, T) -> split_opts(Os, Sc, true, T);
split_opts([trim | Os], Sc, G, _) -> split_opts(Os, Sc, G, trim);
split_opts([trim_all | Os], Sc, G, _) -> split_opts(Os, Sc, G, trim_all);
split_opts([], Sc, G, T) -> {Sc, G, T};
split_opts(_, _, _, _) -> erlang:error(badarg).

drop_empty([<<>> | T]) -> drop_empty(T);
drop_empty(L) -> L.

cut(S, From, [{P, L} | Ms]) -> [binary:part(S, From, P - From) | cut(S, P + L, Ms)];
cut(S, From, []) -> [binary:part(S, From, byte_size(S) - From)].

replace(Subject, Pattern, Replacement) -> replace(Subject, Pattern, Replacement, []).

replace(Subject, Pattern, Replacement, Opts) ->
    try
        is_binary(Replacement) orelse erlang:error(badarg),
        {Scope, Global, Insert} = replace_opts(Opts, [], false, []),
        [(is_integer(I) andalso I >= 0 andalso I =< byte_size(Replacement))
             orelse erlang:error(badarg) || I <- Insert],
        Ms = case Global of
                 true -> binary:matches(Subject, Pattern, Scope);
                 false ->
                     case binary:match(Subject, Pattern, Scope) of
                         nomatch -> [];
                         M -> [M]
                     end
             end,
        iolist_to_binary(rebuild(Subject, 0, Ms, Replacement, lists:sort(Insert)))
    catch
        error:badarg -> erlang:error(badarg, [Subject, Pattern, Replacement, Opts])
    end.

replace_opts([{scope, _} = S | Os], _, G, I) -> replace_opts(Os, [S], G, I);
replace_opts([global | Os], Sc, _, I) -> replace_opts(Os, Sc, true, I);
replace_opts([{insert_replaced, N} | Os], Sc, G, _) when is_integer(N) -> replace_opts(Os, Sc, G, [N]);
replace_opts([{insert_replaced, L} | Os], Sc, G, _) when is_list(L) -> replace_opts(Os, Sc, G, L);
replace_opts([], Sc, G, I) -> {Sc, G, I};
replace_opts(_, _, _, _) -> erlang:error(badarg).

rebuild(S, From, [{P, L} | Ms], R, Ins) ->
    [binary:part(S, From, P - From), with_match(R, binary:part(S, P, L), Ins, 0)
     | rebuild(S, P + L, Ms, R, Ins)];
rebuild(S, From, [], _, _) -> [binary:part(S, From, byte_size(S) - From)].

%% the replacement with the matched part inserted at the given offsets
with_match(R, _, [], _) -> R;
with_match(R, M, [I | Is], Done) ->
    [binary:part(R, Done, I - Done), M | with_match_rest(R, M, Is, I)].

with_match_rest(R, _, [], Done) -> [binary:part(R, Done, byte_size(R) - Done)];
with_match_rest(R, M, Is, Done) -> [with_match(R, M, Is, Done)].

encode_hex(B) when is_binary(B) -> << <<(hex(N))>> || <<N:4>> <= B >>;
encode_hex(B) -> erlang:error(badarg, [B]).

hex(N) when N < 10 -> $0 + N;
hex(N) -> $A + N - 10.

decode_hex(B) when is_binary(B), byte_size(B) rem 2 =:= 0 ->
    try << <<(unhex(H)):4, (unhex(L)):4>> || <<H, L>> <= B >>
    catch error:badarg -> erlang:error(badarg, [B])
    end;
decode_hex(B) -> erlang:error(badarg, [B]).

unhex(C) when C >= $0, C =< $9 -> C - $0;
unhex(C) when C >= $a, C =< $f -> C - $a + 10;
unhex(C) when C >= $A, C =< $F -> C - $A + 10;
unhex(_) -> erlang:error(badarg).
