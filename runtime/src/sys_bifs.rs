//! Process and system BIFs of `erlang` that need the calling process or the scheduler:
//! `spawn_opt/2..5`, `spawn/2,4`, `spawn_link/2,4`, `spawn_monitor/2,4` (with a node),
//! `garbage_collect/0,1,2`, `statistics/1`, `system_info/1`, `yield/0`,
//! `group_leader/0,2`, `send/3`, `send_after/4`, `start_timer/4`, `cancel_timer/2`,
//! `read_timer/2`, `monitor/3`, `halt/2`, `process_flag/3`, `is_builtin/3`,
//! `display_string/1`, `send_nosuspend/2,3`, `display_nl/0`, `system_flag/2`
//! (`backtrace_depth` only); and the runtime-wide counters `statistics/1` reads.
//!
//! Owns: these entry points (C ABI of `docs/runtime-abi.md` section 8, as `entry.rs`),
//! their option parsing and BEAM's answer shapes, the group-leader table, and the
//! per-thread reduction/GC counters. Decisions (ferl is one node, without ports or
//! dirty schedulers):
//! - a node argument must be `node()` (another atom: badarg; BEAM would try to connect);
//! - `garbage_collect/0,1,2` are reached only through the export table (never as direct
//!   calls: compiled code holds no terms in registers across a remote call, so the
//!   caller's heap can be collected there, major unless `{type, minor}`); for another
//!   process they only answer whether it is alive (no collection is requested);
//! - `yield/0` returns `true` without giving up the scheduler (preemption by reduction
//!   counting already keeps things fair; compiled code keeps its reduction budget in a
//!   register, out of a BIF's reach);
//! - the group leader of a process is inherited at spawn; a process whose leader was
//!   never set has `DEFAULT_GROUP_LEADER`, a placeholder pid (no process) that `io`
//!   treats as standard output (every pid device writes to stdout);
//! - `system_info(machine)` is `"BEAM"` (code that checks it wants BEAM's semantics,
//!   which ferl follows), `otp_release` `"25"`, `version` the ERTS version of OTP 25.2;
//! - `monitor/3` accepts only `[]` options (no aliases, no custom tags).
//!
//! Must not: implement scheduling, messaging or GC itself (it calls `Ctx`, `gc`).

use crate::atom::idx;
use crate::exception::Exception;
use crate::process::Process;
use crate::sched::{Ctx, SpawnOpts};
use crate::term::{self, Term, NON_VALUE};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

fn t(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

use crate::native::procs::call;

/// Define BIF entry points and the two lists of them: `direct` ones (also callable
/// directly by compiled code) and `export_only` ones (only through the export table).
macro_rules! sys_bifs {
    (
        direct: [$( $f:literal $sym:literal $name:ident |$ctx:ident $(, $a:ident)*| $body:expr; )*]
        export_only: [$( $ef:literal $esym:literal $ename:ident |$ectx:ident $(, $ea:ident)*| $ebody:expr; )*]
    ) => {
        $(
            #[doc = concat!("`erlang:", $f, "`.\n\n# Safety\n`p` must be the process the calling scheduler runs.")]
            #[export_name = $sym]
            pub unsafe extern "C" fn $name(p: *mut Process $(, $a: u64)*) -> u64 {
                $(let $a = t($a);)*
                // SAFETY: forwarded from the caller.
                unsafe { call(p, |$ctx: &mut Ctx| $body) }
            }
        )*
        $(
            #[doc = concat!("`erlang:", $ef, "` (export table only).\n\n# Safety\n`p` must be the process the calling scheduler runs, called from an export-table stub.")]
            #[export_name = $esym]
            pub unsafe extern "C" fn $ename(p: *mut Process $(, $ea: u64)*) -> u64 {
                $(let $ea = t($ea);)*
                // SAFETY: forwarded from the caller.
                unsafe { call(p, |$ectx: &mut Ctx| $ebody) }
            }
        )*

        /// `(symbol, address)` of the BIFs compiled code may call directly.
        pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$(($sym, $name as *const u8),)*]
        }

        /// `(module, name, arity, symbol)` of every BIF here for the export table (stubs
        /// take at most 4 arguments).
        pub(crate) fn remote() -> Vec<(&'static str, &'static str, u32, &'static str)> {
            let all: Vec<(&'static str, u32, &'static str)> = vec![
                $(($f, <[&str]>::len(&[$(stringify!($a)),*]) as u32, $sym),)*
                $(($ef, <[&str]>::len(&[$(stringify!($ea)),*]) as u32, $esym),)*
            ];
            all.into_iter()
                .filter(|x| x.1 <= 4)
                .map(|(f, a, s)| ("erlang", f.split('/').next().unwrap_or(f), a, s))
                .collect()
        }
    };
}

