//! Stack traces of exceptions raised by compiled code, built only when an exception is
//! raised (the call/return paths never pay for them).
//!
//! The code generator emits, per module, a *site table*: one record per raise site and per
//! continuation (non-tail call) with the function, arity, file and line (format in
//! [`site`], `docs/runtime-abi.md` section 13). The loader registers the continuation
//! addresses ([`register_sites`]); at a raise, [`build`] turns the raise site plus the
//! RETURN frames on the process stack into BEAM's term
//! `[{Module, Function, Arity | Args, [{file, F}, {line, L}]}, ...]` (at most
//! [`backtrace_depth`] entries, 8 by default like BEAM).
//!
//! Owns: the site-record format, the continuation registry, the depth limit, trace terms.
//! Must not: collect garbage (terms go to the process heap or its fragments; the constant
//! entry of each site is built once in leaked static memory and shared), or unwind.

use crate::atom::idx;
use crate::heap::FragHeap;
use crate::process::{frame, is_frame_marker, Process, MAX_XREGS};
use crate::term::{self, Term, NIL};
use std::collections::HashMap;
use std::ffi::CStr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

/// Word offsets of a site record (`site::WORDS` words each, in writable static data).
pub mod site {
    #![allow(missing_docs)]
    /// Continuation address of a non-tail call (raw), or 0 for a raise site.
    pub const CODE: usize = 0;
    /// Module atom (patched at load).
    pub const MODULE: usize = 1;
    /// Function atom (patched at load).
    pub const FUNCTION: usize = 2;
    /// Visible arity (raw).
    pub const ARITY: usize = 3;
    /// `line | col << 32 | end_col << 48` (raw; 0 = unknown).
    pub const POS: usize = 4;
    /// File name atom (patched at load), or NIL when unknown.
    pub const FILE: usize = 5;
    /// One of [`super::kind`] (raw).
    pub const KIND: usize = 6;
    /// BIF module atom for `kind::BIF` (patched), else NIL.
    pub const BIF_MODULE: usize = 7;
    /// BIF name atom for `kind::BIF` (patched), else NIL.
    pub const BIF_NAME: usize = 8;
    /// Number of terms the raise path stored in the x-registers (raw).
    pub const NARGS: usize = 9;
    /// The cached constant entry term (0 until first built).
    pub const CACHE: usize = 10;
    /// For code inlined from a non-tail call: the distance in records (signed, raw) to
    /// the record of the caller's entry, which follows this one in a trace; 0: none.
    pub const PARENT: usize = 11;
    pub const WORDS: usize = 12;
}

/// Site kinds: what the raise path stored in the x-registers before raising.
pub mod kind {
    /// Nothing: the entry is the function and line of the site.
    pub const PLAIN: u64 = 0;
    /// A BIF call failed: its arguments are in `xregs[0..nargs]`.
    pub const BIF: u64 = 1;
    /// A non-tail remote call failed: `xregs[0]` = module, `xregs[1]` = function, then
    /// the `nargs - 2` arguments (`undef` shows `{M, F, Args, []}` first, as BEAM); its
    /// continuation frame, already pushed, names the caller.
    pub const CALL: u64 = 2;
    /// `function_clause`: the function's arguments are in `xregs[0..nargs]` (shown
    /// instead of the arity, as BEAM).
    pub const CLAUSE: u64 = 3;
    /// A re-raise (`erlang:raise/3`, a rethrow): the trace is already set.
    pub const KEEP: u64 = 4;
    /// As [`CALL`], for a tail call: after the `undef` entry the caller's own entry is
    /// left out (its frame is gone, as on BEAM).
    pub const TAIL_CALL: u64 = 5;
    /// A non-tail call whose continuation frame is already on the stack when the call
    /// fails (`apply` of a bad fun): the frame names the function, the site adds nothing.
    pub const FRAMED: u64 = 6;
}

/// Site table header words (then `n_sites` records).
pub mod table {
    #![allow(missing_docs)]
    pub const N_SITES: usize = 0;
    /// NUL-terminated directory the module was compiled in (raw pointer), or 0.
    pub const COMPILE_DIR: usize = 1;
    pub const HEADER_WORDS: usize = 2;
}

static DEPTH: AtomicUsize = AtomicUsize::new(8);

/// The maximum number of entries of a stack trace (`erlang:system_flag(backtrace_depth)`).
pub fn backtrace_depth() -> usize {
    DEPTH.load(Ordering::Relaxed)
}

