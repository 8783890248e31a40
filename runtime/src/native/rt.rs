//! Runtime helpers for compiled code (`ferl_rt_*`): unwinding to catch frames, raising the
//! error terms of `fail`, apply of funs, remote calls through the export table, generic
//! comparisons and map primitives.
//!
//! Owns: the helpers' C signatures (documented in `docs/runtime-abi.md` section 8).
//! Must not: collect garbage (only `ferl_rt_gc` does), or unwind.

use crate::atom::idx;
use crate::cmp;
use crate::exception::Exception;
use crate::process::{frame, is_frame_marker, Process, STATUS_RAISE};
use crate::term::{self, Term, NON_VALUE};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::RwLock;

/// Pop frames until a catch frame: returns its continuation (the handler, which reads
/// and pops the catch frame itself), or 0 when the bottom frame is reached (the process
/// dies with the exception; the bottom frame stays).
///
/// # Safety
/// `p` must be a valid process with a well-formed stack.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_unwind(p: *mut Process) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    // Raised by code without a site (a BIF stub): the trace is the frames only.
    if p.exc_trace.is_nil() {
        crate::trace::build(p, None);
    }
    unwind_frames(p)
}

/// The unwinding part of [`ferl_rt_unwind`] (no trace building).
pub(crate) fn unwind_frames(p: &mut Process) -> u64 {
    p.status = STATUS_RAISE;
    loop {
        let Some((kind, cont, _)) = p.top_frame() else {
            return 0;
        };
        match kind {
            frame::CATCH => return cont as u64,
            frame::BOTTOM => return 0,
            _ => {
                p.pop_frame();
            }
        }
    }
}

/// Fail kinds of [`ferl_rt_fail`], matching the IR's `FailReason` order.
pub mod fail {
    #![allow(missing_docs)]
    pub const BADMATCH: u64 = 0;
    pub const CASE_CLAUSE: u64 = 1;
    pub const IF_CLAUSE: u64 = 2;
    pub const TRY_CLAUSE: u64 = 3;
    pub const FUNCTION_CLAUSE: u64 = 4;
    pub const BAD_GENERATOR: u64 = 5;
    pub const BAD_FILTER: u64 = 6;
    pub const BADARG_VALUE: u64 = 7;
}

/// Raise the error of an IR `fail`: `kind` from [`fail`], `v` the value (ignored for
/// `if_clause`/`function_clause`). Always returns NON_VALUE with status RAISE.
///
/// # Safety
/// `p` must be a valid process.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_fail(p: *mut Process, kind: u64, v: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms.
    let v = unsafe { Term::from_raw(v) };
    let e = match kind {
        fail::BADMATCH => Exception::tagged(p, idx::BADMATCH, v),
        fail::CASE_CLAUSE => Exception::tagged(p, idx::CASE_CLAUSE, v),
        fail::IF_CLAUSE => Exception::error(Term::atom(idx::IF_CLAUSE)),
        fail::TRY_CLAUSE => Exception::tagged(p, idx::TRY_CLAUSE, v),
        fail::FUNCTION_CLAUSE => Exception::error(Term::atom(idx::FUNCTION_CLAUSE)),
        fail::BAD_GENERATOR | fail::BAD_FILTER => {
            let name = if kind == fail::BAD_GENERATOR {
                "bad_generator"
            } else {
                "bad_filter"
            };
            match Term::intern(name) {
                Ok(a) => Exception::error(term::tuple(p, &[a, v])),
                Err(_) => Exception::system_limit(),
            }
        }
        _ => Exception::tagged(p, idx::BADARG, v),
    };
    p.raise(e.class, e.reason).raw()
}

/// Re-raise class/reason with a raw trace (`erlang:raise/3` semantics for caught
/// exceptions). Always returns NON_VALUE with status RAISE.
///
/// # Safety
/// `p` must be a valid process.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_reraise(
    p: *mut Process,
    class: u64,
    reason: u64,
    trace: u64,
) -> u64 {
    // SAFETY: caller guarantees a valid process and valid terms.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms.
    let (c, r, t) = unsafe {
        (
            Term::from_raw(class),
            Term::from_raw(reason),
            Term::from_raw(trace),
        )
    };
    p.raise(c, r);
    p.exc_trace = t;
    NON_VALUE.raw()
}

