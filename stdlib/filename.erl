%% filename -- Unix file-name manipulation, as OTP 25's `filename`.
%%
%% Written from scratch for ferl.  A name is a string (possibly deep, with
%% atoms) or a binary; binary input gives binary results, as OTP (join/1,2
%% return a binary when any part is one).  Binaries are worked on as lists
%% of bytes: only `/` and `.` are special, so UTF-8 passes through intact.
-module(filename).

-export([join/1, join/2, basename/1, basename/2, dirname/1,
         extension/1, rootname/1, rootname/2, split/1,
         absname/1, absname/2, flatten/1, pathtype/1]).

%%% Conversions.

flatten(B) when is_binary(B) -> B;
flatten(A) when is_atom(A) -> atom_to_list(A);
flatten(L) when is_list(L) -> flat(L, []).

flat([], Acc) -> lists:reverse(Acc);
flat([C | T], Acc) when is_integer(C) -> flat(T, [C | Acc]);
flat([A | T], Acc) when is_atom(A) -> flat(T, lists:reverse(atom_to_list(A), Acc));
flat([L | T], Acc) when is_list(L) -> flat(T, lists:reverse(flat(L, []), Acc));
flat([B | T], Acc) when is_binary(B) -> flat(T, lists:reverse(binary_to_list(B), Acc)).

%% {IsBinary, String}
str(B) when is_binary(B) -> {true, binary_to_list(B)};
str(N) -> {false, flatten(N)}.

out(true, S) -> list_to_binary(S);
out(false, S) -> S.

%%% The functions.

basename(Name) ->
    {Bin, S} = str(Name),
    out(Bin, base(S)).

base(S) ->
    last_segment(strip_slashes(lists:reverse(S)), []).

%% Reversed name without its trailing slashes -> the last segment.
last_segment([], Acc) -> Acc;
last_segment([$/ | _], Acc) -> Acc;
last_segment([C | T], Acc) -> last_segment(T, [C | Acc]).

strip_slashes([$/ | T]) -> strip_slashes(T);
strip_slashes(R) -> R.

basename(Name, Ext) ->
    {Bin, S} = str(Name),
    {_, E} = str(Ext),
    case lists:suffix(E, S) of
        true ->
            %% the text after the last slash (none left: [])
            Stem = lists:reverse(lists:sublist(S, length(S) - length(E))),
            out(Bin, last_segment(Stem, []));
        false -> out(Bin, base(S))
    end.

dirname(Name) ->
    {Bin, S} = str(Name),
    out(Bin, dir(S)).

dir(S) ->
    case drop_to_slash(lists:reverse(S)) of
        none -> ".";
        Prefix ->
            case strip_slashes(Prefix) of
                [] -> "/";
                P -> lists:reverse(P)
            end
    end.

%% Reversed name -> reversed text before its last slash (none: no slash).
drop_to_slash([]) -> none;
drop_to_slash([$/ | T]) -> T;
drop_to_slash([_ | T]) -> drop_to_slash(T).

extension(Name) ->
    {Bin, S} = str(Name),
    out(Bin, ext(lists:reverse(S), [])).

%% Scan the reversed name for the last dot of the last segment; a dot that
%% starts its segment (a dot file) is no extension.
ext([], _) -> [];
ext([$/ | _], _) -> [];
ext([$.], _) -> [];
ext([$., $/ | _], _) -> [];
ext([$. | _], Acc) -> [$. | Acc];
ext([C | T], Acc) -> ext(T, [C | Acc]).

rootname(Name) ->
    {Bin, S} = str(Name),
    out(Bin, root(S, [], none, true)).

%% Root: text kept (reversed); Ext: the candidate extension (reversed) or
%% none; AtStart: at the very beginning of the name.  A dot right after a
%% slash is an ordinary character; a dot at the very start begins an
%% extension.
root([], Root, _, _) -> lists:reverse(Root);
root([$/ | T], Root, Ext, _) -> root(T, [$/ | ext_root(Ext, Root)], none, slash);
root([$. | T], Root, _, slash) -> root(T, [$. | Root], none, false);
root([$. | T], Root, Ext, _) -> root(T, ext_root(Ext, Root), [$.], false);
root([C | T], Root, none, _) -> root(T, [C | Root], none, false);
root([C | T], Root, Ext, _) -> root(T, Root, [C | Ext], false).

ext_root(none, Root) -> Root;
ext_root(Ext, Root) -> Ext ++ Root.

rootname(Name, Ext) ->
    {Bin, S} = str(Name),
    {_, E} = str(Ext),
    case lists:suffix(E, S) of
        true -> out(Bin, lists:sublist(S, length(S) - length(E)));
        false -> out(Bin, S)
    end.

split(Name) ->
    {Bin, S} = str(Name),
    Parts = case S of
                [$/ | _] -> ["/" | segments(S)];
                _ -> segments(S)
            end,
    [out(Bin, P) || P <- Parts].

segments(S) ->
    [Seg || Seg <- string:lexemes(S, "/")].

join([Name]) ->
    {Bin, S} = str(Name),
    out(Bin, normalize(S));
join([A, B | Rest]) ->
    join([join(A, B) | Rest]).

join(A, B) ->
    {BinA, SA} = str(A),
    {BinB, SB} = str(B),
    S = case {SA, SB} of
            {_, [$/ | _]} -> normalize(SB);
            {[], []} -> [];
            _ -> normalize(SA ++ "/" ++ SB)
        end,
    out(BinA orelse BinB, S).

%% Collapse repeated slashes and drop a trailing one (but keep "/").
normalize([$/ | T]) -> [$/ | norm(T)];
normalize(S) -> norm(S).

norm([$/ | T]) -> norm(T);
norm([]) -> [];
norm(S) ->
    {Seg, Rest} = lists:splitwith(fun(C) -> C =/= $/ end, S),
    case norm(Rest) of
        [] -> Seg;
        More -> Seg ++ "/" ++ More
    end.

pathtype(Name) ->
    case str(Name) of
        {_, [$/ | _]} -> absolute;
        _ -> relative
    end.

absname(Name) ->
    {ok, Cwd} = file:get_cwd(),
    absname(Name, Cwd).

absname(Name, Dir) ->
    case pathtype(Name) of
        absolute -> join([Name]);
        relative -> join(Dir, Name)
    end.