/// Set the depth (clamped to 0..=1_000_000 as BEAM does not bound it usefully); returns
/// the previous value.
pub fn set_backtrace_depth(n: usize) -> usize {
    DEPTH.swap(n.min(1_000_000), Ordering::Relaxed)
}

fn conts() -> &'static RwLock<HashMap<usize, usize>> {
    static T: OnceLock<RwLock<HashMap<usize, usize>>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(HashMap::new()))
}

/// The compile directory recorded per loaded site table (for reading source lines).
fn dirs() -> &'static RwLock<Vec<(usize, usize, String)>> {
    static T: OnceLock<RwLock<Vec<(usize, usize, String)>>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(Vec::new()))
}

/// Register the continuation addresses of a loaded module's site table (its atoms must
/// already be patched).
///
/// # Safety
/// `t` must point at a site table emitted by the code generator (or be null).
pub unsafe fn register_sites(t: *const u64) {
    if t.is_null() {
        return;
    }
    // SAFETY: caller guarantees a well-formed table.
    unsafe {
        let n = *t.add(table::N_SITES) as usize;
        let first = t.add(table::HEADER_WORDS);
        let mut c = conts().write().unwrap_or_else(|e| e.into_inner());
        for i in 0..n {
            let s = first.add(i * site::WORDS);
            let code = *s.add(site::CODE) as usize;
            if code != 0 {
                c.insert(code, s as usize);
            }
        }
        let dir = *t.add(table::COMPILE_DIR);
        if dir != 0 {
            if let Ok(d) = CStr::from_ptr(dir as *const std::ffi::c_char).to_str() {
                let end = first.add(n * site::WORDS) as usize;
                dirs().write().unwrap_or_else(|e| e.into_inner()).push((
                    first as usize,
                    end,
                    d.to_string(),
                ));
            }
        }
    }
}

/// A site record (read-only view).
#[derive(Clone, Copy, Debug)]
pub struct Site(*const u64);

impl Site {
    /// The record at `p` (null: none).
    ///
    /// # Safety
    /// `p` must be null or point at a site record of a loaded module.
    pub unsafe fn from_ptr(p: *const u64) -> Option<Site> {
        (!p.is_null()).then_some(Site(p))
    }
    /// The record's address.
    pub fn addr(self) -> usize {
        self.0 as usize
    }
    fn word(self, i: usize) -> u64 {
        // SAFETY: a Site points at `site::WORDS` readable words (constructor contract).
        unsafe { *self.0.add(i) }
    }
    fn term(self, i: usize) -> Term {
        // SAFETY: the term words were patched with atoms (or are NIL) at load.
        unsafe { Term::from_raw(self.word(i)) }
    }
    /// The site of a continuation address, if compiled code registered one.
    pub fn of_continuation(code: usize) -> Option<Site> {
        let c = conts().read().unwrap_or_else(|e| e.into_inner());
        c.get(&code).map(|s| Site(*s as *const u64))
    }
    /// Module atom.
    pub fn module(self) -> Term {
        self.term(site::MODULE)
    }
    /// Function atom.
    pub fn function(self) -> Term {
        self.term(site::FUNCTION)
    }
    /// Visible arity.
    pub fn arity(self) -> u32 {
        self.word(site::ARITY) as u32
    }
    /// Line (0 = unknown).
    pub fn line(self) -> u32 {
        self.word(site::POS) as u32
    }
    /// Columns `(start, end)`, 1-based, of the failing expression on its line (0 = unknown).
    pub fn cols(self) -> (u32, u32) {
        let w = self.word(site::POS);
        (((w >> 32) & 0xFFFF) as u32, (w >> 48) as u32)
    }
    /// File name as recorded at compile time.
    pub fn file(self) -> Option<&'static str> {
        self.term(site::FILE).atom_name()
    }
    /// The directory the module was compiled in, when recorded.
    pub fn compile_dir(self) -> Option<String> {
        let a = self.0 as usize;
        let d = dirs().read().unwrap_or_else(|e| e.into_inner());
        d.iter()
            .find(|(s, e, _)| *s <= a && a < *e)
            .map(|x| x.2.clone())
    }
    /// The record of the caller's entry when this site's code was inlined from a
    /// non-tail call (`site::PARENT`).
    pub fn parent(self) -> Option<Site> {
        let d = self.word(site::PARENT) as i64;
        // SAFETY: the code generator stores the distance to another record of the same
        // table.
        (d != 0).then(|| Site(unsafe { self.0.offset(d as isize * site::WORDS as isize) }))
    }
    /// One of [`kind`].
    pub fn kind(self) -> u64 {
        self.word(site::KIND)
    }
    fn nargs(self) -> usize {
        (self.word(site::NARGS) as usize).min(MAX_XREGS)
    }
    /// The constant entry `{M, F, A, Location}`, built once in static memory.
    fn entry(self) -> Term {
        // SAFETY: the cache word is 8-aligned writable static data owned by this record.
        let cache = unsafe { &*(self.0.add(site::CACHE) as *const AtomicU64) };
        let w = cache.load(Ordering::Acquire);
        if w != 0 {
            // SAFETY: only complete entry terms are stored.
            return unsafe { Term::from_raw(w) };
        }
        let mut h = FragHeap::with_capacity(64);
        let loc = self.location(&mut h);
        let a = Term::small(self.arity() as i64).unwrap_or(NIL);
        let t = term::tuple(&mut h, &[self.module(), self.function(), a, loc]);
        // Static memory for the life of the program: the GC never moves or frees objects
        // outside the heaps it owns, and copies of it to other heaps are ordinary terms.
        std::mem::forget(h);
        match cache.compare_exchange(0, t.raw(), Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => t,
            // SAFETY: another thread stored a complete entry first (ours leaks: rare).
            Err(w) => unsafe { Term::from_raw(w) },
        }
    }
    /// `[{file, F}, {line, L}]` (`[]` when the line is unknown).
    fn location<H: crate::heap::Heap + ?Sized>(self, h: &mut H) -> Term {
        let a = atoms();
        let line = self.line();
        if line == 0 {
            return NIL;
        }
        let l = term::tuple(h, &[a.line, Term::small(line as i64).unwrap_or(NIL)]);
        match self.file() {
            Some(f) => {
                let s = term::string(h, f);
                let ft = term::tuple(h, &[a.file, s]);
                term::list(h, &[ft, l])
            }
            None => term::list(h, &[l]),
        }
    }
}