fn atom(name: &str) -> Term {
    Term::intern(name).unwrap_or(Term::atom(idx::UNDEFINED))
}

fn ok() -> Term {
    atom("ok")
}

fn list(ctx: &mut Ctx, items: &[Term]) -> Term {
    crate::signal::list_of(ctx.process(), items)
}

fn tuple(ctx: &mut Ctx, items: &[Term]) -> Term {
    term::tuple(ctx.process(), items)
}

fn int(ctx: &mut Ctx, v: u64) -> Term {
    term::int(ctx.process(), v.min(i64::MAX as u64) as i64)
}

/// The elements of a proper list, or badarg.
fn proper(l: Term) -> Result<Vec<Term>, Exception> {
    l.list_to_vec().ok_or_else(Exception::badarg)
}

/// `{Key, Value}` with an atom key.
fn pair(o: Term) -> Option<(&'static str, Term)> {
    match o.tuple_elements()? {
        [k, v] => Some((k.atom_name()?, *v)),
        _ => None,
    }
}

fn boolean(v: Term) -> Result<bool, Exception> {
    if v.is_boolean() {
        Ok(v == Term::atom(idx::TRUE))
    } else {
        Err(Exception::badarg())
    }
}

/// A node argument: this node is fine; another atom is a node ferl cannot reach.
fn check_node(n: Term) -> Result<(), Exception> {
    if n == Term::atom(idx::NONODE) {
        Ok(())
    } else {
        Err(Exception::badarg())
    }
}

// ---- spawning with options -------------------------------------------------------

/// `spawn_opt` options: link, monitor (also `{monitor, Opts}`), `{min_heap_size, N}`,
/// `{max_heap_size, V}` (as `process_flag`), and accepted without effect
/// `{min_bin_vheap_size, N}`, `{priority, P}`, `{fullsweep_after, N}`,
/// `{message_queue_data, off_heap | on_heap}`.
fn spawn_opts(l: Term) -> Result<SpawnOpts, Exception> {
    let mut o = SpawnOpts::default();
    let size = |v: Term| -> Result<usize, Exception> {
        match v.small_value() {
            Some(n) if (0..=1 << 40).contains(&n) => Ok(n as usize),
            _ => Err(Exception::badarg()),
        }
    };
    for x in proper(l)? {
        match x.atom_name() {
            Some("link") => o.link = true,
            Some("monitor") => o.monitor = true,
            Some(_) => return Err(Exception::badarg()),
            None => match pair(x).ok_or_else(Exception::badarg)? {
                ("monitor", v) if v.list_to_vec().is_some_and(|l| l.is_empty()) => o.monitor = true,
                ("min_heap_size", v) => {
                    o.min_heap_size = Some(size(v)?.max(crate::process::MIN_HEAP_WORDS))
                }
                ("min_bin_vheap_size" | "fullsweep_after", v) => {
                    size(v)?;
                }
                ("max_heap_size", v) => {
                    o.max_heap =
                        Some(crate::entry::parse_max_heap(v).ok_or_else(Exception::badarg)?)
                }
                ("priority", v) => match v.atom_name() {
                    Some("low" | "normal" | "high" | "max") => {}
                    _ => return Err(Exception::badarg()),
                },
                ("message_queue_data", v) => match v.atom_name() {
                    Some("off_heap" | "on_heap") => {}
                    _ => return Err(Exception::badarg()),
                },
                _ => return Err(Exception::badarg()),
            },
        }
    }
    Ok(o)
}

fn spawn_fun_opts(ctx: &mut Ctx, f: Term, opts: Term) -> Result<Term, Exception> {
    let o = spawn_opts(opts)?;
    crate::entry::spawn_fun(ctx, f, o)
}

fn spawn_mfa_opts(
    ctx: &mut Ctx,
    m: Term,
    f: Term,
    a: Term,
    o: SpawnOpts,
) -> Result<Term, Exception> {
    crate::native::procs::spawn_mfa(ctx, m, f, a, o)
}

// ---- group leaders ---------------------------------------------------------------

/// The group leader of processes whose leader was never set: a pid no process has (the
/// largest serial), which `io` treats as standard output.
pub const DEFAULT_GROUP_LEADER: Term = Term::pid(crate::term::PID_MAX);

