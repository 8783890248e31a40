%% kernel/include/file.hrl for ferl: the records of the `file` module, with
%% the field order of OTP 25's header (code built against either sees the
%% same tuples).

%% What file:read_file_info/1,2 returns.  Times are local
%% {{Year, Month, Day}, {Hour, Minute, Second}} tuples.
-record(file_info,
        {size :: non_neg_integer() | 'undefined',
         type :: 'device' | 'directory' | 'other' | 'regular' | 'symlink'
               | 'undefined',
         access :: 'read' | 'write' | 'read_write' | 'none' | 'undefined',
         atime :: file:date_time() | non_neg_integer() | 'undefined',
         mtime :: file:date_time() | non_neg_integer() | 'undefined',
         ctime :: file:date_time() | non_neg_integer() | 'undefined',
         mode :: non_neg_integer() | 'undefined',
         links :: non_neg_integer() | 'undefined',
         major_device :: non_neg_integer() | 'undefined',
         minor_device :: non_neg_integer() | 'undefined',
         inode :: non_neg_integer() | 'undefined',
         uid :: non_neg_integer() | 'undefined',
         gid :: non_neg_integer() | 'undefined'}).

%% A raw file's descriptor in OTP (ferl's files are always io-server pids).
-record(file_descriptor,
        {module :: module(),
         data :: term()}).