struct Atoms {
    file: Term,
    line: Term,
    error_info: Term,
    module: Term,
    erl_erts_errors: Term,
    erl_stdlib_errors: Term,
    erl_kernel_errors: Term,
}

fn atoms() -> &'static Atoms {
    static A: OnceLock<Atoms> = OnceLock::new();
    A.get_or_init(|| {
        let i = |s: &str| Term::intern(s).unwrap_or(NIL);
        Atoms {
            file: i("file"),
            line: i("line"),
            error_info: i("error_info"),
            module: i("module"),
            erl_erts_errors: i("erl_erts_errors"),
            erl_stdlib_errors: i("erl_stdlib_errors"),
            erl_kernel_errors: i("erl_kernel_errors"),
        }
    })
}

/// The module OTP names in a BIF error's `error_info` (who explains the error): ERTS's
/// own modules, kernel's, or stdlib's (`lists`, `maps`, `math`, `binary`, `ets`...).
fn error_info_module(m: Term) -> Term {
    let a = atoms();
    match m.atom_name() {
        Some("erlang" | "persistent_term" | "atomics" | "counters" | "erts_internal") | None => {
            a.erl_erts_errors
        }
        Some("os" | "code" | "file" | "inet" | "net_kernel" | "global") => a.erl_kernel_errors,
        Some(_) => a.erl_stdlib_errors,
    }
}

/// BIF failures BEAM (OTP 25, x86-64 JIT) does not show as a trace entry of their own:
/// the exception BIFs, and a float division by zero (inlined). (`+`/`-` with a literal
/// small operand are inlined too: the code generator gives those sites `kind::PLAIN`.)
fn bif_hidden(p: &Process, m: Term, f: Term) -> bool {
    if m != Term::atom(idx::ERLANG) {
        return false;
    }
    match f.atom_name() {
        Some("error" | "exit" | "throw" | "raise" | "halt") => true,
        Some("/") => p.x(0).is_number() && p.x(1).is_number(),
        _ => false,
    }
}

