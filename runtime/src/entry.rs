//! `extern "C"` entry points for compiled code: receive primitives (`ferl_rt_recv_*`),
//! spawning, and the process/timer BIFs (`ferl_bif_erlang_*`, named by `abi::bif_symbol`).
//!
//! Owns: the calling convention of these calls only (see `docs/runtime-abi.md` section
//! 8): term-returning calls return the term, or `NON_VALUE` with `p.status` = RAISE
//! (exception set) or YIELD (the process was killed by the call, e.g. `exit(self(),
//! kill)`: save state and return to the scheduler, which ends it).
//! Must not: implement behaviour (it calls `Ctx`), or be called from anything but
//! compiled code running on a scheduler thread.

use crate::atom::idx;
use crate::exception::Exception;
use crate::process::{Process, STATUS_OK, STATUS_RAISE, STATUS_WAIT, STATUS_YIELD};
use crate::sched::{with_ctx, Ctx, SpawnOpts, Timeout, Wait};
use crate::term::{self, Term, NON_VALUE};

fn t(w: u64) -> Term {
    // SAFETY: compiled code passes valid term words (ABI contract).
    unsafe { Term::from_raw(w) }
}

/// Run `f` in the running process's context and translate its result to the ABI.
///
/// # Safety
/// `p` must be the process the calling scheduler thread is running.
unsafe fn call(p: *mut Process, f: impl FnOnce(&mut Ctx) -> Result<Term, Exception>) -> u64 {
    // SAFETY: forwarded from the caller.
    let r = unsafe {
        with_ctx(p, |ctx| {
            let r = f(ctx);
            let exiting = ctx.is_exiting();
            (r, exiting)
        })
    };
    // SAFETY: `p` is valid (caller's contract).
    let p = unsafe { &mut *p };
    match r {
        None => {
            p.raise(Term::atom(idx::ERROR), Term::atom(idx::BADARG));
            NON_VALUE.raw()
        }
        Some((_, true)) => {
            p.status = STATUS_YIELD;
            NON_VALUE.raw()
        }
        Some((Ok(v), false)) => v.raw(),
        Some((Err(e), false)) => p.raise(e.class, e.reason).raw(),
    }
}

macro_rules! bif {
    ($sym:literal, $name:ident, |$ctx:ident $(, $a:ident)*| $body:expr) => {
        #[doc = concat!("BIF entry `", $sym, "`.\n\n# Safety\n`p` must be the process the calling scheduler runs.")]
        #[export_name = $sym]
        pub unsafe extern "C" fn $name(p: *mut Process $(, $a: u64)*) -> u64 {
            $(let $a = t($a);)*
            // SAFETY: forwarded from the caller.
            unsafe { call(p, |$ctx: &mut Ctx| $body) }
        }
    };
}

fn boolean(b: bool) -> Term {
    Term::bool(b)
}

pub(crate) fn spawn_fun(ctx: &mut Ctx, f: Term, opts: SpawnOpts) -> Result<Term, Exception> {
    let (code, env) = if let Some((entry, env)) = f.closure_parts() {
        if entry.arity != 0 {
            return Err(Exception::badarg());
        }
        (entry.code, env.to_vec())
    } else if let Some((m, fname, 0)) = f.export_mfa() {
        // `fun M:F/0`: its code, or erlang:apply(M, F, []) so the process dies of undef.
        match crate::native::rt::lookup_export(m, fname, 0) {
            Some(code) => (code, Vec::new()),
            None => match crate::native::procs::apply3() {
                Some(code) => (code, vec![m, fname, Term::NIL]),
                None => return Err(Exception::error(Term::atom(idx::UNDEF))),
            },
        }
    } else {
        return Err(Exception::badarg());
    };
    let (pid, r) = ctx.spawn_compiled(code, &env, opts)?;
    Ok(match r {
        Some(r) => term::tuple(ctx.process(), &[pid, r]),
        None => pid,
    })
}

