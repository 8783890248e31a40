//! Booting a linked executable, and the output BIFs programs use until the Erlang-written
//! `io` module exists.
//!
//! An executable is `cc prog.o ... boot.o libferl_runtime.a <native libs>`: the code
//! generator's boot object (`ferl_codegen::object::compile_boot_object`) defines `main`,
//! which calls [`ferl_boot_main`] with `ferl_boot_table` ([`table`] describes its layout).
//! `ferl_boot_main` loads every module descriptor (`native::loader`), registers the BIF
//! stubs in the export table, starts the schedulers with the boot object's `CodeHooks`,
//! runs the entry function and returns the exit status:
//! - escript semantics for `main/1`: the arguments as a list of strings; a normal return
//!   exits 0; `halt(N)` exits N; an uncaught exception prints
//!   `escript: exception Class: Reason` and the stack trace on stderr (`report`; on a
//!   terminal also the failing source line) and exits 127 (what OTP 25's `escript` does);
//! - entry functions of arity 0 (`start/0`, `--entry M:F`) behave the same.
//!
//! Output: `erlang:display/1` (BEAM's `erts_print` format, `\r\n` line ends as the emulator
//! writes them), `io:put_chars/1`, `io:nl/0` write to one buffered standard output, flushed
//! when it grows, at `halt` and at exit; so the output of a program is in program order.
//!
//! Owns: process-exit policy of executables, the boot table layout, the stdout buffer.
//! Must not: run before the boot table is valid, or be linked into the compiler's `main`
//! (nothing here defines `main` or references the boot table by name).

use crate::bif::entry::TABLE;
use crate::process::{Process, STATUS_RAISE};
use crate::sched::{CodeHooks, Config, Runtime, Trampoline};
use crate::term::{Int, Kind, Term, NON_VALUE};
use std::ffi::{c_char, CStr};
use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Layout of the boot table (64-bit words).
pub mod table {
    #![allow(missing_docs)]
    pub const MAGIC: usize = 0;
    pub const TRAMPOLINE: usize = 1;
    pub const BOTTOM: usize = 2;
    pub const N_MODULES: usize = 3;
    pub const N_STUBS: usize = 4;
    pub const ENTRY_MODULE: usize = 5;
    pub const ENTRY_FUNCTION: usize = 6;
    pub const ENTRY_ARITY: usize = 7;
    /// Header words; then `n_modules` descriptor addresses, then `n_stubs` stubs.
    pub const HEADER_WORDS: usize = 8;
    /// Words per stub: module name (C string), function name (C string), arity, code.
    pub const STUB_WORDS: usize = 4;
    /// "ferlboot" (little-endian), version 1.
    pub const MAGIC_VALUE: u64 = 0x746f_6f62_6c72_6566;
}

/// Exit status of an uncaught exception in an escript's `main` (OTP 25 `escript`).
pub const UNCAUGHT_STATUS: i32 = 127;

// ---- buffered standard output --------------------------------------------------------

static OUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
const FLUSH_AT: usize = 1 << 16;

fn out_write(bytes: &[u8]) {
    let mut b = OUT.lock().unwrap_or_else(|e| e.into_inner());
    b.extend_from_slice(bytes);
    if b.len() >= FLUSH_AT {
        let mut so = std::io::stdout().lock();
        let _ = so.write_all(&b);
        let _ = so.flush();
        b.clear();
    }
}

/// Write everything buffered to standard output.
pub fn flush_stdout() {
    let mut b = OUT.lock().unwrap_or_else(|e| e.into_inner());
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(&b);
    let _ = so.flush();
    b.clear();
}

/// Flush and end the OS process.
fn exit_now(status: i32) -> ! {
    flush_stdout();
    let _ = std::io::stderr().flush();
    std::process::exit(status)
}

// ---- erlang:display/1 ------------------------------------------------------------------

/// The bytes `erlang:display(T)` writes, without the line end (BEAM's `%T` format:
/// printable lists as strings, floats as `%e`, atoms quoted per `erts`' rules).
pub fn display_bytes(t: Term) -> Vec<u8> {
    let mut out = Vec::new();
    display_into(&mut out, t);
    out
}

fn printable_string(t: Term) -> bool {
    let mut cur = t;
    let mut n = 0usize;
    while let Some((h, tl)) = cur.cons_parts() {
        match h.small_value() {
            Some(c)
                if (32..=126).contains(&c)
                    || (160..=255).contains(&c)
                    || c == 10
                    || c == 13
                    || c == 9 => {}
            _ => return false,
        }
        n += 1;
        cur = tl;
    }
    cur.is_nil() && n > 0
}