/// Push a frame's entry unless the previous frame entry is for the same call (same
/// function and position: BEAM's frames of one call site have one return address).
fn push_frame_entry(entries: &mut Vec<Term>, prev: &mut Option<[u64; 5]>, s: Site) {
    let key = [
        s.word(site::MODULE),
        s.word(site::FUNCTION),
        s.word(site::ARITY),
        s.word(site::POS),
        s.word(site::FILE),
    ];
    if *prev != Some(key) {
        *prev = Some(key);
        entries.push(s.entry());
    }
}

/// The entries of the callers whose calls to `s`'s code were inlined (`site::PARENT`).
fn push_parents(entries: &mut Vec<Term>, prev: &mut Option<[u64; 5]>, s: Site) {
    let mut up = s.parent();
    while let Some(ps) = up {
        push_frame_entry(entries, prev, ps);
        up = ps.parent();
    }
}

fn xregs_list(p: &mut Process, from: usize, n: usize) -> Term {
    let v: Vec<Term> = (from..from + n)
        .filter(|i| *i < MAX_XREGS)
        .map(|i| p.x(i))
        .collect();
    term::list(p, &v)
}

/// Build the stack trace of the exception in `p` (class/reason already set) raised at
/// `site` (None: unknown site, only the frames) and store it in `exc_trace`. The
/// x-registers hold what the site's [`kind`] says.
pub fn build(p: &mut Process, site: Option<Site>) {
    crate::report::note_site(site);
    let depth = backtrace_depth();
    let mut entries: Vec<Term> = Vec::new();
    let is_error = p.exc_class == Term::atom(idx::ERROR);
    if let Some(s) = site {
        let k = s.kind();
        let mut arity_or_args = None;
        // A non-tail call's frame is already on the stack and names this function.
        let mut skip_self = k == kind::CALL || k == kind::FRAMED;
        if k == kind::BIF {
            let (bm, bf) = (s.term(site::BIF_MODULE), s.term(site::BIF_NAME));
            let n = s.nargs();
            if is_error && !bif_hidden(p, bm, bf) {
                let args = xregs_list(p, 0, n);
                let a = atoms();
                let info = crate::map::from_pairs(p, &[(a.module, error_info_module(bm))]);
                let ei = term::tuple(p, &[a.error_info, info]);
                let loc = term::list(p, &[ei]);
                entries.push(term::tuple(p, &[bm, bf, args, loc]));
            }
            // erlang:error(Reason, Args[, Opts]) shows Args in place of the arity.
            if is_error && bm == Term::atom(idx::ERLANG) && bf == Term::atom(idx::ERROR) && n >= 2 {
                let a = p.x(1);
                if a.is_list() {
                    arity_or_args = Some(a);
                }
            }
        } else if (k == kind::CALL || k == kind::TAIL_CALL)
            && is_error
            && p.exc_reason == Term::atom(idx::UNDEF)
            && s.nargs() >= 2
        {
            let (m, f) = (p.x(0), p.x(1));
            let args = xregs_list(p, 2, s.nargs() - 2);
            entries.push(term::tuple(p, &[m, f, args, NIL]));
            skip_self = true;
        } else if k == kind::CLAUSE {
            arity_or_args = Some(xregs_list(p, 0, s.nargs()));
        }
        match arity_or_args {
            None if skip_self => {}
            None => entries.push(s.entry()),
            Some(a) => {
                let loc = s.location(p);
                entries.push(term::tuple(p, &[s.module(), s.function(), a, loc]));
            }
        }
    }
    // The frames: each RETURN frame's continuation names the caller and the call's line.
    // Like BEAM, a frame for the same call as the one above it is recorded once (a body
    // recursion shows as one entry). Code the compiler inlined from a non-tail call adds
    // the callers' entries its frames would have had (`site::PARENT`): the raise site's
    // (unless a frame already pushed names this code) and each frame's, deduplicated the
    // same way, so inlining does not change the trace.
    let mut prev = None;
    if let Some(s) = site {
        if !matches!(s.kind(), kind::CALL | kind::FRAMED) {
            push_parents(&mut entries, &mut prev, s);
        }
    }
    let mut sp = p.stop as *const u64;
    let end = p.stack_end as *const u64;
    while entries.len() < depth && sp < end {
        // SAFETY: the stack holds well-formed frames from stop to stack_end.
        let m = unsafe { *sp };
        if !is_frame_marker(m) {
            break;
        }
        let (fk, n) = ((m >> 6) & 3, (m >> 8) as usize);
        if fk == frame::BOTTOM {
            break;
        }
        if fk == frame::RETURN {
            // SAFETY: as above: the continuation word follows the marker.
            let code = unsafe { *sp.add(1) } as usize;
            if let Some(s) = Site::of_continuation(code) {
                push_frame_entry(&mut entries, &mut prev, s);
                push_parents(&mut entries, &mut prev, s);
            }
        }
        // SAFETY: a frame is 2 + n words.
        sp = unsafe { sp.add(2 + n) };
    }
    entries.truncate(depth);
    p.exc_trace = term::list(p, &entries);
}

