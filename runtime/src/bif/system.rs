//! System BIFs of `erlang` that need no process or scheduler: `unique_integer/0,1`,
//! `now/0`, `time_offset/0,1`, `posixtime_to_universaltime/1`,
//! `universaltime_to_posixtime/1`, `list_to_pid/1`, `list_to_ref/1`, `is_alive/0`,
//! `nodes/0,1`, `external_size/1,2`, `term_to_iovec/1,2`, `iolist_to_iovec/1`,
//! `get_cookie/0,1`, `bump_reductions/1`, `module_loaded/1`, `loaded/0`.
//!
//! Owns: process-wide counters (`unique_integer`, the strictly increasing `now/0`) and
//! the time offset, fixed at its first use (ferl has no time warp: OTP's
//! `no_time_warp` mode, where the offset never changes). ferl is never distributed:
//! `is_alive()` is false, `nodes/0,1` name no other node.
//! Must not: allocate anything but the result.

use super::{badarg, binaries, char_list, clock, time};
use crate::atom::idx;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term, PID_MAX};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::OnceLock;

static UNIQUE: AtomicI64 = AtomicI64::new(1);

/// `unique_integer()`: unique in this runtime instance (may be negative, as on BEAM).
pub fn unique_integer(h: &mut dyn Heap) -> BifResult {
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
    Ok(term::int(h, n - (1 << 59)))
}

/// `unique_integer(Modifiers)`: `positive` and/or `monotonic` (one counter serves both:
/// every value is also strictly greater than all earlier ones).
pub fn unique_integer1(h: &mut dyn Heap, mods: Term) -> BifResult {
    let mods = mods.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut positive = false;
    for m in mods {
        match m.atom_name() {
            Some("positive") => positive = true,
            Some("monotonic") => {}
            _ => return badarg(),
        }
    }
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
    Ok(term::int(h, if positive { n } else { n - (1 << 59) }))
}

static LAST_NOW: AtomicU64 = AtomicU64::new(0);

/// `now()`: `{MegaSecs, Secs, MicroSecs}` of the system clock, strictly increasing
/// between calls (as BEAM's).
pub fn now(h: &mut dyn Heap) -> BifResult {
    let wall = time::system_ns().max(0) as u64 / 1000;
    let mut last = LAST_NOW.load(Ordering::Relaxed);
    let us = loop {
        let next = wall.max(last + 1);
        match LAST_NOW.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => break next,
            Err(l) => last = l,
        }
    };
    let parts = [
        term::int(h, (us / 1_000_000_000_000) as i64),
        term::int(h, (us / 1_000_000 % 1_000_000) as i64),
        term::int(h, (us % 1_000_000) as i64),
    ];
    Ok(term::tuple(h, &parts))
}

fn offset_ns() -> i128 {
    static OFFSET: OnceLock<i128> = OnceLock::new();
    *OFFSET.get_or_init(|| time::system_ns() - time::mono_ns())
}

/// `time_offset()` (native units): system time minus monotonic time.
pub fn time_offset(h: &mut dyn Heap) -> BifResult {
    Ok(term::bigint(h, &offset_ns().into()))
}

/// `time_offset(Unit)`.
pub fn time_offset1(h: &mut dyn Heap, unit: Term) -> BifResult {
    time::in_unit(h, offset_ns(), unit)
}

/// `posixtime_to_universaltime(Secs)`.
pub fn posixtime_to_universaltime(h: &mut dyn Heap, t: Term) -> BifResult {
    let s = t.small_value().ok_or_else(Exception::badarg)?;
    Ok(clock::make(h, clock::to_datetime(s)))
}

/// `universaltime_to_posixtime({{Y,M,D},{H,Mi,S}})`.
pub fn universaltime_to_posixtime(h: &mut dyn Heap, t: Term) -> BifResult {
    let dt = clock::parse(t)
        .filter(|dt| dt.0 .0 >= 1)
        .ok_or_else(Exception::badarg)?;
    Ok(term::int(h, clock::from_datetime(dt)))
}