/// Generic comparison for compiled code's slow path: `op` 0 `==`, 1 `/=`, 2 `=:=`,
/// 3 `=/=`, 4 `<`, 5 `=<`, 6 `>`, 7 `>=`. Returns 1 or 0. `_p` (the calling process,
/// unused) lets compiled code make the call through `ferl_rt_cold_call`.
#[no_mangle]
pub extern "C" fn ferl_rt_cmp(_p: *mut Process, op: u64, a: u64, b: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    let (a, b) = unsafe { (Term::from_raw(a), Term::from_raw(b)) };
    let r = match op {
        0 => cmp::eq(a, b),
        1 => !cmp::eq(a, b),
        2 => cmp::exact_eq(a, b),
        3 => !cmp::exact_eq(a, b),
        4 => cmp::compare(a, b) == Ordering::Less,
        5 => cmp::compare(a, b) != Ordering::Greater,
        6 => cmp::compare(a, b) == Ordering::Greater,
        _ => cmp::compare(a, b) != Ordering::Less,
    };
    r as u64
}

/// Box an unboxed float (its IEEE bits) on the process's heap (or a heap fragment; never
/// collects): compiled code's cold paths use it to hand a float it kept in a register to
/// the runtime's general BIF entry points.
///
/// # Safety
/// `p` must be the calling process.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_box_float(p: *mut Process, bits: u64) -> u64 {
    // SAFETY: compiled code passes its own valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    crate::term::float(p, f64::from_bits(bits)).raw()
}

/// `is_function(F, Arity)`: 1 or 0.
#[no_mangle]
pub extern "C" fn ferl_rt_is_function2(f: u64, arity: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    let (f, a) = unsafe { (Term::from_raw(f), Term::from_raw(arity)) };
    match (f.fun_arity(), a.small_value()) {
        (Some(fa), Some(n)) => (n >= 0 && fa as i64 == n) as u64,
        _ => 0,
    }
}

/// Map lookup for the `map_get` test: the value, or NON_VALUE when `m` is not a map or has
/// no key `k`.
#[no_mangle]
pub extern "C" fn ferl_rt_map_get(m: u64, k: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    let (m, k) = unsafe { (Term::from_raw(m), Term::from_raw(k)) };
    if !m.is_map() {
        return NON_VALUE.raw();
    }
    crate::map::get(m, k).map_or(NON_VALUE.raw(), Term::raw)
}

/// `#{K => V, ...}` from `n` key/value pairs in `xregs[0..2n]` (later keys win).
///
/// # Safety
/// `p` must be a valid process with 2n valid terms in its x-registers.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_map_new(p: *mut Process, n: u64) -> u64 {
    // SAFETY: caller guarantees a valid process.
    let p = unsafe { &mut *p };
    let pairs: Vec<(Term, Term)> = (0..n as usize)
        .map(|i| (p.x(2 * i), p.x(2 * i + 1)))
        .collect();
    let mut m = crate::map::from_pairs(p, &[]);
    for (k, v) in pairs {
        if let Some(m2) = crate::map::put(p, m, k, v) {
            m = m2;
        }
    }
    m.raw()
}

/// `M#{...}`: `n` operations in `xregs[0..3n]` as (kind: small 0 `=>` / 1 `:=`, key,
/// value), applied in order. Raises `{badmap,M}` / `{badkey,K}`.
///
/// # Safety
/// `p` must be a valid process with 3n valid terms in its x-registers.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_map_update(p: *mut Process, m: u64, n: u64) -> u64 {
    // SAFETY: caller guarantees a valid process and valid terms.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms.
    let mut m = unsafe { Term::from_raw(m) };
    if !m.is_map() {
        let e = Exception::tagged(p, idx::BADMAP, m);
        return p.raise(e.class, e.reason).raw();
    }
    let ops: Vec<(Term, Term, Term)> = (0..n as usize)
        .map(|i| (p.x(3 * i), p.x(3 * i + 1), p.x(3 * i + 2)))
        .collect();
    for (kind, k, v) in ops {
        let r = if kind.small_value() == Some(1) {
            crate::map::update(p, m, k, v)
        } else {
            crate::map::put(p, m, k, v)
        };
        match r {
            Some(m2) => m = m2,
            None => {
                let e = Exception::tagged(p, idx::BADKEY, k);
                return p.raise(e.class, e.reason).raw();
            }
        }
    }
    m.raw()
}