/// The trace of an error a trap BIF (`boot::TRAP_PREFIX`, reached through the export
/// table, so without a site) raised: BEAM's `{M, F, Args, [{error_info, ...}]}` entry,
/// then the frames (a non-tail call's names the caller). Other classes: the frames.
pub fn build_for_trap(p: &mut Process, m: Term, f: Term, args: &[Term]) {
    build(p, None);
    if p.exc_class != Term::atom(idx::ERROR) {
        return;
    }
    let a = atoms();
    let al = term::list(p, args);
    let info = crate::map::from_pairs(p, &[(a.module, error_info_module(m))]);
    let ei = term::tuple(p, &[a.error_info, info]);
    let loc = term::list(p, &[ei]);
    let entry = term::tuple(p, &[m, f, al, loc]);
    let mut v = p.exc_trace.list_to_vec().unwrap_or_default();
    v.insert(0, entry);
    v.truncate(backtrace_depth());
    p.exc_trace = term::list(p, &v);
}

/// `process_info(P, current_function)`: `{Module, Function, Arity}` of the function `p`
/// is in, named by the first RETURN frame from the top whose code has a site record. The
/// code generator gives one to every non-tail call's continuation (a call in progress,
/// e.g. the BIF call asking, whose frame names the caller), to every receive's retry
/// unit (the frame a process waiting in a receive leaves) and to every unit entry (the
/// frame a preempted process leaves). None before the process first ran.
pub fn current_function(p: &Process) -> Option<(Term, Term, u32)> {
    let mut sp = p.stop as *const u64;
    let end = p.stack_end as *const u64;
    while sp < end {
        // SAFETY: the stack holds well-formed frames from stop to stack_end.
        let m = unsafe { *sp };
        if !is_frame_marker(m) {
            return None;
        }
        let (fk, n) = ((m >> 6) & 3, (m >> 8) as usize);
        if fk == frame::BOTTOM {
            return None;
        }
        if fk == frame::RETURN {
            // SAFETY: the continuation word follows the marker.
            let code = unsafe { *sp.add(1) } as usize;
            if let Some(s) = Site::of_continuation(code) {
                return Some((s.module(), s.function(), s.arity()));
            }
        }
        // SAFETY: a frame is 2 + n words.
        sp = unsafe { sp.add(2 + n) };
    }
    None
}

/// One entry of a trace term, decoded for printing.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Module atom.
    pub module: Term,
    /// Function atom.
    pub function: Term,
    /// Arity (small) or argument list.
    pub arity_or_args: Term,
    /// File (from `{file, F}`), if any.
    pub file: Option<String>,
    /// Line (from `{line, L}`), if any.
    pub line: Option<u32>,
}

/// Decode a trace term (a list of `{M, F, A, Loc}`); malformed entries are skipped.
pub fn entries(trace: Term) -> Vec<Entry> {
    let a = atoms();
    let mut out = Vec::new();
    for e in trace.list_to_vec().unwrap_or_default() {
        let Some(el) = e.tuple_elements() else {
            continue;
        };
        if el.len() != 4 {
            continue;
        }
        let (mut file, mut line) = (None, None);
        for item in el[3].list_to_vec().unwrap_or_default() {
            if let Some(kv) = item.tuple_elements() {
                if kv.len() == 2 && kv[0] == a.file {
                    file = chars_of(kv[1]);
                } else if kv.len() == 2 && kv[0] == a.line {
                    line = kv[1].small_value().map(|l| l as u32);
                }
            }
        }
        out.push(Entry {
            module: el[0],
            function: el[1],
            arity_or_args: el[2],
            file,
            line,
        });
    }
    out
}

/// The text of a list of character codes.
fn chars_of(t: Term) -> Option<String> {
    t.list_to_vec()?
        .into_iter()
        .map(|c| c.small_value().and_then(|v| char::from_u32(v as u32)))
        .collect()
}