bif!("ferl_bif_erlang_self_0", ferl_bif_erlang_self_0, |ctx| Ok(
    ctx.self_pid()
));
bif!(
    "ferl_bif_erlang_send_2",
    ferl_bif_erlang_send_2,
    |ctx, to, msg| ctx.send(to, msg)
);
bif!(
    "ferl_bif_erlang_make__ref_0",
    ferl_bif_erlang_make_ref_0,
    |ctx| {
        // Every fresh reference binds the receive marker (see `Ctx::recv_mark`): a
        // following receive that matches it (the compiler emits the hint) skips older
        // messages.
        let r = ctx.make_ref();
        ctx.recv_mark(r);
        Ok(r)
    }
);
bif!(
    "ferl_bif_erlang_spawn_1",
    ferl_bif_erlang_spawn_1,
    |ctx, f| spawn_fun(ctx, f, SpawnOpts::default())
);
bif!(
    "ferl_bif_erlang_spawn__link_1",
    ferl_bif_erlang_spawn_link_1,
    |ctx, f| spawn_fun(ctx, f, SpawnOpts::link())
);
bif!(
    "ferl_bif_erlang_spawn__monitor_1",
    ferl_bif_erlang_spawn_monitor_1,
    |ctx, f| spawn_fun(ctx, f, SpawnOpts::monitor())
);
bif!(
    "ferl_bif_erlang_link_1",
    ferl_bif_erlang_link_1,
    |ctx, pid| ctx.link(pid).map(|_| Term::atom(idx::TRUE))
);
bif!(
    "ferl_bif_erlang_unlink_1",
    ferl_bif_erlang_unlink_1,
    |ctx, pid| ctx.unlink(pid).map(|_| Term::atom(idx::TRUE))
);
bif!(
    "ferl_bif_erlang_monitor_2",
    ferl_bif_erlang_monitor_2,
    |ctx, kind, target| {
        if kind != Term::atom(idx::PROCESS) {
            return Err(Exception::badarg());
        }
        ctx.monitor(target)
    }
);
bif!(
    "ferl_bif_erlang_demonitor_1",
    ferl_bif_erlang_demonitor_1,
    |ctx, r| ctx.demonitor(r, false).map(|_| Term::atom(idx::TRUE))
);
bif!(
    "ferl_bif_erlang_demonitor_2",
    ferl_bif_erlang_demonitor_2,
    |ctx, r, opts| {
        let opts = opts.list_to_vec().ok_or(Exception::badarg())?;
        let (mut flush, mut info) = (false, false);
        for o in opts {
            match o.atom_name() {
                Some("flush") => flush = true,
                Some("info") => info = true,
                _ => return Err(Exception::badarg()),
            }
        }
        let was = ctx.demonitor(r, flush)?;
        Ok(if info {
            boolean(was)
        } else {
            Term::atom(idx::TRUE)
        })
    }
);
bif!(
    "ferl_bif_erlang_exit_2",
    ferl_bif_erlang_exit_2,
    |ctx, pid, reason| ctx.exit_signal(pid, reason).map(|_| Term::atom(idx::TRUE))
);
bif!(
    "ferl_bif_erlang_process__flag_2",
    ferl_bif_erlang_process_flag_2,
    |ctx, flag, value| {
        match flag.atom_name() {
            Some("trap_exit") if value.is_boolean() => {
                Ok(boolean(ctx.set_trap_exit(value == Term::atom(idx::TRUE))))
            }
            Some("max_heap_size") => {
                let new = parse_max_heap(value).ok_or(Exception::badarg())?;
                let old = std::mem::replace(&mut ctx.process().max_heap, new);
                Ok(max_heap_term(ctx.process(), old))
            }
            _ => Err(Exception::badarg()),
        }
    }
);
bif!(
    "ferl_bif_erlang_register_2",
    ferl_bif_erlang_register_2,
    |ctx, name, pid| ctx.register(name, pid)
);
bif!(
    "ferl_bif_erlang_unregister_1",
    ferl_bif_erlang_unregister_1,
    |ctx, name| ctx.unregister(name)
);
bif!(
    "ferl_bif_erlang_whereis_1",
    ferl_bif_erlang_whereis_1,
    |ctx, name| ctx.whereis(name)
);
bif!(
    "ferl_bif_erlang_registered_0",
    ferl_bif_erlang_registered_0,
    |ctx| Ok(ctx.registered())
);
bif!(
    "ferl_bif_erlang_is__process__alive_1",
    ferl_bif_erlang_is_process_alive_1,
    |ctx, pid| ctx.is_process_alive(pid).map(boolean)
);
bif!(
    "ferl_bif_erlang_processes_0",
    ferl_bif_erlang_processes_0,
    |ctx| Ok(ctx.processes())
);
/// What `process_info` trapped with: its result for the caller itself, or the request's
/// reference for another process.
enum InfoTrap {
    Value,
    Await(*const u8),
}