/// Parse `<prefix>N.N...<suffix>` as its dot-separated numbers.
fn numbers(s: &str, prefix: &str, n: usize) -> Option<Vec<u64>> {
    let inner = s.strip_prefix(prefix)?.strip_suffix('>')?;
    let v: Vec<u64> = inner
        .split('.')
        .map(|p| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    (v.len() == n).then_some(v)
}

/// `list_to_pid("<0.N.0>")`: a local pid (ferl has no other nodes: a non-zero node
/// number is badarg).
pub fn list_to_pid(_h: &mut dyn Heap, t: Term) -> BifResult {
    let s = char_list(t).ok_or_else(Exception::badarg)?;
    match numbers(&s, "<", 3).as_deref() {
        Some([0, n, 0]) if *n <= PID_MAX => Ok(Term::pid(*n)),
        _ => badarg(),
    }
}

/// `list_to_ref("#Ref<0.A.B.C>")`: the local reference with those id words.
pub fn list_to_ref(h: &mut dyn Heap, t: Term) -> BifResult {
    let s = char_list(t).ok_or_else(Exception::badarg)?;
    match numbers(&s, "#Ref<", 4).as_deref() {
        Some([0, a, b, c]) if [a, b, c].iter().all(|x| **x <= u32::MAX as u64) => {
            Ok(term::reference(h, [*c as u32, *b as u32, *a as u32]))
        }
        _ => badarg(),
    }
}

/// `is_alive()`: ferl is never a distributed node.
pub fn is_alive(_h: &mut dyn Heap) -> BifResult {
    Ok(Term::atom(idx::FALSE))
}

/// `nodes()`: the connected nodes (none).
pub fn nodes(_h: &mut dyn Heap) -> BifResult {
    Ok(Term::NIL)
}

/// `nodes(Arg)`: `Arg` one of visible, hidden, connected, this, known, or a list of
/// them; only `this` and `known` name a node (this one).
pub fn nodes1(h: &mut dyn Heap, arg: Term) -> BifResult {
    let kinds = if arg.is_atom() {
        vec![arg]
    } else {
        arg.list_to_vec().ok_or_else(Exception::badarg)?
    };
    let mut me = false;
    for k in kinds {
        match k.atom_name() {
            Some("this" | "known") => me = true,
            Some("visible" | "hidden" | "connected") => {}
            _ => return badarg(),
        }
    }
    Ok(if me {
        term::cons(h, Term::atom(idx::NONODE), Term::NIL)
    } else {
        Term::NIL
    })
}

/// `external_size(Term)`: the size of `term_to_binary(Term)`.
pub fn external_size(h: &mut dyn Heap, t: Term) -> BifResult {
    let b = binaries::term_to_binary(h, t)?;
    Ok(super::uint(b.binary_bytes().map_or(0, <[u8]>::len)))
}

/// `external_size(Term, Options)`: the size of `term_to_binary(Term, Options)`; as on
/// BEAM, `compressed` is not an option here (badarg).
pub fn external_size2(h: &mut dyn Heap, t: Term, opts: Term) -> BifResult {
    let l = opts.list_to_vec().ok_or_else(Exception::badarg)?;
    let compressed = |o: &Term| {
        o.atom_name() == Some("compressed")
            || o.tuple_elements()
                .is_some_and(|e| e.len() == 2 && e[0].atom_name() == Some("compressed"))
    };
    if l.iter().any(compressed) {
        return badarg();
    }
    let b = binaries::term_to_binary2(h, t, opts)?;
    Ok(super::uint(b.binary_bytes().map_or(0, <[u8]>::len)))
}

/// `term_to_iovec(Term)`: `[term_to_binary(Term)]`.
pub fn term_to_iovec(h: &mut dyn Heap, t: Term) -> BifResult {
    let b = binaries::term_to_binary(h, t)?;
    Ok(term::cons(h, b, Term::NIL))
}

/// `term_to_iovec(Term, Options)`.
pub fn term_to_iovec2(h: &mut dyn Heap, t: Term, opts: Term) -> BifResult {
    let b = binaries::term_to_binary2(h, t, opts)?;
    Ok(term::cons(h, b, Term::NIL))
}

/// `iolist_to_iovec(IoData)`: one binary, or `[]` for empty data.
pub fn iolist_to_iovec(h: &mut dyn Heap, t: Term) -> BifResult {
    let bytes = match t.binary_bytes() {
        Some(b) => b.to_vec(),
        None => binaries::iolist_bytes(t)?,
    };
    if bytes.is_empty() {
        return Ok(Term::NIL);
    }
    let b = term::binary(h, &bytes);
    Ok(term::cons(h, b, Term::NIL))
}

/// `get_cookie()`: `nocookie` (not distributed).
pub fn get_cookie(_h: &mut dyn Heap) -> BifResult {
    Term::intern("nocookie").map_err(|_| Exception::badarg())
}

/// `get_cookie(Node)`: `nocookie`.
pub fn get_cookie1(h: &mut dyn Heap, node: Term) -> BifResult {
    if !node.is_atom() {
        return badarg();
    }
    get_cookie(h)
}

/// `bump_reductions(N)`: `true` for N >= 0 (ferl's budget stays in the caller's
/// register: the hint has no effect).
pub fn bump_reductions(_h: &mut dyn Heap, n: Term) -> BifResult {
    match n.small_value() {
        Some(v) if v >= 0 => Ok(Term::atom(idx::TRUE)),
        _ => badarg(),
    }
}

/// `module_loaded(Module)`: the module has functions in the export table.
pub fn module_loaded(_h: &mut dyn Heap, m: Term) -> BifResult {
    if !m.is_atom() {
        return badarg();
    }
    Ok(Term::bool(crate::native::rt::loaded_modules().contains(&m)))
}

/// `loaded()`: the modules of the export table.
pub fn loaded(h: &mut dyn Heap) -> BifResult {
    let ms = crate::native::rt::loaded_modules();
    Ok(crate::signal::list_of(h, &ms))
}
