//! Operating-system primitives behind the Erlang-written `file`, `os` and `io` servers:
//! the `ferl_file:*` and `ferl_os:*` BIFs (BEAM keeps these in its prim_file/os NIFs).
//!
//! Owns: OS files opened through `ferl_file:open/2` (a global handle table of small
//! integers; the owning io-server process in `stdlib/file.erl` keeps the handle), the
//! mapping of OS errors to OTP's posix atoms (`{error, enoent}` ...), environment
//! variables and `os:cmd/1`. File names arrive as flat strings or binaries (UTF-8),
//! data to write as binaries (the Erlang side flattens iodata).
//!
//! Must not: block a scheduler thread without bound, except for regular-file I/O
//! (`ferl_os:cmd_start/2` runs the command on a thread of its own and answers with a
//! message).

use crate::exception::{BifResult, Exception};
use crate::process::Process;
use crate::term::{self, Term};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

fn t(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

fn ret(p: &mut Process, r: BifResult) -> u64 {
    match r {
        Ok(v) => v.raw(),
        Err(e) => p.raise(e.class, e.reason).raw(),
    }
}

fn atom(name: &str) -> Term {
    Term::intern(name).unwrap_or(Term::NIL)
}

fn ok() -> Term {
    atom("ok")
}

fn ok_tuple(p: &mut Process, v: Term) -> Term {
    term::tuple(p, &[ok(), v])
}

/// OTP's posix atom for an OS error (Linux errno numbers).
fn posix(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(1) => "eperm",
        Some(2) => "enoent",
        Some(5) => "eio",
        Some(9) => "ebadf",
        Some(12) => "enomem",
        Some(13) => "eacces",
        Some(16) => "ebusy",
        Some(17) => "eexist",
        Some(18) => "exdev",
        Some(20) => "enotdir",
        Some(21) => "eisdir",
        Some(22) => "einval",
        Some(23) => "enfile",
        Some(24) => "emfile",
        Some(26) => "etxtbsy",
        Some(27) => "efbig",
        Some(28) => "enospc",
        Some(29) => "espipe",
        Some(30) => "erofs",
        Some(31) => "emlink",
        Some(32) => "epipe",
        Some(36) => "enametoolong",
        // erts reports a non-empty directory to del_dir as eexist
        Some(39) => "eexist",
        Some(40) => "eloop",
        _ => match e.kind() {
            std::io::ErrorKind::NotFound => "enoent",
            std::io::ErrorKind::PermissionDenied => "eacces",
            std::io::ErrorKind::AlreadyExists => "eexist",
            std::io::ErrorKind::InvalidInput => "einval",
            _ => "eio",
        },
    }
}

fn error(p: &mut Process, e: &std::io::Error) -> Term {
    term::tuple(p, &[atom("error"), atom(posix(e))])
}

/// A file name: a flat string of code points or a binary, as UTF-8 text. A NUL inside
/// is not a valid name (badarg, as erts).
fn name(n: Term) -> Result<String, Exception> {
    let bytes = if let Some(b) = n.binary_bytes() {
        b.to_vec()
    } else {
        let mut s = String::new();
        let mut l = n;
        while let Some((h, tl)) = l.cons_parts() {
            let c = h.small_value().ok_or_else(Exception::badarg)?;
            s.push(
                char::from_u32(u32::try_from(c).map_err(|_| Exception::badarg())?)
                    .ok_or_else(Exception::badarg)?,
            );
            l = tl;
        }
        if l != Term::NIL {
            return Err(Exception::badarg());
        }
        s.into_bytes()
    };
    if bytes.contains(&0) {
        return Err(Exception::badarg());
    }
    String::from_utf8(bytes).map_err(|_| Exception::badarg())
}

fn bytes(b: Term) -> Result<Vec<u8>, Exception> {
    b.binary_bytes()
        .map(<[u8]>::to_vec)
        .ok_or_else(Exception::badarg)
}

fn unit(p: &mut Process, r: std::io::Result<()>) -> Term {
    match r {
        Ok(()) => ok(),
        Err(e) => error(p, &e),
    }
}

fn read_file(p: &mut Process, n: Term) -> BifResult {
    let n = name(n)?;
    Ok(match std::fs::read(&n) {
        Ok(b) => {
            let b = term::binary(p, &b);
            ok_tuple(p, b)
        }
        Err(e) => error(p, &e),
    })
}