/// `erlang:process_info/1,2` as traps (`boot::TRAP_PREFIX`), so compiled code reaches
/// them through the export table and a non-tail call's frame is on the stack (it names
/// the caller for `current_function`). For the caller itself the result goes to `x0` and
/// the code returned is the top frame's continuation (a plain return). For another
/// process the request signal is sent and the code returned is the stdlib's
/// `ferl_process_info:await/1` with the reference in `x0`, which receives
/// `{Ref, Result}` (`undefined` for a dead process).
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
unsafe fn info_trap(p: *mut Process, pid: Term, items: Option<Term>) -> u64 {
    let mut how = InfoTrap::Value;
    let how_ref = &mut how;
    // SAFETY: forwarded from the caller.
    let r = unsafe {
        call(p, |ctx| {
            if pid == ctx.self_pid() {
                return match items {
                    Some(items) => ctx.process_info(items),
                    None => ctx.process_info_all(),
                };
            }
            if !pid.is_pid() {
                return Err(Exception::badarg());
            }
            let await_code = crate::native::rt::lookup_export(
                Term::intern("ferl_process_info").map_err(|_| Exception::badarg())?,
                Term::intern("await").map_err(|_| Exception::badarg())?,
                1,
            )
            .ok_or_else(Exception::badarg)?;
            *how_ref = InfoTrap::Await(await_code);
            match items {
                Some(items) => ctx.process_info_request(pid, items),
                None => ctx.process_info_request_all(pid),
            }
        })
    };
    // SAFETY: `p` is valid (caller's contract).
    let p = unsafe { &mut *p };
    if r == NON_VALUE.raw() {
        if p.status != STATUS_YIELD {
            let args: Vec<Term> = std::iter::once(pid).chain(items).collect();
            let f = Term::intern("process_info").unwrap_or(Term::NIL);
            crate::trace::build_for_trap(p, Term::atom(idx::ERLANG), f, &args);
        }
        return 0;
    }
    // SAFETY: as above.
    p.set_x(0, unsafe { Term::from_raw(r) });
    match how {
        InfoTrap::Await(code) => code as u64,
        // The top frame (a RETURN or the BOTTOM frame) is where a return goes.
        InfoTrap::Value => p.top_frame().map_or(0, |(_, code, _)| code as u64),
    }
}

/// `erlang:process_info(Pid, ItemOrItems)` (see `info_trap`).
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_trap_erlang_process__info_2"]
pub unsafe extern "C" fn ferl_trap_erlang_process_info_2(
    p: *mut Process,
    pid: u64,
    items: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { info_trap(p, t(pid), Some(t(items))) }
}

