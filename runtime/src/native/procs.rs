//! Process BIFs that need the export table (`spawn/3`, `spawn_link/3`,
//! `spawn_monitor/3`): the BIF resolves `M:F/length(Args)` and spawns the compiled code
//! through `Ctx::spawn_compiled`, like `ferl_rt_spawn`.
//!
//! Owns: these entry points' C ABI (`docs/runtime-abi.md` section 10).
//! Must not: implement spawning itself (it calls `Ctx`).

use crate::atom::idx;
use crate::exception::Exception;
use crate::process::{Process, STATUS_YIELD};
use crate::sched::{with_ctx, Ctx, SpawnOpts};
use crate::term::{self, Term, NON_VALUE};

/// Run `f` in the running process's context: the term, or NON_VALUE with status RAISE
/// (exception set) or YIELD (the caller was killed meanwhile).
///
/// # Safety
/// `p` must be the process the calling scheduler thread is running.
pub(crate) unsafe fn call(
    p: *mut Process,
    f: impl FnOnce(&mut Ctx) -> Result<Term, Exception>,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let r = unsafe { with_ctx(p, |ctx| (f(ctx), ctx.is_exiting())) };
    // SAFETY: `p` is valid (caller's contract).
    let p = unsafe { &mut *p };
    match r {
        None => p
            .raise(Term::atom(idx::ERROR), Term::atom(idx::BADARG))
            .raw(),
        Some((_, true)) => {
            p.status = STATUS_YIELD;
            NON_VALUE.raw()
        }
        Some((Ok(v), false)) => v.raw(),
        Some((Err(e), false)) => p.raise(e.class, e.reason).raw(),
    }
}

/// The code of `erlang:apply/3` in the export table (the boot object's trap stub).
pub(crate) fn apply3() -> Option<*const u8> {
    let (m, f) = (Term::intern("erlang").ok()?, Term::intern("apply").ok()?);
    super::rt::lookup_export(m, f, 3)
}

pub(crate) fn spawn_mfa(
    ctx: &mut Ctx,
    m: Term,
    f: Term,
    args: Term,
    opts: SpawnOpts,
) -> Result<Term, Exception> {
    if !m.is_atom() || !f.is_atom() {
        return Err(Exception::badarg());
    }
    let a = args.list_to_vec().ok_or(Exception::badarg())?;
    let (code, a) = match super::rt::lookup_export(m, f, a.len() as u32) {
        Some(code) => (code, a),
        // Not loaded: as BEAM, the new process dies of `undef` (it runs erlang:apply/3,
        // which raises it). Without erlang:apply/3 in the export table (no boot object),
        // the caller gets `error:undef`.
        None => match apply3() {
            Some(code) => (code, vec![m, f, args]),
            None => return Err(Exception::error(Term::atom(idx::UNDEF))),
        },
    };
    let (pid, r) = ctx.spawn_compiled(code, &a, opts)?;
    Ok(match r {
        Some(r) => term::tuple(ctx.process(), &[pid, r]),
        None => pid,
    })
}

/// `erlang:spawn/3`.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_bif_erlang_spawn_3"]
pub unsafe extern "C" fn ferl_bif_erlang_spawn_3(p: *mut Process, m: u64, f: u64, a: u64) -> u64 {
    // SAFETY: compiled code passes valid terms; `p` forwarded from the caller.
    unsafe {
        call(p, |ctx| {
            spawn_mfa(
                ctx,
                Term::from_raw(m),
                Term::from_raw(f),
                Term::from_raw(a),
                SpawnOpts::default(),
            )
        })
    }
}

/// `erlang:spawn_link/3`.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_bif_erlang_spawn__link_3"]
pub unsafe extern "C" fn ferl_bif_erlang_spawn_link_3(
    p: *mut Process,
    m: u64,
    f: u64,
    a: u64,
) -> u64 {
    // SAFETY: compiled code passes valid terms; `p` forwarded from the caller.
    unsafe {
        call(p, |ctx| {
            spawn_mfa(
                ctx,
                Term::from_raw(m),
                Term::from_raw(f),
                Term::from_raw(a),
                SpawnOpts::link(),
            )
        })
    }
}

/// `erlang:spawn_monitor/3`.
///
/// # Safety
/// `p` must be the process the calling scheduler runs.
#[export_name = "ferl_bif_erlang_spawn__monitor_3"]
pub unsafe extern "C" fn ferl_bif_erlang_spawn_monitor_3(
    p: *mut Process,
    m: u64,
    f: u64,
    a: u64,
) -> u64 {
    // SAFETY: compiled code passes valid terms; `p` forwarded from the caller.
    unsafe {
        call(p, |ctx| {
            spawn_mfa(
                ctx,
                Term::from_raw(m),
                Term::from_raw(f),
                Term::from_raw(a),
                SpawnOpts::monitor(),
            )
        })
    }
}

pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
    vec![
        (
            "ferl_bif_erlang_spawn_3",
            ferl_bif_erlang_spawn_3 as *const u8,
        ),
        (
            "ferl_bif_erlang_spawn__link_3",
            ferl_bif_erlang_spawn_link_3 as *const u8,
        ),
        (
            "ferl_bif_erlang_spawn__monitor_3",
            ferl_bif_erlang_spawn_monitor_3 as *const u8,
        ),
    ]
}

/// The process BIFs and receive/spawn entry points of `crate::entry`.
pub(crate) fn entry_symbols() -> Vec<(&'static str, *const u8)> {
    vec![
        (
            "ferl_bif_erlang_self_0",
            crate::entry::ferl_bif_erlang_self_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_send_2",
            crate::entry::ferl_bif_erlang_send_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_make__ref_0",
            crate::entry::ferl_bif_erlang_make_ref_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_spawn_1",
            crate::entry::ferl_bif_erlang_spawn_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_spawn__link_1",
            crate::entry::ferl_bif_erlang_spawn_link_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_spawn__monitor_1",
            crate::entry::ferl_bif_erlang_spawn_monitor_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_link_1",
            crate::entry::ferl_bif_erlang_link_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_unlink_1",
            crate::entry::ferl_bif_erlang_unlink_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_monitor_2",
            crate::entry::ferl_bif_erlang_monitor_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_demonitor_1",
            crate::entry::ferl_bif_erlang_demonitor_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_demonitor_2",
            crate::entry::ferl_bif_erlang_demonitor_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_exit_2",
            crate::entry::ferl_bif_erlang_exit_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_process__flag_2",
            crate::entry::ferl_bif_erlang_process_flag_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_register_2",
            crate::entry::ferl_bif_erlang_register_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_unregister_1",
            crate::entry::ferl_bif_erlang_unregister_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_whereis_1",
            crate::entry::ferl_bif_erlang_whereis_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_registered_0",
            crate::entry::ferl_bif_erlang_registered_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_is__process__alive_1",
            crate::entry::ferl_bif_erlang_is_process_alive_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_processes_0",
            crate::entry::ferl_bif_erlang_processes_0 as *const u8,
        ),
        (
            "ferl_trap_erlang_process__info_2",
            crate::entry::ferl_trap_erlang_process_info_2 as *const u8,
        ),
        (
            "ferl_trap_erlang_process__info_1",
            crate::entry::ferl_trap_erlang_process_info_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_send__after_3",
            crate::entry::ferl_bif_erlang_send_after_3 as *const u8,
        ),
        (
            "ferl_bif_erlang_start__timer_3",
            crate::entry::ferl_bif_erlang_start_timer_3 as *const u8,
        ),
        (
            "ferl_bif_erlang_cancel__timer_1",
            crate::entry::ferl_bif_erlang_cancel_timer_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_read__timer_1",
            crate::entry::ferl_bif_erlang_read_timer_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_put_2",
            crate::entry::ferl_bif_erlang_put_2 as *const u8,
        ),
        (
            "ferl_bif_erlang_get_1",
            crate::entry::ferl_bif_erlang_get_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_erase_1",
            crate::entry::ferl_bif_erlang_erase_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_get_0",
            crate::entry::ferl_bif_erlang_get_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_get__keys_0",
            crate::entry::ferl_bif_erlang_get_keys_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_get__keys_1",
            crate::entry::ferl_bif_erlang_get_keys_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_erase_0",
            crate::entry::ferl_bif_erlang_erase_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_halt_1",
            crate::entry::ferl_bif_erlang_halt_1 as *const u8,
        ),
        (
            "ferl_bif_erlang_memory_0",
            crate::entry::ferl_bif_erlang_memory_0 as *const u8,
        ),
        (
            "ferl_bif_erlang_memory_1",
            crate::entry::ferl_bif_erlang_memory_1 as *const u8,
        ),
        (
            "ferl_rt_process_info_request",
            crate::entry::ferl_rt_process_info_request as *const u8,
        ),
        // `ferl_proc:info_request(Pid, ItemOrItems) -> Ref` for Erlang code (the stdlib's
        // proc_lib/application): the answer arrives as `{Ref, Result}` (`undefined` for a
        // dead process), as for compiled `process_info` of another process (section 9).
        (
            "ferl_bif_ferl__proc_info__request_2",
            crate::entry::ferl_bif_ferl_proc_info_request_2 as *const u8,
        ),
        ("ferl_rt_spawn", crate::entry::ferl_rt_spawn as *const u8),
        (
            "ferl_rt_recv_peek",
            crate::entry::ferl_rt_recv_peek as *const u8,
        ),
        (
            "ferl_rt_recv_next",
            crate::entry::ferl_rt_recv_next as *const u8,
        ),
        (
            "ferl_rt_recv_accept",
            crate::entry::ferl_rt_recv_accept as *const u8,
        ),
        (
            "ferl_rt_recv_wait",
            crate::entry::ferl_rt_recv_wait as *const u8,
        ),
        (
            "ferl_rt_recv_mark",
            crate::entry::ferl_rt_recv_mark as *const u8,
        ),
        (
            "ferl_rt_recv_use_mark",
            crate::entry::ferl_rt_recv_use_mark as *const u8,
        ),
    ]
}