fn write_file(p: &mut Process, n: Term, data: Term, append: Term) -> BifResult {
    let n = name(n)?;
    let data = bytes(data)?;
    let append = append == Term::bool(true);
    let r = OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(&n)
        .and_then(|mut f| f.write_all(&data));
    Ok(unit(p, r))
}

fn list_dir(p: &mut Process, n: Term) -> BifResult {
    let n = name(n)?;
    let r = std::fs::read_dir(&n).and_then(|d| {
        d.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<Vec<String>>>()
    });
    Ok(match r {
        Ok(names) => {
            let elems: Vec<Term> = names.iter().map(|s| term::string(p, s)).collect();
            let l = term::list(p, &elems);
            ok_tuple(p, l)
        }
        Err(e) => error(p, &e),
    })
}

/// `access` of `#file_info{}`: what the mode bits grant the running user (root reads
/// and writes everything, as the kernel lets it).
fn access(m: &std::fs::Metadata) -> &'static str {
    let me = std::fs::metadata("/proc/self").ok();
    let (uid, gid) = me.map_or((u32::MAX, u32::MAX), |s| (s.uid(), s.gid()));
    let mode = m.permissions().mode();
    let bits = if uid == 0 {
        6
    } else if uid == m.uid() {
        (mode >> 6) & 7
    } else if gid == m.gid() {
        (mode >> 3) & 7
    } else {
        mode & 7
    };
    match (bits & 4 != 0, bits & 2 != 0) {
        (true, true) => "read_write",
        (true, false) => "read",
        (false, true) => "write",
        (false, false) => "none",
    }
}

/// `{ok, {Type, Size, Access, Atime, Mtime, Ctime, Mode, Links, Major, Minor, Inode,
/// Uid, Gid}}` with POSIX-second times; `file.erl` builds the record.
fn read_file_info(p: &mut Process, n: Term, follow: Term) -> BifResult {
    let n = name(n)?;
    let r = if follow == Term::bool(false) {
        std::fs::symlink_metadata(&n)
    } else {
        std::fs::metadata(&n)
    };
    let m = match r {
        Ok(m) => m,
        Err(e) => return Ok(error(p, &e)),
    };
    let ft = m.file_type();
    let ty = if ft.is_file() {
        "regular"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_symlink() {
        "symlink"
    } else if ft.is_block_device() || ft.is_char_device() {
        "device"
    } else {
        "other"
    };
    let rdev = m.rdev();
    let fields = [
        atom(ty),
        term::int128(p, i128::from(m.size())),
        atom(access(&m)),
        term::int(p, m.atime()),
        term::int(p, m.mtime()),
        term::int(p, m.ctime()),
        term::int(p, i64::from(m.mode())),
        term::int128(p, i128::from(m.nlink())),
        term::int128(p, i128::from(m.dev())),
        term::int128(
            p,
            i128::from(((rdev >> 8) & 0xfff) | ((rdev >> 32) & !0xfff)),
        ),
        term::int128(p, i128::from(m.ino())),
        term::int(p, i64::from(m.uid())),
        term::int(p, i64::from(m.gid())),
    ];
    let info = term::tuple(p, &fields);
    Ok(ok_tuple(p, info))
}

/// An operation on one path: `ok` or `{error, Posix}`.
fn path_op(p: &mut Process, n: Term, f: impl FnOnce(&str) -> std::io::Result<()>) -> BifResult {
    let n = name(n)?;
    Ok(unit(p, f(&n)))
}

fn rename(p: &mut Process, a: Term, b: Term) -> BifResult {
    let (a, b) = (name(a)?, name(b)?);
    Ok(unit(p, std::fs::rename(a, b)))
}

fn get_cwd(p: &mut Process) -> BifResult {
    Ok(match std::env::current_dir() {
        Ok(d) => {
            let s = term::string(p, &d.to_string_lossy());
            ok_tuple(p, s)
        }
        Err(e) => error(p, &e),
    })
}

// ---- open files --------------------------------------------------------------------

/// An open OS file: reads go through a buffer, which is dropped (and the OS position
/// moved back to the logical one) before a write.
struct Open {
    f: BufReader<File>,
}

fn files() -> &'static Mutex<HashMap<u64, Open>> {
    static FILES: std::sync::OnceLock<Mutex<HashMap<u64, Open>>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| Mutex::new(HashMap::new()))
}