/// `erlang:process_info(Pid)`: BEAM's default item list (see `info_trap`).
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_trap_erlang_process__info_1"]
pub unsafe extern "C" fn ferl_trap_erlang_process_info_1(p: *mut Process, pid: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { info_trap(p, t(pid), None) }
}
bif!(
    "ferl_bif_erlang_send__after_3",
    ferl_bif_erlang_send_after_3,
    |ctx, time, dest, msg| ctx.send_after(time, dest, msg)
);
bif!(
    "ferl_bif_erlang_start__timer_3",
    ferl_bif_erlang_start_timer_3,
    |ctx, time, dest, msg| ctx.start_timer(time, dest, msg)
);
bif!(
    "ferl_bif_erlang_cancel__timer_1",
    ferl_bif_erlang_cancel_timer_1,
    |ctx, r| ctx.cancel_timer(r)
);
bif!(
    "ferl_bif_erlang_read__timer_1",
    ferl_bif_erlang_read_timer_1,
    |ctx, r| ctx.read_timer(r)
);
bif!(
    "ferl_bif_erlang_put_2",
    ferl_bif_erlang_put_2,
    |ctx, k, v| Ok(ctx.put(k, v))
);
bif!("ferl_bif_erlang_get_1", ferl_bif_erlang_get_1, |ctx, k| Ok(
    ctx.get(k)
));
bif!(
    "ferl_bif_erlang_erase_1",
    ferl_bif_erlang_erase_1,
    |ctx, k| Ok(ctx.erase(k))
);
bif!("ferl_bif_erlang_get_0", ferl_bif_erlang_get_0, |ctx| Ok(
    ctx.get_all()
));
bif!(
    "ferl_bif_erlang_get__keys_0",
    ferl_bif_erlang_get_keys_0,
    |ctx| Ok(ctx.get_keys())
);
bif!(
    "ferl_bif_erlang_get__keys_1",
    ferl_bif_erlang_get_keys_1,
    |ctx, v| Ok(ctx.get_keys_of(v))
);
bif!(
    "ferl_bif_erlang_erase_0",
    ferl_bif_erlang_erase_0,
    |ctx| Ok(ctx.erase_all())
);
/// `erlang:halt/1` with a non-negative integer status (the OS keeps its low 8 bits, as
/// `halt(261)` exits 5 on BEAM): requests shutdown and does not return to the caller (status
/// YIELD: the caller suspends and the schedulers stop), so no code after `halt` runs.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_bif_erlang_halt_1"]
pub unsafe extern "C" fn ferl_bif_erlang_halt_1(p: *mut Process, status: u64) -> u64 {
    let s = t(status).small_value().filter(|s| *s >= 0);
    // SAFETY: forwarded from the caller.
    let r = unsafe {
        call(p, |ctx| {
            let s = s.ok_or(Exception::badarg())?;
            ctx.halt((s & 0xFF) as i32);
            Ok(Term::atom(idx::TRUE))
        })
    };
    if r != NON_VALUE.raw() {
        // SAFETY: `p` is valid (caller's contract).
        unsafe { (*p).status = STATUS_YIELD };
        return NON_VALUE.raw();
    }
    r
}

/// `process_flag(max_heap_size, V)`: a size in words (0, or at least the minimum heap
/// size), or a map with `size` and optionally `kill` / `error_logger` (booleans; other
/// keys are ignored, as on BEAM).
pub(crate) fn parse_max_heap(v: Term) -> Option<crate::process::MaxHeap> {
    let size_of = |t: Term| -> Option<usize> {
        let n = t.small_value()?;
        (n == 0 || n >= crate::process::MIN_HEAP_WORDS as i64).then_some(n as usize)
    };
    let mut m = crate::process::MaxHeap::default();
    if v.is_map() {
        let get = |k: &str| Term::intern(k).ok().and_then(|k| crate::map::get(v, k));
        m.size = size_of(get("size")?)?;
        let flag = |t: Option<Term>, d: bool| -> Option<bool> {
            match t {
                None => Some(d),
                Some(t) if t.is_boolean() => Some(t == Term::atom(idx::TRUE)),
                Some(_) => None,
            }
        };
        m.kill = flag(get("kill"), true)?;
        m.error_logger = flag(get("error_logger"), true)?;
    } else {
        m.size = size_of(v)?;
    }
    Some(m)
}