fn display_atom(out: &mut Vec<u8>, name: &str) {
    let lower =
        |c: char| c.is_ascii_lowercase() || (('\u{DF}'..='\u{FF}').contains(&c) && c != '\u{F7}');
    let alnum = |c: char| {
        lower(c)
            || c.is_ascii_uppercase()
            || (('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}')
            || c.is_ascii_digit()
            || c == '_'
    };
    let mut chars = name.chars();
    let plain = matches!(chars.next(), Some(c) if lower(c)) && chars.all(alnum);
    if plain {
        out.extend_from_slice(name.as_bytes());
        return;
    }
    out.push(b'\'');
    for c in name.chars() {
        match c {
            '\'' => out.extend_from_slice(b"\\'"),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\r' => out.extend_from_slice(b"\\r"),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'\'');
}

/// C's `%e`: `d.dddddde+XX`.
fn display_float(f: f64) -> String {
    let s = format!("{f:.6e}");
    match s.split_once('e') {
        Some((mant, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mant}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// A large map's node as BEAM's `erlang:display/1` shows it: `<bitmap in hex>{children}`,
/// leaves as the cons cells `[K|V]` they are.
fn display_hamt(out: &mut Vec<u8>, node: Term) {
    let (bitmap, children) = crate::map::node_parts(&node);
    out.extend_from_slice(format!("<{bitmap:x}>{{").as_bytes());
    for (i, c) in children.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if c.cons_parts().is_some() {
            display_into(out, *c);
        } else {
            display_hamt(out, *c);
        }
    }
    out.push(b'}');
}

fn display_into(out: &mut Vec<u8>, t: Term) {
    match t.kind() {
        Kind::Small | Kind::Big => match t.int_value() {
            Some(Int::Small(i)) => out.extend_from_slice(i.to_string().as_bytes()),
            Some(Int::Big(b)) => out.extend_from_slice(b.to_string().as_bytes()),
            None => {}
        },
        Kind::Float => {
            out.extend_from_slice(display_float(t.float_value().unwrap_or(0.0)).as_bytes())
        }
        Kind::Atom => display_atom(out, t.atom_name().unwrap_or("")),
        Kind::Nil => out.extend_from_slice(b"[]"),
        Kind::Tuple => {
            out.push(b'{');
            for (i, e) in t.tuple_elements().unwrap_or(&[]).iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                display_into(out, *e);
            }
            out.push(b'}');
        }
        Kind::Map if t.subtag() == Some(crate::term::sub::MAP_LARGE) => {
            out.push(b'#');
            display_hamt(out, t);
        }
        Kind::Map => {
            out.extend_from_slice(b"#{");
            for (i, (k, v)) in crate::map::entries(t).into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                display_into(out, k);
                out.extend_from_slice(b"=>");
                display_into(out, v);
            }
            out.push(b'}');
        }
        Kind::Cons if printable_string(t) => {
            out.push(b'"');
            let mut cur = t;
            while let Some((h, tl)) = cur.cons_parts() {
                match h.small_value().unwrap_or(0) as u8 {
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'"' => out.extend_from_slice(b"\\\""),
                    c => out.push(c),
                }
                cur = tl;
            }
            out.push(b'"');
        }
        Kind::Cons => {
            out.push(b'[');
            let mut cur = t;
            let mut first = true;
            while let Some((h, tl)) = cur.cons_parts() {
                if !first {
                    out.push(b',');
                }
                first = false;
                display_into(out, h);
                cur = tl;
            }
            if !cur.is_nil() {
                out.push(b'|');
                display_into(out, cur);
            }
            out.push(b']');
        }
        Kind::Bits => {
            let printable = t
                .binary_bytes()
                .is_some_and(|b| !b.is_empty() && b.iter().all(|&c| (32..=126).contains(&c)));
            if printable {
                out.extend_from_slice(b"<<\"");
                for &c in t.binary_bytes().unwrap_or(&[]) {
                    if c == b'"' {
                        out.extend_from_slice(b"\\\"");
                    } else {
                        out.push(c);
                    }
                }
                out.extend_from_slice(b"\">>");
            } else {
                // Numbers and the partial last byte as `~w` prints them.
                out.extend_from_slice(crate::print::to_string(t).as_bytes());
            }
        }
        // Pids, references, funs: as `~w`.
        _ => out.extend_from_slice(crate::print::to_string(t).as_bytes()),
    }
}

fn term(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

fn badarg(p: *mut Process) -> u64 {
    if p.is_null() {
        return NON_VALUE.raw();
    }
    let e = crate::exception::Exception::badarg();
    // SAFETY: the caller (compiled code) passes the running process.
    unsafe { &mut *p }.raise(e.class, e.reason).raw()
}

/// `erlang:display/1`.
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_erlang_display_1(_p: *mut Process, t: u64) -> u64 {
    let mut b = display_bytes(term(t));
    b.extend_from_slice(b"\r\n");
    out_write(&b);
    Term::atom(crate::atom::idx::TRUE).raw()
}

/// The bytes of chardata written to a latin1 device (`io:put_chars/1` on escript's
/// standard output): code points < 256 as one byte, others as `\x{H}`; binaries are UTF-8.
/// None: not chardata.
pub fn chardata_bytes(t: Term, out: &mut Vec<u8>) -> Option<()> {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t.kind() {
            Kind::Nil => {}
            Kind::Cons => {
                let (h, tl) = t.cons_parts()?;
                stack.push(tl);
                stack.push(h);
            }
            Kind::Small => {
                let c = t.small_value()?;
                match c {
                    0..=255 => out.push(c as u8),
                    256..=0x10FFFF if !(0xD800..=0xDFFF).contains(&c) => {
                        out.extend_from_slice(format!("\\x{{{c:X}}}").as_bytes());
                    }
                    _ => return None,
                }
            }
            Kind::Bits => {
                let b = t.binary_bytes()?;
                let s = std::str::from_utf8(b).ok()?;
                for c in s.chars() {
                    let c = c as u32;
                    if c < 256 {
                        out.push(c as u8);
                    } else {
                        out.extend_from_slice(format!("\\x{{{c:X}}}").as_bytes());
                    }
                }
            }
            _ => return None,
        }
    }
    Some(())
}

/// `io:put_chars/1` (standard output).
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_io_put__chars_1(p: *mut Process, t: u64) -> u64 {
    let mut b = Vec::new();
    if chardata_bytes(term(t), &mut b).is_none() {
        return badarg(p);
    }
    out_write(&b);
    Term::intern("ok")
        .map(|t| t.raw())
        .unwrap_or(NON_VALUE.raw())
}

/// `io:nl/0`.
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_io_nl_0(_p: *mut Process) -> u64 {
    out_write(b"\n");
    Term::intern("ok")
        .map(|t| t.raw())
        .unwrap_or(NON_VALUE.raw())
}

/// `ferl_io:put_chars/1`, the primitive of the Erlang-written `io` (stdlib/io.erl):
/// chardata to standard output (same device rules as `io:put_chars/1`).
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_ferl__io_put__chars_1(p: *mut Process, t: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { ferl_bif_io_put__chars_1(p, t) }
}

/// `ferl_io:put_chars(standard_error | standard_io, Chars)`.
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_ferl__io_put__chars_2(p: *mut Process, dev: u64, t: u64) -> u64 {
    match term(dev).atom_name() {
        Some("standard_error") => {
            let mut b = Vec::new();
            if chardata_bytes(term(t), &mut b).is_none() {
                return badarg(p);
            }
            flush_stdout();
            let mut e = std::io::stderr().lock();
            let _ = e.write_all(&b);
            Term::intern("ok")
                .map(|t| t.raw())
                .unwrap_or(NON_VALUE.raw())
        }
        // SAFETY: forwarded from the caller.
        Some("standard_io" | "user") => unsafe { ferl_bif_io_put__chars_1(p, t) },
        _ => badarg(p),
    }
}

/// `ferl_io:stdout_leader()`: the default group leader (`sys_bifs::DEFAULT_GROUP_LEADER`),
/// which `io` treats as standard input and output.
///
/// # Safety
/// `p` is not used.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_ferl__io_stdout__leader_0(_p: *mut Process) -> u64 {
    crate::sys_bifs::DEFAULT_GROUP_LEADER.raw()
}

/// `ferl_io:get_line(Prompt)`: write the prompt, read one line from standard input
/// (with its `\n`): a string, or `eof`.
///
/// # Safety
/// `p` must be the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_bif_ferl__io_get__line_1(p: *mut Process, prompt: u64) -> u64 {
    if p.is_null() {
        return NON_VALUE.raw();
    }
    let mut b = Vec::new();
    if chardata_bytes(term(prompt), &mut b).is_none() {
        return badarg(p);
    }
    out_write(&b);
    flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Term::intern("eof")
            .map(|t| t.raw())
            .unwrap_or(NON_VALUE.raw()),
        Ok(_) => {
            let chars: Vec<Term> = line.chars().filter_map(|c| Term::small(c as i64)).collect();
            // SAFETY: `p` is the running process (caller's contract); the list is built
            // on its heap (fragments when the block is full).
            crate::term::list(unsafe { &mut *p }, &chars).raw()
        }
        Err(_) => badarg(p),
    }
}