static NEXT_HANDLE: AtomicU64 = AtomicU64::new(1);

/// `ferl_file:open(Name, Modes)`: Modes holds `read`, `write`, `append`, `exclusive`
/// (others are the Erlang side's business); `{ok, Handle}` or `{error, Posix}`.
fn open(p: &mut Process, n: Term, modes: Term) -> BifResult {
    let n = name(n)?;
    let modes = modes.list_to_vec().ok_or_else(Exception::badarg)?;
    let has = |m: &str| modes.iter().any(|x| x.atom_name() == Some(m));
    let (append, excl) = (has("append"), has("exclusive"));
    let write = has("write") || append || excl;
    let read = has("read") || !write;
    let mut o = OpenOptions::new();
    o.read(read).write(write && !append).append(append);
    if excl {
        o.create_new(true);
    } else if write {
        // `write` alone truncates; with `read` it keeps the contents (as erts)
        o.create(true).truncate(!read && !append);
    }
    Ok(match o.open(&n) {
        Ok(f) => {
            let h = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
            files().lock().unwrap_or_else(|e| e.into_inner()).insert(
                h,
                Open {
                    f: BufReader::new(f),
                },
            );
            let h = term::int128(p, i128::from(h));
            ok_tuple(p, h)
        }
        Err(e) => error(p, &e),
    })
}

fn with_file<R>(h: Term, f: impl FnOnce(&mut Open) -> R) -> Result<R, Exception> {
    let h = h
        .small_value()
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(Exception::badarg)?;
    let mut tab = files().lock().unwrap_or_else(|e| e.into_inner());
    let o = tab.get_mut(&h).ok_or_else(Exception::badarg)?;
    Ok(f(o))
}

/// `ferl_file:read(H, N)`: up to N bytes: `{ok, Bin}`, `eof` or `{error, Posix}`.
fn read(p: &mut Process, h: Term, n: Term) -> BifResult {
    let n = n
        .small_value()
        .and_then(|v| usize::try_from(v).ok())
        .ok_or_else(Exception::badarg)?;
    let r = with_file(h, |o| {
        let mut buf = Vec::new();
        (&mut o.f).take(n as u64).read_to_end(&mut buf).map(|_| buf)
    })?;
    Ok(match r {
        Ok(b) if b.is_empty() && n > 0 => atom("eof"),
        Ok(b) => {
            let b = term::binary(p, &b);
            ok_tuple(p, b)
        }
        Err(e) => error(p, &e),
    })
}

/// `ferl_file:read_line(H)`: the next line with its `\n` (the last one may lack it):
/// `{ok, Bin}`, `eof` or `{error, Posix}`.
fn read_line(p: &mut Process, h: Term) -> BifResult {
    let r = with_file(h, |o| {
        let mut buf = Vec::new();
        o.f.read_until(b'\n', &mut buf).map(|_| buf)
    })?;
    Ok(match r {
        Ok(b) if b.is_empty() => atom("eof"),
        Ok(b) => {
            let b = term::binary(p, &b);
            ok_tuple(p, b)
        }
        Err(e) => error(p, &e),
    })
}

/// `ferl_file:write(H, Bin)`: `ok` or `{error, Posix}`.
fn write(p: &mut Process, h: Term, data: Term) -> BifResult {
    let data = bytes(data)?;
    let r = with_file(h, |o| {
        if !o.f.buffer().is_empty() {
            // a seek drops the read buffer and moves the OS position back to the
            // logical one
            let pos = o.f.stream_position()?;
            o.f.seek(SeekFrom::Start(pos))?;
        }
        o.f.get_mut().write_all(&data)
    })?;
    Ok(unit(p, r))
}

/// `ferl_file:close(H)`: `ok`; a closed handle is badarg.
fn close(h: Term) -> BifResult {
    let h = h
        .small_value()
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(Exception::badarg)?;
    let mut tab = files().lock().unwrap_or_else(|e| e.into_inner());
    tab.remove(&h).ok_or_else(Exception::badarg)?;
    Ok(ok())
}

// ---- os ----------------------------------------------------------------------------

fn getenv_all(p: &mut Process) -> BifResult {
    let vars: Vec<String> = std::env::vars_os()
        .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
        .collect();
    let elems: Vec<Term> = vars.iter().map(|s| term::string(p, s)).collect();
    Ok(term::list(p, &elems))
}