/// `#{error_logger => E, kill => K, size => S}`.
fn max_heap_term(p: &mut Process, m: crate::process::MaxHeap) -> Term {
    let k = |n: &str| Term::intern(n).unwrap_or(Term::atom(idx::UNDEFINED));
    let size = term::int(p, m.size as i64);
    crate::map::from_pairs(
        p,
        &[
            (k("error_logger"), Term::bool(m.error_logger)),
            (k("kill"), Term::bool(m.kill)),
            (k("size"), size),
        ],
    )
}

fn memory_item(ctx: &mut Ctx, item: Term) -> Result<Term, Exception> {
    let v = item
        .atom_name()
        .and_then(crate::memory::item)
        .ok_or(Exception::badarg())?;
    Ok(term::int(ctx.process(), v as i64))
}

fn memory_pairs(ctx: &mut Ctx, items: &[Term]) -> Result<Term, Exception> {
    let mut out = Vec::with_capacity(items.len());
    for &it in items {
        let v = memory_item(ctx, it)?;
        out.push(term::tuple(ctx.process(), &[it, v]));
    }
    Ok(crate::signal::list_of(ctx.process(), &out))
}

bif!(
    "ferl_bif_erlang_memory_0",
    ferl_bif_erlang_memory_0,
    |ctx| {
        let items: Vec<Term> = crate::memory::ITEMS
            .iter()
            .map(|n| Term::intern(n).unwrap_or(Term::atom(idx::UNDEFINED)))
            .collect();
        memory_pairs(ctx, &items)
    }
);
bif!(
    "ferl_bif_erlang_memory_1",
    ferl_bif_erlang_memory_1,
    |ctx, what| {
        if what.is_atom() {
            return memory_item(ctx, what);
        }
        let l = what.list_to_vec().ok_or(Exception::badarg())?;
        memory_pairs(ctx, &l)
    }
);

bif!(
    "ferl_rt_process_info_request",
    ferl_rt_process_info_request,
    |ctx, pid, items| ctx.process_info_request(pid, items)
);
// `ferl_proc:info_request(Pid, ItemOrItems) -> Ref`, the same request for Erlang code (the
// stdlib's proc_lib/application ask other processes with it): the answer arrives as
// `{Ref, Result}` (`undefined` for a dead process).
bif!(
    "ferl_bif_ferl__proc_info__request_2",
    ferl_bif_ferl_proc_info_request_2,
    |ctx, pid, items| ctx.process_info_request(pid, items)
);

/// Spawn compiled code `code` with the arguments in the proper list `args`; `flags` bit 0
/// = link, bit 1 = monitor (then the result is `{Pid, Ref}`).
///
/// # Safety
/// `p` must be the process the calling scheduler runs; `code` compiled code taking
/// `length(args)` arguments.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_spawn(
    p: *mut Process,
    code: *const u8,
    args: u64,
    flags: u64,
) -> u64 {
    let args = t(args);
    let opts = SpawnOpts {
        link: flags & 1 != 0,
        monitor: flags & 2 != 0,
        ..Default::default()
    };
    // SAFETY: forwarded from the caller.
    unsafe {
        call(p, |ctx| {
            let a = args.list_to_vec().ok_or(Exception::badarg())?;
            let (pid, r) = ctx.spawn_compiled(code, &a, opts)?;
            Ok(match r {
                Some(r) => term::tuple(ctx.process(), &[pid, r]),
                None => pid,
            })
        })
    }
}