/// Group leaders set by `group_leader/2` or inherited from such a process, by serial.
static LEADERS: Mutex<Option<HashMap<u64, Term>>> = Mutex::new(None);
/// Set once any process has a non-default leader (spawn checks only this flag).
static ANY_LEADER: AtomicBool = AtomicBool::new(false);

fn leader_of(serial: u64) -> Term {
    if !ANY_LEADER.load(Ordering::Acquire) {
        return DEFAULT_GROUP_LEADER;
    }
    LEADERS
        .lock()
        .as_ref()
        .and_then(|m| m.get(&serial).copied())
        .unwrap_or(DEFAULT_GROUP_LEADER)
}

/// A process spawned by `parent` gets its group leader (called by the scheduler's
/// spawn; a flag check unless `group_leader/2` was ever used).
pub(crate) fn inherit_group_leader(parent: u64, child: u64) {
    if !ANY_LEADER.load(Ordering::Acquire) {
        return;
    }
    let mut g = LEADERS.lock();
    let m = g.get_or_insert_with(HashMap::new);
    match m.get(&parent).copied() {
        Some(gl) => {
            m.insert(child, gl);
        }
        None => {
            m.remove(&child);
        }
    }
}

fn set_leader(ctx: &mut Ctx, gl: Term, pid: Term) -> Result<Term, Exception> {
    if !gl.is_pid() || !pid.is_pid() || !ctx.is_process_alive(pid)? {
        return Err(Exception::badarg());
    }
    let serial = pid.pid_serial().ok_or_else(Exception::badarg)?;
    let mut g = LEADERS.lock();
    let m = g.get_or_insert_with(HashMap::new);
    // Forget the entries of processes that are gone (serials are reused).
    if m.len() >= 64 {
        m.retain(|s, _| ctx.is_process_alive(Term::pid(*s)).unwrap_or(false));
    }
    m.insert(serial, gl);
    ANY_LEADER.store(true, Ordering::Release);
    Ok(Term::atom(idx::TRUE))
}

// ---- counters ----------------------------------------------------------------------

/// Counters of one thread (summed by `statistics/1`). Only the owning thread writes
/// them, so an update is a plain load and store (no locked read-modify-write on the
/// scheduler's hot path); readers may see a slightly old value.
#[derive(Default)]
struct Counters {
    reductions: AtomicU64,
    collections: AtomicU64,
    reclaimed: AtomicU64,
}

static ALL_COUNTERS: Mutex<Vec<&'static Counters>> = Mutex::new(Vec::new());

thread_local! {
    static MINE: std::cell::Cell<Option<&'static Counters>> = const { std::cell::Cell::new(None) };
}

fn mine() -> &'static Counters {
    MINE.with(|c| {
        c.get().unwrap_or_else(|| {
            let n: &'static Counters = Box::leak(Box::default());
            ALL_COUNTERS.lock().push(n);
            c.set(Some(n));
            n
        })
    })
}

fn bump(a: &AtomicU64, n: u64) {
    a.store(a.load(Ordering::Relaxed).wrapping_add(n), Ordering::Relaxed);
}

/// The scheduler ran a process for `n` reductions.
pub(crate) fn count_reductions(n: u64) {
    bump(&mine().reductions, n);
}

/// A collection freed `words` words.
pub(crate) fn count_collection(words: u64) {
    let c = mine();
    bump(&c.collections, 1);
    bump(&c.reclaimed, words);
}

fn total(f: impl Fn(&Counters) -> u64) -> u64 {
    ALL_COUNTERS.lock().iter().map(|c| f(c)).sum()
}

/// `{Total, SinceLastCall}` with `last` remembering the previous total.
fn with_delta(ctx: &mut Ctx, now: u64, last: &AtomicU64) -> Term {
    let before = last.swap(now, Ordering::Relaxed);
    let (a, b) = (int(ctx, now), int(ctx, now.saturating_sub(before)));
    tuple(ctx, &[a, b])
}

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// CPU time of the OS process in milliseconds.
fn cpu_ms() -> u64 {
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes only into `ts`.
    let r = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if r != 0 {
        return 0;
    }
    ts.sec.max(0) as u64 * 1000 + ts.nsec.max(0) as u64 / 1_000_000
}

/// The length of each scheduler's run queue (the global queue counted with the first).
fn run_queues(ctx: &Ctx) -> Vec<u64> {
    let sh = &ctx.sched.shared;
    let mut v: Vec<u64> = sh.scheds.iter().map(|s| s.stealer.len() as u64).collect();
    if let Some(first) = v.first_mut() {
        *first += sh.injector.len() as u64;
    }
    v
}