/// An environment variable name: non-empty, no `=` (badarg otherwise, as OTP).
fn env_name(n: Term) -> Result<String, Exception> {
    let n = name(n)?;
    if n.is_empty() || n.contains('=') {
        return Err(Exception::badarg());
    }
    Ok(n)
}

fn getenv(p: &mut Process, n: Term) -> BifResult {
    let n = env_name(n)?;
    Ok(match std::env::var_os(&n) {
        Some(v) => term::string(p, &v.to_string_lossy()),
        None => Term::bool(false),
    })
}

fn putenv(n: Term, v: Term) -> BifResult {
    let n = env_name(n)?;
    let v = name(v)?;
    std::env::set_var(n, v);
    Ok(Term::bool(true))
}

fn unsetenv(n: Term) -> BifResult {
    let n = env_name(n)?;
    std::env::remove_var(n);
    Ok(Term::bool(true))
}

/// `ferl_os:cmd_start(Command, MaxSize)`: start `/bin/sh -c Command` on a thread of its
/// own (standard input closed, standard error joined to standard output, as OTP) and
/// return a small integer `Id` at once; when the command has exited, or has written
/// `MaxSize` bytes (an integer; anything else means no limit), the thread sends the
/// caller `{ferl_os_cmd, Id, Output}`: the output (at most `MaxSize` bytes) as a string,
/// decoded from UTF-8 when it is valid UTF-8, else its bytes. The caller waits for that
/// message in a receive, so its scheduler keeps running other processes (as BEAM's port
/// does). A command cut short is killed.
fn cmd_start(p: &mut Process, c: Term, max: Term) -> BifResult {
    let c = name(c)?;
    let max = match max.small_value() {
        Some(n) if n >= 0 => Some(n as usize),
        _ => None,
    };
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed) & ((1 << 59) - 1);
    let id_term = Term::small(id as i64).ok_or_else(Exception::badarg)?;
    crate::boot::flush_stdout();
    let p_raw: *mut Process = p;
    // SAFETY: `p` is the running process of this scheduler thread.
    let r = unsafe {
        crate::native::procs::call(p_raw, |ctx| {
            let shared = ctx.sched.shared.clone();
            let me = ctx.self_pid();
            std::thread::Builder::new()
                .name("ferl-os-cmd".into())
                .spawn(move || {
                    let (out, child) = run_command(&c, max);
                    let msg = crate::mailbox::Message::build(out.len() * 2 + 8, |h| {
                        let o = bytes_to_string(h, out);
                        term::tuple(h, &[atom("ferl_os_cmd"), id_term, o])
                    });
                    shared.deliver(me, msg);
                    if let Some(mut child) = child {
                        let _ = child.wait();
                    }
                })
                .map_err(|_| Exception::badarg())?;
            Ok(id_term)
        })
    };
    // SAFETY: `r` is a term word or NON_VALUE with the exception raised by `call`.
    Ok(unsafe { Term::from_raw(r) })
}

/// Run the command as OTP's `os:cmd` does: `/bin/sh -s` reads `(Command\n) </dev/null;
/// echo "^D"` from its standard input, standard error goes to standard output, and the
/// output ends at the first ^D byte (so background jobs the command starts do not hold
/// it up), at end of file, or after `max` bytes. The pipes are then closed (a command
/// still writing gets SIGPIPE) and the shell is reaped by `finish`.
fn run_command(c: &str, max: Option<usize>) -> (Vec<u8>, Option<std::process::Child>) {
    let mut script = format!("exec 2>&1\n({c}\n) </dev/null; echo \"\x04\"\n").into_bytes();
    let child = std::process::Command::new("/bin/sh")
        .arg("-s")
        .arg("unix:cmd")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return (Vec::new(), None);
    };
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(&script);
        script.clear();
    }
    let mut out = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        let mut buf = [0u8; 8192];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let chunk = &buf[..n];
                    let eot = chunk.iter().position(|&b| b == 4);
                    out.extend_from_slice(&chunk[..eot.unwrap_or(n)]);
                    if let Some(m) = max {
                        if out.len() >= m {
                            out.truncate(m);
                            let _ = child.kill();
                            break;
                        }
                    }
                    if eot.is_some() {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
    }
    (out, Some(child))
}

