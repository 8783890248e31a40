%% filelib -- file-system helpers of OTP 25's `filelib` (the common
%% subset), written from scratch for ferl on top of `file` and `filename`.
-module(filelib).

-include_lib("kernel/include/file.hrl").

-export([is_dir/1, is_file/1, is_regular/1, file_size/1, last_modified/1,
         ensure_dir/1]).

is_dir(Name) ->
    type(Name) =:= directory.

is_file(Name) ->
    case type(Name) of
        regular -> true;
        directory -> true;
        _ -> false
    end.

is_regular(Name) ->
    type(Name) =:= regular.

file_size(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{size = Size}} -> Size;
        _ -> 0
    end.

last_modified(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{mtime = Mtime}} -> Mtime;
        _ -> 0
    end.

type(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{type = T}} -> T;
        _ -> none
    end.

%% ensure_dir(Name): every directory above Name exists (Name itself is a
%% file name: "a/b/c" makes "a" and "a/b").
ensure_dir(Name) ->
    Dir = filename:dirname(Name),
    case is_dir(Dir) of
        true -> ok;
        false ->
            case ensure_dir(Dir) of
                ok ->
                    %% an existing non-directory fails one level down
                    %% (enotdir), as OTP
                    case file:make_dir(Dir) of
                        {error, eexist} -> ok;
                        R -> R
                    end;
                E -> E
            end
    end.