fn statistics(ctx: &mut Ctx, item: Term) -> Result<Term, Exception> {
    static LAST_RUNTIME: AtomicU64 = AtomicU64::new(0);
    static LAST_WALL: AtomicU64 = AtomicU64::new(0);
    static LAST_REDS: AtomicU64 = AtomicU64::new(0);
    static LAST_EXACT: AtomicU64 = AtomicU64::new(0);
    let name = item.atom_name().ok_or_else(Exception::badarg)?;
    Ok(match name {
        "runtime" => with_delta(ctx, cpu_ms(), &LAST_RUNTIME),
        "wall_clock" => {
            let now = ctx.sched.shared.now_ms();
            with_delta(ctx, now, &LAST_WALL)
        }
        "reductions" | "exact_reductions" => {
            let now = total(|c| c.reductions.load(Ordering::Relaxed));
            let last = if name == "reductions" {
                &LAST_REDS
            } else {
                &LAST_EXACT
            };
            with_delta(ctx, now, last)
        }
        "garbage_collection" => {
            let n = total(|c| c.collections.load(Ordering::Relaxed));
            let w = total(|c| c.reclaimed.load(Ordering::Relaxed));
            let (n, w) = (int(ctx, n), int(ctx, w));
            tuple(ctx, &[n, w, Term::small(0).unwrap_or(Term::NIL)])
        }
        "context_switches" => {
            let n: u64 = ctx
                .sched
                .shared
                .scheds
                .iter()
                .map(|s| s.runs.load(Ordering::Relaxed))
                .sum();
            let n = int(ctx, n);
            tuple(ctx, &[n, Term::small(0).unwrap_or(Term::NIL)])
        }
        "io" => {
            let zero = Term::small(0).unwrap_or(Term::NIL);
            let i = tuple(ctx, &[atom("input"), zero]);
            let o = tuple(ctx, &[atom("output"), zero]);
            tuple(ctx, &[i, o])
        }
        "run_queue" | "total_run_queue_lengths" | "total_run_queue_lengths_all" => {
            let n = run_queues(ctx).iter().sum();
            int(ctx, n)
        }
        "total_active_tasks" | "total_active_tasks_all" => {
            // the caller is running, plus what waits in the queues
            let n = run_queues(ctx).iter().sum::<u64>() + 1;
            int(ctx, n)
        }
        "run_queue_lengths" | "run_queue_lengths_all" | "active_tasks" | "active_tasks_all" => {
            let mut v = run_queues(ctx);
            if name.starts_with("active") {
                let me = ctx.scheduler_index();
                if let Some(x) = v.get_mut(me) {
                    *x += 1;
                }
            }
            let terms: Vec<Term> = v.into_iter().map(|n| int(ctx, n)).collect();
            list(ctx, &terms)
        }
        "scheduler_wall_time" | "scheduler_wall_time_all" => Term::atom(idx::UNDEFINED),
        _ => return Err(Exception::badarg()),
    })
}

// ---- system_info ---------------------------------------------------------------------

fn string(ctx: &mut Ctx, s: &str) -> Term {
    let cs: Vec<Term> = s
        .chars()
        .map(|c| Term::small(c as i64).unwrap_or(Term::NIL))
        .collect();
    list(ctx, &cs)
}

fn architecture() -> String {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "linux" => format!("{arch}-pc-linux-gnu"),
        "macos" => format!("{arch}-apple-darwin"),
        os => format!("{arch}-unknown-{os}"),
    }
}

fn logical_processors() -> u64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as u64)
}