/// Key of the export table: (module atom, function atom, arity).
type Mfa = (u64, u64, u32);

fn exports() -> &'static RwLock<HashMap<Mfa, usize>> {
    static T: std::sync::OnceLock<RwLock<HashMap<Mfa, usize>>> = std::sync::OnceLock::new();
    T.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Bumped by every change of the export table; invalidates the per-thread caches.
static EXPORTS_GEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Entries of the per-thread export cache (a power of two).
const EXPORT_CACHE: usize = 256;

/// One cached lookup: generation (0 = empty), key, code address.
type CacheSlot = (u64, Mfa, usize);

thread_local! {
    /// A direct-mapped cache in front of the shared export table: calls with a run-time
    /// module or function (`Mod:handle_cast(..)` in gen_server) would otherwise take the
    /// table's read lock (a shared cache line) and hash on every call.
    static EXPORT_CACHE_T: std::cell::RefCell<[CacheSlot; EXPORT_CACHE]> =
        const { std::cell::RefCell::new([(0, (0, 0, 0), 0); EXPORT_CACHE]) };
}

/// Register (or replace) the code of exported `M:F/A` in the export table.
pub fn register_export(m: Term, f: Term, arity: u32, code: *const u8) {
    let mut t = exports().write().unwrap_or_else(|e| e.into_inner());
    t.insert((m.raw(), f.raw(), arity), code as usize);
    EXPORTS_GEN.fetch_add(1, std::sync::atomic::Ordering::Release);
}

/// The code of exported `M:F/A`, if loaded.
pub fn lookup_export(m: Term, f: Term, arity: u32) -> Option<*const u8> {
    let key = (m.raw(), f.raw(), arity);
    let gen = EXPORTS_GEN.load(std::sync::atomic::Ordering::Acquire);
    let h = (key.0 ^ key.1.rotate_left(17) ^ u64::from(arity).wrapping_mul(0x9E37_79B9))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let slot = (h >> 56) as usize & (EXPORT_CACHE - 1);
    let hit = EXPORT_CACHE_T
        .try_with(|c| {
            let e = c.borrow()[slot];
            (e.0 == gen && e.1 == key).then_some(e.2)
        })
        .ok()
        .flatten();
    if let Some(a) = hit {
        return Some(a as *const u8);
    }
    let found = {
        let t = exports().read().unwrap_or_else(|e| e.into_inner());
        t.get(&key).copied()
    };
    if let Some(a) = found {
        let _ = EXPORT_CACHE_T.try_with(|c| c.borrow_mut()[slot] = (gen, key, a));
    }
    found.map(|a| a as *const u8)
}

/// The modules with at least one function in the export table, each once.
pub fn loaded_modules() -> Vec<Term> {
    let t = exports().read().unwrap_or_else(|e| e.into_inner());
    let mut ms: Vec<u64> = t.keys().map(|k| k.0).collect();
    ms.sort_unstable();
    ms.dedup();
    // SAFETY: the keys hold module atoms' raw words.
    ms.into_iter()
        .map(|w| unsafe { Term::from_raw(w) })
        .collect()
}

fn undef(p: &mut Process) -> u64 {
    p.raise(Term::atom(idx::ERROR), Term::atom(idx::UNDEF))
        .raw();
    0
}