/// `erlang:halt/0`: flush standard output and exit 0.
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_boot_halt_0(_p: *mut Process) -> u64 {
    exit_now(0)
}

/// `erlang:halt/1` with a non-negative integer status (the OS keeps its low 8 bits):
/// flush standard output and exit; badarg otherwise.
///
/// # Safety
/// `p` must be null or the process the calling thread runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_boot_halt_1(p: *mut Process, s: u64) -> u64 {
    let t = term(s);
    match t.int_value() {
        Some(Int::Small(n)) if n >= 0 => exit_now((n & 0xFF) as i32),
        Some(Int::Big(b)) if b.sign() != num_bigint::Sign::Minus => exit_now(0),
        _ => badarg(p),
    }
}

/// A BIF that executables make callable through the export table (module, function,
/// arity, SystemV symbol `sym(p, args...) -> term | NON_VALUE`).
pub type RemoteBif = (&'static str, &'static str, u32, &'static str);

/// Symbols of *trap* entry points start with this: instead of a term they return the code
/// to tail-call (arguments already in the x-registers), or 0 with an exception raised
/// (`erlang:apply/2,3`, whose arity is only known at run time).
pub const TRAP_PREFIX: &str = "ferl_trap_";

/// Every BIF an executable registers in its export table: the output BIFs above, `halt`,
/// `apply`, the operators (`native::bifs`) and the pure BIFs of `bif::TABLE` (so
/// `fun erlang:length/1` and `apply` find them).
pub fn remote_bifs() -> Vec<RemoteBif> {
    let mut v: Vec<RemoteBif> = vec![
        ("erlang", "display", 1, "ferl_bif_erlang_display_1"),
        ("io", "put_chars", 1, "ferl_bif_io_put__chars_1"),
        ("io", "nl", 0, "ferl_bif_io_nl_0"),
        ("ferl_io", "put_chars", 1, "ferl_bif_ferl__io_put__chars_1"),
        ("ferl_io", "put_chars", 2, "ferl_bif_ferl__io_put__chars_2"),
        ("ferl_io", "get_line", 1, "ferl_bif_ferl__io_get__line_1"),
        (
            "ferl_io",
            "stdout_leader",
            0,
            "ferl_bif_ferl__io_stdout__leader_0",
        ),
        ("erlang", "halt", 0, "ferl_boot_halt_0"),
        ("erlang", "halt", 1, "ferl_boot_halt_1"),
        ("erlang", "apply", 2, "ferl_trap_erlang_apply_2"),
        ("erlang", "apply", 3, "ferl_trap_erlang_apply_3"),
        // process BIFs (`entry.rs`, `native/procs.rs`)
        ("erlang", "self", 0, "ferl_bif_erlang_self_0"),
        ("erlang", "send", 2, "ferl_bif_erlang_send_2"),
        ("erlang", "!", 2, "ferl_bif_erlang_send_2"),
        ("erlang", "make_ref", 0, "ferl_bif_erlang_make__ref_0"),
        ("erlang", "spawn", 1, "ferl_bif_erlang_spawn_1"),
        ("erlang", "spawn", 3, "ferl_bif_erlang_spawn_3"),
        ("erlang", "spawn_link", 1, "ferl_bif_erlang_spawn__link_1"),
        ("erlang", "spawn_link", 3, "ferl_bif_erlang_spawn__link_3"),
        (
            "erlang",
            "spawn_monitor",
            1,
            "ferl_bif_erlang_spawn__monitor_1",
        ),
        (
            "erlang",
            "spawn_monitor",
            3,
            "ferl_bif_erlang_spawn__monitor_3",
        ),
        ("erlang", "link", 1, "ferl_bif_erlang_link_1"),
        ("erlang", "unlink", 1, "ferl_bif_erlang_unlink_1"),
        ("erlang", "monitor", 2, "ferl_bif_erlang_monitor_2"),
        ("erlang", "demonitor", 1, "ferl_bif_erlang_demonitor_1"),
        ("erlang", "demonitor", 2, "ferl_bif_erlang_demonitor_2"),
        ("erlang", "exit", 2, "ferl_bif_erlang_exit_2"),
        (
            "erlang",
            "process_flag",
            2,
            "ferl_bif_erlang_process__flag_2",
        ),
        (
            "erlang",
            "process_info",
            2,
            "ferl_trap_erlang_process__info_2",
        ),
        (
            "erlang",
            "process_info",
            1,
            "ferl_trap_erlang_process__info_1",
        ),
        ("erlang", "processes", 0, "ferl_bif_erlang_processes_0"),
        (
            "erlang",
            "is_process_alive",
            1,
            "ferl_bif_erlang_is__process__alive_1",
        ),
        ("erlang", "register", 2, "ferl_bif_erlang_register_2"),
        ("erlang", "unregister", 1, "ferl_bif_erlang_unregister_1"),
        ("erlang", "whereis", 1, "ferl_bif_erlang_whereis_1"),
        ("erlang", "registered", 0, "ferl_bif_erlang_registered_0"),
        ("erlang", "put", 2, "ferl_bif_erlang_put_2"),
        ("erlang", "get", 1, "ferl_bif_erlang_get_1"),
        ("erlang", "erase", 1, "ferl_bif_erlang_erase_1"),
        ("erlang", "get", 0, "ferl_bif_erlang_get_0"),
        ("erlang", "get_keys", 0, "ferl_bif_erlang_get__keys_0"),
        ("erlang", "get_keys", 1, "ferl_bif_erlang_get__keys_1"),
        ("erlang", "erase", 0, "ferl_bif_erlang_erase_0"),
        ("erlang", "send_after", 3, "ferl_bif_erlang_send__after_3"),
        ("erlang", "start_timer", 3, "ferl_bif_erlang_start__timer_3"),
        (
            "erlang",
            "cancel_timer",
            1,
            "ferl_bif_erlang_cancel__timer_1",
        ),
        ("erlang", "read_timer", 1, "ferl_bif_erlang_read__timer_1"),
    ];
    for (sym, m, f, a) in crate::native::bifs::names() {
        if !v.iter().any(|x| x.0 == m && x.1 == f && x.2 == a) {
            v.push((m, f, a, sym));
        }
    }
    v.extend(crate::ets::bifs::table());
    v.extend(crate::osfile::table());
    for x in crate::sys_bifs::remote()
        .into_iter()
        .chain(crate::sys_bifs::extra_remote())
    {
        if !v.iter().any(|y| y.0 == x.0 && y.1 == x.1 && y.2 == x.2) {
            v.push(x);
        }
    }
    for d in TABLE {
        if d.arity <= 4
            && !v
                .iter()
                .any(|x| x.0 == d.module && x.1 == d.name && x.2 == d.arity)
        {
            v.push((d.module, d.name, d.arity, d.symbol));
        }
    }
    v
}

// ---- exceptions ----------------------------------------------------------------------

/// escript's headline for an uncaught exception (`erl_error:format_exception`'s first
/// line; `report::describe_uncaught` adds the stack trace).
pub fn describe_exception(class: Term, reason: Term) -> String {
    let c = class.atom_name().unwrap_or("error");
    let w = crate::print::to_string;
    let text = if c == "error" {
        let tag = reason
            .tuple_elements()
            .and_then(|e| (e.len() == 2).then(|| (e[0].atom_name(), e[1])));
        match (reason.atom_name(), tag) {
            (Some("badarg"), _) => "bad argument".to_string(),
            (Some("badarith"), _) => {
                "an error occurred when evaluating an arithmetic expression".to_string()
            }
            (Some("function_clause"), _) => "no function clause matching".to_string(),
            (Some("if_clause"), _) => {
                "no true branch found when evaluating an if expression".to_string()
            }
            (Some("undef"), _) => "undefined function".to_string(),
            (Some("system_limit"), _) => "a system limit has been reached".to_string(),
            (_, Some((Some("badmatch"), v))) => {
                format!("no match of right hand side value {}", w(v))
            }
            (_, Some((Some("case_clause"), v))) => format!("no case clause matching {}", w(v)),
            (_, Some((Some("try_clause"), v))) => format!("no try clause matching {}", w(v)),
            (_, Some((Some("badfun"), v))) => format!("bad function {}", w(v)),
            (_, Some((Some("badarity"), v))) => format!("bad arity {}", w(v)),
            (_, Some((Some("badkey"), v))) => format!("bad key {}", w(v)),
            (_, Some((Some("badmap"), v))) => format!("bad map {}", w(v)),
            _ => w(reason),
        }
    } else {
        w(reason)
    };
    format!("escript: exception {c}: {text}")
}

/// escript's report of the entry process's uncaught exception on stderr, with the stack
/// trace; on a terminal, also the source line of the failing expression (underlined).
fn report_uncaught(pr: &Process) {
    let mut text = crate::report::describe_uncaught(pr.exc_class, pr.exc_reason, pr.exc_trace);
    if crate::report::stderr_is_terminal() {
        if let Some(x) = crate::report::source_excerpt(pr.exc_trace) {
            text.push('\n');
            text.push_str(&x);
        }
    }
    eprintln!("{text}");
}

/// Pid serial of the entry process (`NO_ENTRY` until its first slice).
static ENTRY_PID: AtomicU64 = AtomicU64::new(NO_ENTRY);
/// `ENTRY_PID` before the entry process ran (serial 0 is a valid pid: the entry's own).
const NO_ENTRY: u64 = u64::MAX;
/// The boot object's trampoline.
static INNER_TRAMPOLINE: AtomicUsize = AtomicUsize::new(0);

/// The trampoline given to the schedulers: the boot object's, plus escript's policy for
/// the entry process: an uncaught exception prints escript's message and exits 127.
unsafe extern "C" fn trampoline(
    p: *mut Process,
    reds: i64,
    x0: u64,
    x1: u64,
    x2: u64,
    x3: u64,
) -> u64 {
    let inner = INNER_TRAMPOLINE.load(Ordering::Acquire);
    // SAFETY: set from the boot table before the schedulers start; it is the boot
    // object's SystemV trampoline of exactly this signature.
    let f: Trampoline = unsafe { std::mem::transmute::<usize, Trampoline>(inner) };
    // SAFETY: forwarded from the scheduler (a valid process it runs exclusively).
    let st = unsafe { f(p, reds, x0, x1, x2, x3) };
    if st == STATUS_RAISE {
        // SAFETY: as above.
        let pr = unsafe { &mut *p };
        let serial = pr.pid().pid_serial().unwrap_or(NO_ENTRY);
        if serial == ENTRY_PID.load(Ordering::Acquire) {
            flush_stdout();
            report_uncaught(pr);
            exit_now(UNCAUGHT_STATUS);
        }
    }
    st
}

/// First slice of any process: remember the entry process (the first one to run).
unsafe extern "C" fn first_trampoline(
    p: *mut Process,
    reds: i64,
    x0: u64,
    x1: u64,
    x2: u64,
    x3: u64,
) -> u64 {
    // SAFETY: forwarded from the scheduler.
    let serial = unsafe { &*p }.pid().pid_serial().unwrap_or(NO_ENTRY);
    let _ = ENTRY_PID.compare_exchange(NO_ENTRY, serial, Ordering::AcqRel, Ordering::Acquire);
    // SAFETY: forwarded from the scheduler.
    unsafe { trampoline(p, reds, x0, x1, x2, x3) }
}

fn cstr(w: u64) -> Option<&'static str> {
    if w == 0 {
        return None;
    }
    // SAFETY: the boot table's name words point at NUL-terminated static strings.
    unsafe { CStr::from_ptr(w as *const c_char) }.to_str().ok()
}