fn system_info(ctx: &mut Ctx, item: Term) -> Result<Term, Exception> {
    let n = |ctx: &mut Ctx, v: u64| int(ctx, v);
    if let Some((k, v)) = pair(item) {
        return match (k, v.atom_name()) {
            ("wordsize", Some("internal" | "external")) => Ok(n(ctx, 8)),
            _ => Err(Exception::badarg()),
        };
    }
    let name = item.atom_name().ok_or_else(Exception::badarg)?;
    let schedulers = ctx.scheduler_count() as u64;
    Ok(match name {
        "schedulers" | "schedulers_online" => n(ctx, schedulers),
        "logical_processors" | "logical_processors_available" | "logical_processors_online" => {
            n(ctx, logical_processors())
        }
        "dirty_cpu_schedulers" | "dirty_cpu_schedulers_online" | "dirty_io_schedulers" => n(ctx, 0),
        "scheduler_id" => n(ctx, ctx.scheduler_index() as u64 + 1),
        "process_count" => n(ctx, ctx.process_count() as u64),
        "process_limit" => n(ctx, ctx.sched.shared.table.capacity() as u64),
        "atom_count" => n(ctx, crate::atom::global().len() as u64),
        "atom_limit" => n(ctx, crate::atom::global().limit() as u64),
        "port_count" => n(ctx, 0),
        "port_limit" => n(ctx, 65536),
        // ferl's ETS has no table limit of its own.
        "ets_limit" => n(ctx, 1 << 27),
        "ets_count" => {
            let all = crate::ets::all(ctx.process()).unwrap_or(Term::NIL);
            n(ctx, all.list_to_vec().map_or(0, |v| v.len() as u64))
        }
        "thread_pool_size" => n(ctx, 0),
        "wordsize" => n(ctx, 8),
        "otp_release" => string(ctx, "25"),
        "version" => string(ctx, "13.1.5"),
        "driver_version" => string(ctx, "3.3"),
        "nif_version" => string(ctx, "2.16"),
        "machine" => string(ctx, "BEAM"),
        "system_architecture" => string(ctx, &architecture()),
        "system_version" => {
            let s = format!(
                "Erlang/OTP 25 [ferl] [64-bit] [smp:{schedulers}:{schedulers}] [ds:0:0:0] [async-threads:0]\n"
            );
            string(ctx, &s)
        }
        "smp_support" | "threads" | "time_correction" => Term::atom(idx::TRUE),
        "kernel_poll" | "debug_compiled" => Term::atom(idx::FALSE),
        "heap_type" => atom("private"),
        "build_type" | "emu_type" => atom("opt"),
        "emu_flavor" => atom("jit"),
        "time_warp_mode" => atom("no_time_warp"),
        "multi_scheduling" => atom("enabled"),
        "cpu_topology" => Term::atom(idx::UNDEFINED),
        "creation" => n(ctx, 0),
        "min_heap_size" => {
            let v = n(ctx, crate::process::MIN_HEAP_WORDS as u64);
            tuple(ctx, &[item, v])
        }
        "min_bin_vheap_size" => {
            let v = n(ctx, 46422);
            tuple(ctx, &[item, v])
        }
        "fullsweep_after" => {
            let v = n(ctx, 65535);
            tuple(ctx, &[item, v])
        }
        "garbage_collection" => {
            let mut items = Vec::new();
            for (k, v) in [
                ("max_heap_size", 0),
                ("min_bin_vheap_size", 46422),
                ("min_heap_size", crate::process::MIN_HEAP_WORDS as u64),
                ("fullsweep_after", 65535),
            ] {
                let v = n(ctx, v);
                items.push(tuple(ctx, &[atom(k), v]));
            }
            list(ctx, &items)
        }
        "start_time" => {
            let start_ns =
                crate::bif::time::mono_ns() - ctx.sched.shared.now_ms() as i128 * 1_000_000;
            term::bigint(ctx.process(), &start_ns.into())
        }
        _ => return Err(Exception::badarg()),
    })
}

// ---- timers --------------------------------------------------------------------------

/// Timer options `[{abs, Bool}]`: the relative time in milliseconds (`Time` itself when
/// not absolute; an absolute time is `erlang:monotonic_time(millisecond)`'s scale).
fn timer_time(ctx: &mut Ctx, time: Term, opts: Term) -> Result<Term, Exception> {
    let mut abs = false;
    for o in proper(opts)? {
        match pair(o) {
            Some(("abs", v)) => abs = boolean(v)?,
            _ => return Err(Exception::badarg()),
        }
    }
    if !abs {
        return Ok(time);
    }
    let at = time.small_value().ok_or_else(Exception::badarg)?;
    let now = (crate::bif::time::mono_ns().div_euclid(1_000_000)) as i64;
    Ok(term::int(ctx.process(), at.saturating_sub(now).max(0)))
}

/// `cancel_timer/2` and `read_timer/2`: `{async, B}` (both) and `{info, B}` (cancel).
fn timer_op2(ctx: &mut Ctx, r: Term, opts: Term, cancel: bool) -> Result<Term, Exception> {
    let (mut asynch, mut info) = (false, true);
    for o in proper(opts)? {
        match pair(o) {
            Some(("async", v)) => asynch = boolean(v)?,
            Some(("info", v)) if cancel => info = boolean(v)?,
            _ => return Err(Exception::badarg()),
        }
    }
    if r.ref_ids().is_none() {
        return Err(Exception::badarg());
    }
    let res = if cancel {
        ctx.cancel_timer(r)?
    } else {
        ctx.read_timer(r)?
    };
    if !asynch {
        return Ok(if info { res } else { ok() });
    }
    if info {
        let tag = atom(if cancel { "cancel_timer" } else { "read_timer" });
        let msg = tuple(ctx, &[tag, r, res]);
        let me = ctx.self_pid();
        ctx.send(me, msg)?;
    }
    Ok(ok())
}