/// Resolve a remote call `M:F/arity` through the export table: its code address, or 0
/// with `error:undef` raised (also for a non-atom module or function).
///
/// # Safety
/// `p` must be a valid process.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_call_export(p: *mut Process, m: u64, f: u64, arity: u64) -> u64 {
    // SAFETY: caller guarantees a valid process.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms.
    let (m, f) = unsafe { (Term::from_raw(m), Term::from_raw(f)) };
    if !m.is_atom() || !f.is_atom() {
        let e = Exception::badarg();
        p.raise(e.class, e.reason);
        return 0;
    }
    match lookup_export(m, f, arity as u32) {
        Some(c) => c as u64,
        None => undef(p),
    }
}

/// Prepare `Fun(Args)` with the `nargs` arguments already in `xregs[0..nargs]`: for a
/// closure, append its free variables after them and return its code; for an export fun,
/// return the exported code. 0 with `{badfun,F}` / `{badarity,{F,Args}}` / `undef` raised.
///
/// # Safety
/// `p` must be a valid process with nargs valid terms in its x-registers.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_apply(p: *mut Process, f: u64, nargs: u64) -> u64 {
    // SAFETY: caller guarantees a valid process.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms.
    let fun = unsafe { Term::from_raw(f) };
    let n = nargs as usize;
    if let Some((entry, env)) = fun.closure_parts() {
        if entry.arity as usize != n {
            return badarity(p, fun, n);
        }
        if n + env.len() > crate::process::MAX_XREGS {
            let e = Exception::system_limit();
            p.raise(e.class, e.reason);
            return 0;
        }
        let code = entry.code as u64;
        let env: Vec<Term> = env.to_vec();
        for (i, t) in env.into_iter().enumerate() {
            p.set_x(n + i, t);
        }
        return code;
    }
    if let Some((m, fname, a)) = fun.export_mfa() {
        if a as usize != n {
            return badarity(p, fun, n);
        }
        return match lookup_export(m, fname, a) {
            Some(c) => c as u64,
            None => undef(p),
        };
    }
    let e = Exception::tagged(p, idx::BADFUN, fun);
    p.raise(e.class, e.reason);
    0
}

/// The elements of proper list `args` into `xregs[0..n]`; n, or None with badarg raised.
fn args_to_x(p: &mut Process, args: u64) -> Option<u64> {
    // SAFETY: compiled code passes valid terms.
    let args = unsafe { Term::from_raw(args) };
    match args.list_to_vec() {
        Some(v) if v.len() <= crate::process::MAX_XREGS => {
            for (i, t) in v.iter().enumerate() {
                p.set_x(i, *t);
            }
            Some(v.len() as u64)
        }
        _ => {
            let e = Exception::badarg();
            p.raise(e.class, e.reason);
            None
        }
    }
}

/// `erlang:apply(Fun, Args)` as a trap (`boot::TRAP_PREFIX`): the arguments go to the
/// x-registers and the fun's code is returned, or 0 with badarg (Args not a proper list)
/// or what `ferl_rt_apply` raises.
///
/// # Safety
/// `p` must be a valid process.
#[no_mangle]
pub unsafe extern "C" fn ferl_trap_erlang_apply_2(p: *mut Process, f: u64, args: u64) -> u64 {
    // SAFETY: caller guarantees a valid process.
    let Some(n) = args_to_x(unsafe { &mut *p }, args) else {
        return 0;
    };
    // SAFETY: as above; the n arguments are in the x-registers.
    unsafe { ferl_rt_apply(p, f, n) }
}

/// `erlang:apply(Module, Function, Args)` as a trap: like `ferl_trap_erlang_apply_2`
/// for the exported `Module:Function/length(Args)`.
///
/// # Safety
/// `p` must be a valid process.
#[no_mangle]
pub unsafe extern "C" fn ferl_trap_erlang_apply_3(
    p: *mut Process,
    m: u64,
    f: u64,
    args: u64,
) -> u64 {
    // SAFETY: caller guarantees a valid process.
    let Some(n) = args_to_x(unsafe { &mut *p }, args) else {
        return 0;
    };
    // SAFETY: as above.
    unsafe { ferl_rt_call_export(p, m, f, n) }
}