/// The program's entry point, called by the boot object's `main`: returns the exit
/// status (or exits the OS process directly for `halt` and uncaught exceptions).
///
/// # Safety
/// `argv` must hold `argc` C strings; `table` must be a boot table emitted by the code
/// generator for the modules linked into this executable, used once.
#[no_mangle]
pub unsafe extern "C" fn ferl_boot_main(
    argc: i32,
    argv: *const *const c_char,
    tbl: *const u64,
) -> i32 {
    use self::table as t;
    crate::heap::tune_allocator();
    let table = tbl;
    // SAFETY: the caller guarantees a valid table; we read only its declared extent.
    let w = |i: usize| unsafe { *table.add(i) };
    if table.is_null() || w(t::MAGIC) != t::MAGIC_VALUE {
        eprintln!("ferl: corrupt executable (boot table)");
        return 70;
    }
    let n_modules = w(t::N_MODULES) as usize;
    let n_stubs = w(t::N_STUBS) as usize;
    // BIF stubs first: a linked Erlang module exporting the same function (e.g. the
    // Erlang-written `io`) replaces them.
    let base = t::HEADER_WORDS + n_modules;
    for k in 0..n_stubs {
        let at = base + t::STUB_WORDS * k;
        let (Some(m), Some(f)) = (cstr(w(at)), cstr(w(at + 1))) else {
            continue;
        };
        if let (Ok(m), Ok(f)) = (Term::intern(m), Term::intern(f)) {
            crate::native::rt::register_export(m, f, w(at + 2) as u32, w(at + 3) as *const u8);
        }
    }
    for k in 0..n_modules {
        // SAFETY: each word is the address of a linked module descriptor, loaded once.
        if let Err(e) =
            unsafe { crate::native::loader::load_module(w(t::HEADER_WORDS + k) as *const u64) }
        {
            eprintln!("ferl: cannot load module {k}: {e:?}");
            return 70;
        }
    }
    let (Some(em), Some(ef)) = (cstr(w(t::ENTRY_MODULE)), cstr(w(t::ENTRY_FUNCTION))) else {
        eprintln!("ferl: corrupt executable (entry)");
        return 70;
    };
    let arity = w(t::ENTRY_ARITY) as u32;
    let code = match (Term::intern(em), Term::intern(ef)) {
        (Ok(m), Ok(f)) => crate::native::rt::lookup_export(m, f, arity),
        _ => None,
    };
    let Some(code) = code else {
        eprintln!("escript: exception error: undefined function {em}:{ef}/{arity}");
        return UNCAUGHT_STATUS;
    };
    INNER_TRAMPOLINE.store(w(t::TRAMPOLINE) as usize, Ordering::Release);
    let hooks = CodeHooks {
        trampoline: first_trampoline,
        bottom: w(t::BOTTOM) as *const u8,
    };
    let config = Config {
        code: Some(hooks),
        ..Config::default()
    };

    // The argument strings, built on a scratch process (the runtime copies them).
    let mut scratch = Process::new(0);
    let mut args = Vec::new();
    if arity == 1 {
        let mut strings = Vec::new();
        for i in 1..argc.max(1) as usize {
            // SAFETY: argv holds argc valid C strings.
            let a = unsafe { CStr::from_ptr(*argv.add(i)) };
            let chars: Vec<Term> = match a.to_str() {
                Ok(s) => s.chars().filter_map(|c| Term::small(c as i64)).collect(),
                Err(_) => a
                    .to_bytes()
                    .iter()
                    .filter_map(|&b| Term::small(b as i64))
                    .collect(),
            };
            strings.push(crate::term::list(&mut *scratch, &chars));
        }
        args.push(crate::term::list(&mut *scratch, &strings));
    }
    let status = Runtime::run_compiled(config, code, &args);
    drop(scratch);
    flush_stdout();
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_c_percent_e() {
        assert_eq!(display_float(1.5), "1.500000e+00");
        assert_eq!(display_float(1.0e100), "1.000000e+100");
        assert_eq!(display_float(-0.0), "-0.000000e+00");
        assert_eq!(display_float(5.0e-324), "4.940656e-324");
        assert_eq!(display_float(123.456), "1.234560e+02");
    }

    #[test]
    fn display_atoms_follow_erts_quoting() {
        let f = |s: &str| {
            let mut v = Vec::new();
            display_atom(&mut v, s);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(f("if"), "if");
        assert_eq!(f("abc@d"), "'abc@d'");
        assert_eq!(f("a'b"), "'a\\'b'");
        assert_eq!(f("é"), "é");
        assert_eq!(f("A"), "'A'");
        assert_eq!(f(""), "''");
    }

    #[test]
    fn remote_bif_symbols_follow_the_abi() {
        for (m, f, a, sym) in remote_bifs() {
            // (boot and trap entry points have their own names; `'!'/2` is `send/2`)
            if !sym.starts_with("ferl_boot_") && !sym.starts_with(TRAP_PREFIX) && f != "!" {
                assert_eq!(sym, crate::abi::bif_symbol(m, f, a));
            }
        }
    }
}