// ---- garbage collection ------------------------------------------------------------------

/// Collect the caller (major unless `minor`); counts reclaimed words.
fn collect_self(ctx: &mut Ctx, minor: bool) {
    let p = ctx.process();
    if minor {
        crate::gc::collect(p, 0, &mut []);
    } else {
        crate::gc::collect_major(p, 0, &mut []);
    }
}

/// `garbage_collect(Pid, Options)`: `{async, RequestId}` and `{type, major | minor}`.
fn garbage_collect(ctx: &mut Ctx, pid: Term, opts: Term) -> Result<Term, Exception> {
    let mut req = None;
    let mut minor = false;
    for o in proper(opts)? {
        match pair(o) {
            Some(("async", v)) => req = Some(v),
            Some(("type", v)) => match v.atom_name() {
                Some("major") => minor = false,
                Some("minor") => minor = true,
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        }
    }
    if !pid.is_pid() {
        return Err(Exception::badarg());
    }
    let me = pid == ctx.self_pid();
    let alive = me || ctx.is_process_alive(pid)?;
    if let Some(req) = req {
        // The answer message is built (and copied) before the collection moves `req`.
        let msg = tuple(ctx, &[atom("garbage_collect"), req, Term::bool(alive)]);
        let self_pid = ctx.self_pid();
        ctx.send(self_pid, msg)?;
        if me {
            collect_self(ctx, minor);
        }
        return Ok(atom("async"));
    }
    if me {
        collect_self(ctx, minor);
    }
    Ok(Term::bool(alive))
}

// ---- misc ------------------------------------------------------------------------------

fn halt2(p: *mut Process, status: Term, opts: Term) -> u64 {
    // SAFETY: `p` is the caller's running process (forwarded).
    let bad = unsafe {
        call(p, |_| {
            for o in proper(opts)? {
                match pair(o) {
                    Some(("flush", v)) => {
                        boolean(v)?;
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
            Ok(Term::atom(idx::TRUE))
        })
    };
    if bad == NON_VALUE.raw() {
        return bad;
    }
    if status.atom_name() == Some("abort") {
        std::process::abort();
    }
    // A slogan string: BEAM writes a crash dump and exits with status 1 (ferl writes
    // no dump).
    let s = if crate::bif::char_list(status).is_some() && !status.is_nil() {
        Term::small(1).unwrap_or(status)
    } else {
        status
    };
    // SAFETY: forwarded from the caller.
    unsafe { crate::entry::ferl_bif_erlang_halt_1(p, s.raw()) }
}

/// `is_builtin(M, F, A)`: implemented natively (directly callable or an export-table
/// BIF of an OTP module; ferl's own helper modules do not count).
fn is_builtin(m: Term, f: Term, a: Term) -> Result<Term, Exception> {
    let (Some(mn), Some(fname)) = (m.atom_name(), f.atom_name()) else {
        return Err(Exception::badarg());
    };
    let ar = match a.small_value() {
        Some(n) if (0..=255).contains(&n) => n as u32,
        _ => return Err(Exception::badarg()),
    };
    if mn.starts_with("ferl") || mn == "io" {
        return Ok(Term::atom(idx::FALSE));
    }
    let sym = crate::abi::bif_symbol(mn, fname, ar);
    let known = crate::native::has_symbol(&sym)
        || crate::boot::remote_bifs()
            .iter()
            .any(|x| x.0 == mn && x.1 == fname && x.2 == ar);
    Ok(Term::bool(known))
}

/// `system_flag(Flag, Value)`: only `backtrace_depth` (clamped to 64 as BEAM); the other
/// flags tune machinery ferl does not have (badarg).
fn system_flag(flag: Term, value: Term) -> Result<Term, Exception> {
    match (flag.atom_name(), value.small_value()) {
        (Some("backtrace_depth"), Some(n)) if n >= 0 => {
            let old = crate::trace::set_backtrace_depth((n as usize).min(64));
            Ok(Term::small(old as i64).unwrap_or(Term::NIL))
        }
        _ => Err(Exception::badarg()),
    }
}

/// Write to standard error (where BEAM's `display_string/1` and `display_nl/0` write).
fn display_string_bytes(b: &[u8]) -> Result<Term, Exception> {
    use std::io::Write;
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(b);
    let _ = e.flush();
    Ok(Term::atom(idx::TRUE))
}

fn display_string(s: Term) -> Result<Term, Exception> {
    let text = crate::bif::char_list(s).ok_or_else(Exception::badarg)?;
    display_string_bytes(text.as_bytes())
}

/// `halt(Status, Options)`.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_bif_erlang_halt_2"]
pub unsafe extern "C" fn ferl_bif_erlang_halt_2(p: *mut Process, status: u64, opts: u64) -> u64 {
    halt2(p, t(status), t(opts))
}

sys_bifs! {
direct: [
    "spawn_opt/2" "ferl_bif_erlang_spawn__opt_2" ferl_bif_erlang_spawn_opt_2
        |ctx, f, o| spawn_fun_opts(ctx, f, o);
    "spawn_opt/3" "ferl_bif_erlang_spawn__opt_3" ferl_bif_erlang_spawn_opt_3
        |ctx, n, f, o| { check_node(n)?; spawn_fun_opts(ctx, f, o) };
    "spawn_opt/4" "ferl_bif_erlang_spawn__opt_4" ferl_bif_erlang_spawn_opt_4
        |ctx, m, f, a, o| { let o = spawn_opts(o)?; spawn_mfa_opts(ctx, m, f, a, o) };
    "spawn_opt/5" "ferl_bif_erlang_spawn__opt_5" ferl_bif_erlang_spawn_opt_5
        |ctx, n, m, f, a, o| { check_node(n)?; let o = spawn_opts(o)?; spawn_mfa_opts(ctx, m, f, a, o) };
    "spawn/2" "ferl_bif_erlang_spawn_2" ferl_bif_erlang_spawn_2
        |ctx, n, f| { check_node(n)?; crate::entry::spawn_fun(ctx, f, SpawnOpts::default()) };
    "spawn/4" "ferl_bif_erlang_spawn_4" ferl_bif_erlang_spawn_4
        |ctx, n, m, f, a| { check_node(n)?; spawn_mfa_opts(ctx, m, f, a, SpawnOpts::default()) };
    "spawn_link/2" "ferl_bif_erlang_spawn__link_2" ferl_bif_erlang_spawn_link_2
        |ctx, n, f| { check_node(n)?; crate::entry::spawn_fun(ctx, f, SpawnOpts::link()) };
    "spawn_link/4" "ferl_bif_erlang_spawn__link_4" ferl_bif_erlang_spawn_link_4
        |ctx, n, m, f, a| { check_node(n)?; spawn_mfa_opts(ctx, m, f, a, SpawnOpts::link()) };
    "spawn_monitor/2" "ferl_bif_erlang_spawn__monitor_2" ferl_bif_erlang_spawn_monitor_2
        |ctx, n, f| { check_node(n)?; crate::entry::spawn_fun(ctx, f, SpawnOpts::monitor()) };
    "spawn_monitor/4" "ferl_bif_erlang_spawn__monitor_4" ferl_bif_erlang_spawn_monitor_4
        |ctx, n, m, f, a| { check_node(n)?; spawn_mfa_opts(ctx, m, f, a, SpawnOpts::monitor()) };
    "statistics/1" "ferl_bif_erlang_statistics_1" ferl_bif_erlang_statistics_1
        |ctx, item| statistics(ctx, item);
    "system_info/1" "ferl_bif_erlang_system__info_1" ferl_bif_erlang_system_info_1
        |ctx, item| system_info(ctx, item);
    "yield/0" "ferl_bif_erlang_yield_0" ferl_bif_erlang_yield_0
        |_ctx| Ok(Term::atom(idx::TRUE));
    "group_leader/0" "ferl_bif_erlang_group__leader_0" ferl_bif_erlang_group_leader_0
        |ctx| Ok(leader_of(ctx.self_pid().pid_serial().unwrap_or(0)));
    "group_leader/2" "ferl_bif_erlang_group__leader_2" ferl_bif_erlang_group_leader_2
        |ctx, gl, pid| set_leader(ctx, gl, pid);
    "send/3" "ferl_bif_erlang_send_3" ferl_bif_erlang_send_3
        |ctx, to, msg, opts| {
            for o in proper(opts)? {
                match o.atom_name() {
                    Some("nosuspend" | "noconnect") => {}
                    _ => return Err(Exception::badarg()),
                }
            }
            ctx.send(to, msg).map(|_| ok())
        };
    "send_after/4" "ferl_bif_erlang_send__after_4" ferl_bif_erlang_send_after_4
        |ctx, time, dest, msg, opts| { let ms = timer_time(ctx, time, opts)?; ctx.send_after(ms, dest, msg) };
    "start_timer/4" "ferl_bif_erlang_start__timer_4" ferl_bif_erlang_start_timer_4
        |ctx, time, dest, msg, opts| { let ms = timer_time(ctx, time, opts)?; ctx.start_timer(ms, dest, msg) };
    "cancel_timer/2" "ferl_bif_erlang_cancel__timer_2" ferl_bif_erlang_cancel_timer_2
        |ctx, r, opts| timer_op2(ctx, r, opts, true);
    "read_timer/2" "ferl_bif_erlang_read__timer_2" ferl_bif_erlang_read_timer_2
        |ctx, r, opts| timer_op2(ctx, r, opts, false);
    "monitor/3" "ferl_bif_erlang_monitor_3" ferl_bif_erlang_monitor_3
        |ctx, kind, target, opts| {
            if kind != Term::atom(idx::PROCESS) || !proper(opts)?.is_empty() {
                return Err(Exception::badarg());
            }
            ctx.monitor(target)
        };
    "process_flag/3" "ferl_bif_erlang_process__flag_3" ferl_bif_erlang_process_flag_3
        |ctx, pid, flag, value| {
            // BEAM allows only save_calls here (0..10000 calls; ferl keeps none).
            let n = value.small_value().filter(|n| (0..=10000).contains(n));
            if flag.atom_name() != Some("save_calls") || n.is_none() || !pid.is_pid()
                || !ctx.is_process_alive(pid)? {
                return Err(Exception::badarg());
            }
            Ok(Term::small(0).unwrap_or(Term::NIL))
        };
    "send_nosuspend/2" "ferl_bif_erlang_send__nosuspend_2" ferl_bif_erlang_send_nosuspend_2
        |ctx, to, msg| ctx.send(to, msg).map(|_| Term::atom(idx::TRUE));
    "send_nosuspend/3" "ferl_bif_erlang_send__nosuspend_3" ferl_bif_erlang_send_nosuspend_3
        |ctx, to, msg, opts| {
            for o in proper(opts)? {
                if o.atom_name() != Some("noconnect") {
                    return Err(Exception::badarg());
                }
            }
            ctx.send(to, msg).map(|_| Term::atom(idx::TRUE))
        };
    "display_nl/0" "ferl_bif_erlang_display__nl_0" ferl_bif_erlang_display_nl_0
        |_ctx| display_string_bytes(b"\r\n");
    "system_flag/2" "ferl_bif_erlang_system__flag_2" ferl_bif_erlang_system_flag_2
        |_ctx, flag, value| system_flag(flag, value);
    "is_builtin/3" "ferl_bif_erlang_is__builtin_3" ferl_bif_erlang_is_builtin_3
        |_ctx, m, f, a| is_builtin(m, f, a);
    "display_string/1" "ferl_bif_erlang_display__string_1" ferl_bif_erlang_display_string_1
        |_ctx, s| display_string(s);
]
export_only: [
    "garbage_collect/0" "ferl_bif_erlang_garbage__collect_0" ferl_bif_erlang_garbage_collect_0
        |ctx| { collect_self(ctx, false); Ok(Term::atom(idx::TRUE)) };
    "garbage_collect/1" "ferl_bif_erlang_garbage__collect_1" ferl_bif_erlang_garbage_collect_1
        |ctx, pid| garbage_collect(ctx, pid, Term::NIL);
    "garbage_collect/2" "ferl_bif_erlang_garbage__collect_2" ferl_bif_erlang_garbage_collect_2
        |ctx, pid, opts| garbage_collect(ctx, pid, opts);
]
}

/// `halt/2` and the memory BIFs of `entry.rs`, which only lacked export-table entries.
pub(crate) fn extra_remote() -> Vec<(&'static str, &'static str, u32, &'static str)> {
    vec![
        ("erlang", "halt", 2, "ferl_bif_erlang_halt_2"),
        ("erlang", "memory", 0, "ferl_bif_erlang_memory_0"),
        ("erlang", "memory", 1, "ferl_bif_erlang_memory_1"),
    ]
}

/// `halt/2` for direct calls.
pub(crate) fn extra_symbols() -> Vec<(&'static str, *const u8)> {
    vec![(
        "ferl_bif_erlang_halt_2",
        ferl_bif_erlang_halt_2 as *const u8,
    )]
}