fn badarity(p: &mut Process, fun: Term, n: usize) -> u64 {
    let args: Vec<Term> = (0..n).map(|i| p.x(i)).collect();
    let l = term::list(p, &args);
    let inner = term::tuple(p, &[fun, l]);
    let e = Exception::tagged(p, idx::BADARITY, inner);
    p.raise(e.class, e.reason);
    0
}

/// Push the bottom frame whose continuation `done` ends the process's code (the code
/// generator's `ferl_cg_done`). False if there is no room.
pub fn push_bottom_frame(p: &mut Process, done: *const u8) -> bool {
    p.push_frame(frame::BOTTOM, done as usize, &[])
}

/// Is the top of `p`'s stack the bottom frame (nothing left to return to).
pub fn at_bottom(p: &Process) -> bool {
    matches!(p.top_frame(), Some((frame::BOTTOM, _, _)))
}

/// Check a frame marker word (re-exported for tests of compiled code).
pub fn is_marker(w: u64) -> bool {
    is_frame_marker(w)
}

pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
    vec![
        ("ferl_rt_gc", crate::gc::ferl_rt_gc as *const u8),
        ("ferl_rt_unwind", ferl_rt_unwind as *const u8),
        ("ferl_rt_fail", ferl_rt_fail as *const u8),
        ("ferl_rt_reraise", ferl_rt_reraise as *const u8),
        ("ferl_rt_cmp", ferl_rt_cmp as *const u8),
        ("ferl_rt_box_float", ferl_rt_box_float as *const u8),
        ("ferl_rt_is_function2", ferl_rt_is_function2 as *const u8),
        ("ferl_rt_map_get", ferl_rt_map_get as *const u8),
        ("ferl_rt_map_new", ferl_rt_map_new as *const u8),
        ("ferl_rt_map_update", ferl_rt_map_update as *const u8),
        ("ferl_rt_call_export", ferl_rt_call_export as *const u8),
        ("ferl_rt_apply", ferl_rt_apply as *const u8),
        ("ferl_rt_is_binary", ferl_rt_is_binary as *const u8),
        ("ferl_rt_save_args", ferl_rt_save_args as *const u8),
        (
            "ferl_rt_tuple_of_xregs",
            ferl_rt_tuple_of_xregs as *const u8,
        ),
    ]
}

/// A tuple of `xregs[0..n]` (never collects: a full block means a heap fragment). Compiled
/// code packs the values it cannot pass to `ferl_rt_gc` in x-registers (more than
/// `MAX_XREGS` live at an allocation) into such tuples, which the collection then moves.
///
/// # Safety
/// `p` must be a valid process with `n` valid terms in its x-registers.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_tuple_of_xregs(p: *mut Process, n: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    let n = (n as usize).min(crate::process::MAX_XREGS);
    let elems: Vec<Term> = (0..n).map(|i| p.x(i)).collect();
    crate::process::tuple(p, &elems).raw()
}

/// `is_binary(V)` (a bitstring of a whole number of bytes): 1 or 0.
#[no_mangle]
pub extern "C" fn ferl_rt_is_binary(v: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    unsafe { Term::from_raw(v) }.is_binary() as u64
}

/// Save the `n` arguments in `xregs[0..n]` in a RETURN frame `[marker(n), code, args..]`
/// (collecting first when there is no room, with those arguments as roots), so that the
/// process can be suspended and later resumed by the code generator's resume stub, which
/// pops the frame and calls `code` with the arguments. Returns 0.
///
/// # Safety
/// `p` must be a valid process with n valid terms in its x-registers (n <= MAX_XREGS).
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_save_args(p: *mut Process, code: u64, n: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    let n = (n as usize).min(crate::process::MAX_XREGS);
    let mut args: Vec<Term> = (0..n).map(|i| p.x(i)).collect();
    if !p.push_frame(frame::RETURN, code as usize, &args) {
        crate::gc::collect(p, n + 2, &mut args);
        let pushed = p.push_frame(frame::RETURN, code as usize, &args);
        debug_assert!(pushed, "collect guarantees the requested room");
    }
    0
}