/// A command's output as a string: its characters when it is valid UTF-8, else its bytes.
fn bytes_to_string<H: crate::heap::Heap + ?Sized>(h: &mut H, bytes: Vec<u8>) -> Term {
    match String::from_utf8(bytes) {
        Ok(s) => term::string(h, &s),
        Err(e) => {
            let elems: Vec<Term> = e
                .as_bytes()
                .iter()
                .map(|&b| Term::small(i64::from(b)).unwrap_or(Term::NIL))
                .collect();
            term::list(h, &elems)
        }
    }
}

macro_rules! os_bifs {
    ($( $sym:ident $module:literal $name:literal = |$p:ident $(, $a:ident)*| $body:expr; )*) => {
        $(
            #[doc = concat!("`", $module, ":", $name, "`.\n\n# Safety\n`p` must be a valid process the calling thread runs.")]
            #[no_mangle]
            pub unsafe extern "C" fn $sym(p: *mut Process $(, $a: u64)*) -> u64 {
                // SAFETY: compiled code passes its own, exclusively accessed process.
                let $p = unsafe { &mut *p };
                $(let $a = t($a);)*
                let r: BifResult = $body;
                ret($p, r)
            }
        )*
        /// `(symbol, address)` of every primitive here.
        pub fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$((stringify!($sym), $sym as *const u8)),*]
        }
        /// `(module, name, arity, symbol)` of every primitive here (export-table stubs).
        pub fn table() -> Vec<(&'static str, &'static str, u32, &'static str)> {
            vec![$(($module, $name, <[&str]>::len(&[$(stringify!($a)),*]) as u32, stringify!($sym))),*]
        }
    };
}

os_bifs! {
    ferl_bif_ferl__file_read__file_1 "ferl_file" "read_file" = |p, n| read_file(p, n);
    ferl_bif_ferl__file_write__file_3 "ferl_file" "write_file" = |p, n, d, a| write_file(p, n, d, a);
    ferl_bif_ferl__file_list__dir_1 "ferl_file" "list_dir" = |p, n| list_dir(p, n);
    ferl_bif_ferl__file_make__dir_1 "ferl_file" "make_dir" = |p, n| path_op(p, n, |n| std::fs::create_dir(n));
    ferl_bif_ferl__file_del__dir_1 "ferl_file" "del_dir" = |p, n| path_op(p, n, |n| std::fs::remove_dir(n));
    ferl_bif_ferl__file_delete_1 "ferl_file" "delete" = |p, n| path_op(p, n, |n| match std::fs::symlink_metadata(n) {
        // unlink(2) of a directory: erts reports eperm
        Ok(m) if m.is_dir() => Err(std::io::Error::from_raw_os_error(1)),
        _ => std::fs::remove_file(n),
    });
    ferl_bif_ferl__file_rename_2 "ferl_file" "rename" = |p, a, b| rename(p, a, b);
    ferl_bif_ferl__file_read__file__info_2 "ferl_file" "read_file_info" = |p, n, f| read_file_info(p, n, f);
    ferl_bif_ferl__file_get__cwd_0 "ferl_file" "get_cwd" = |p| get_cwd(p);
    ferl_bif_ferl__file_set__cwd_1 "ferl_file" "set_cwd" = |p, n| path_op(p, n, |n| std::env::set_current_dir(n));
    ferl_bif_ferl__file_open_2 "ferl_file" "open" = |p, n, m| open(p, n, m);
    ferl_bif_ferl__file_read_2 "ferl_file" "read" = |p, h, n| read(p, h, n);
    ferl_bif_ferl__file_read__line_1 "ferl_file" "read_line" = |p, h| read_line(p, h);
    ferl_bif_ferl__file_write_2 "ferl_file" "write" = |p, h, d| write(p, h, d);
    ferl_bif_ferl__file_close_1 "ferl_file" "close" = |_p, h| close(h);
    ferl_bif_ferl__os_getenv_0 "ferl_os" "getenv" = |p| getenv_all(p);
    ferl_bif_ferl__os_getenv_1 "ferl_os" "getenv" = |p, n| getenv(p, n);
    ferl_bif_ferl__os_putenv_2 "ferl_os" "putenv" = |_p, n, v| putenv(n, v);
    ferl_bif_ferl__os_unsetenv_1 "ferl_os" "unsetenv" = |_p, n| unsetenv(n);
    ferl_bif_ferl__os_cmd__start_2 "ferl_os" "cmd_start" = |p, c, m| cmd_start(p, c, m);
}