/// Receive: the message at the save pointer, or `NON_VALUE` (status OK) when there is
/// none left to look at (then call `ferl_rt_recv_wait`).
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_peek(p: *mut Process) -> u64 {
    // SAFETY: forwarded from the caller.
    let r = unsafe { with_ctx(p, |ctx| ctx.recv_peek()) };
    // SAFETY: `p` is valid.
    unsafe { (*p).status = STATUS_OK };
    r.flatten().map(|m| m.raw()).unwrap_or(NON_VALUE.raw())
}

/// Receive: the peeked message did not match; returns 0.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_next(p: *mut Process) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { with_ctx(p, |ctx| ctx.recv_next()) };
    STATUS_OK
}

/// Receive: the peeked message matched: remove it from the queue and return it (its
/// memory becomes part of the heap: no collection happens).
///
/// # Safety
/// `p` must be the process the calling scheduler runs, right after a successful peek.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_accept(p: *mut Process) -> u64 {
    // SAFETY: forwarded from the caller.
    let r = unsafe { with_ctx(p, |ctx| ctx.recv_accept()) };
    r.flatten().map(|m| m.raw()).unwrap_or(NON_VALUE.raw())
}

/// Receive: nothing matched. `timeout` is the `after` value (`infinity` when there is
/// no after clause). Returns a status: `STATUS_WAIT` (save state in a frame, set
/// `resume` to the receive loop's start, return `STATUS_WAIT` to the scheduler),
/// `STATUS_OK` (timed out: run the after clause), `STATUS_RAISE` (bad timeout value:
/// `timeout_value` exception set).
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_wait(p: *mut Process, timeout: u64) -> u64 {
    let timeout = t(timeout);
    // SAFETY: forwarded from the caller.
    let r = unsafe {
        with_ctx(p, |ctx| {
            Timeout::from_term(timeout).map(|to| ctx.recv_wait(to))
        })
    };
    // SAFETY: `p` is valid.
    let p = unsafe { &mut *p };
    match r {
        Some(Ok(Wait::Suspend)) => STATUS_WAIT,
        Some(Ok(Wait::TimedOut)) => STATUS_OK,
        Some(Err(e)) => {
            p.raise(e.class, e.reason);
            STATUS_RAISE
        }
        None => STATUS_WAIT,
    }
}

/// Bind the receive marker to reference `r` (right after `make_ref()`); returns 0.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_mark(p: *mut Process, r: u64) -> u64 {
    let r = t(r);
    // SAFETY: forwarded from the caller.
    unsafe { with_ctx(p, |ctx| ctx.recv_mark(r)) };
    STATUS_OK
}

/// Before a receive whose every clause matches on reference `r`: skip messages older
/// than the marker bound to `r` (if any); returns 0.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_recv_use_mark(p: *mut Process, r: u64) -> u64 {
    let r = t(r);
    // SAFETY: forwarded from the caller.
    unsafe { with_ctx(p, |ctx| ctx.recv_use_mark(r)) };
    STATUS_OK
}

#[cfg(test)]
mod tests {
    use crate::abi::bif_symbol;

    #[test]
    fn bif_symbols_follow_the_mangling() {
        for (f, a) in [
            ("self", 0),
            ("send", 2),
            ("make_ref", 0),
            ("spawn_link", 1),
            ("spawn_monitor", 1),
            ("process_flag", 2),
            ("is_process_alive", 1),
            ("send_after", 3),
            ("start_timer", 3),
            ("cancel_timer", 1),
            ("read_timer", 1),
        ] {
            let s = bif_symbol("erlang", f, a);
            let src = include_str!("entry.rs");
            assert!(src.contains(&format!("\"{s}\"")), "{s} missing");
        }
        // process_info/1,2 are traps (`boot::TRAP_PREFIX`).
        let s = bif_symbol("erlang", "process_info", 2).replace("ferl_bif_", "ferl_trap_");
        assert!(include_str!("entry.rs").contains(&format!("\"{s}\"")));
    }
}
