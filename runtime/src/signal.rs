//! Signals between processes and what a process does with them: messages, exit
//! signals, links, monitors, process_info requests, and the process exit sequence.
//!
//! Owns: BEAM's rules (`kill` from exit/2 is untrappable and becomes `killed`; `normal`
//! is ignored unless trapping or sent by the process to itself; trap_exit turns exit
//! signals into `{'EXIT', From, Reason}` messages; link exits count only while the link
//! exists; a `'DOWN'` counts only while the monitor exists; link/monitor requests that
//! reach a dead process are answered with its exit reason or `noproc`).
//! Every signal travels in the receiver's one signal queue, so all signals from one
//! sender arrive in send order.
//! Must not: schedule (it calls `Shared::wake` through `send_signal`), or touch a
//! process it does not own.

use crate::atom::idx;
use crate::copy::{copy_term, size_of};
use crate::exception::Exception;
use crate::heap::Heap;
use crate::mailbox::Message;
use crate::process::Process;
use crate::sched::{Ctx, ProcCell, ProcInner, Scheduler, EXITED};
use crate::term::{self, Term, NIL};
use std::sync::atomic::Ordering;

/// A monitor: reference ids, the other process, and the registered name it was set up
/// with (for the `{Name, Node}` item of the `'DOWN'` message).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mon {
    pub(crate) r: [u32; 3],
    pub(crate) pid: u64,
    pub(crate) name: Option<u32>,
}

/// Link and monitor state (allocated when first needed).
#[derive(Default)]
pub(crate) struct Ext {
    pub(crate) links: Vec<u64>,
    /// Monitors this process holds (it will get the `'DOWN'`).
    pub(crate) monitors: Vec<Mon>,
    /// Monitors others hold on this process.
    pub(crate) monitored_by: Vec<Mon>,
}

/// A signal in a process's signal queue.
pub(crate) enum Signal {
    Msg(Message),
    Exit {
        from: u64,
        reason: Message,
        link: bool,
    },
    Link {
        from: u64,
    },
    Unlink {
        from: u64,
    },
    Monitor {
        from: u64,
        r: [u32; 3],
        name: Option<u32>,
    },
    Demonitor {
        r: [u32; 3],
    },
    Down {
        r: [u32; 3],
        msg: Message,
    },
    Info {
        from: u64,
        r: [u32; 3],
        items: Box<[u32]>,
        single: bool,
    },
}

impl crate::mailbox::SigItem for Signal {
    fn into_msg(self) -> Result<Message, Self> {
        match self {
            Signal::Msg(m) => Ok(m),
            other => Err(other),
        }
    }
    fn from_msg(m: Message) -> Self {
        Signal::Msg(m)
    }
}

fn atom(i: u32) -> Term {
    Term::atom(i)
}

/// `{'EXIT', From, Reason}` as a message.
fn exit_message(from: u64, reason: Term) -> Message {
    Message::build(size_of(reason) + 4, |h| {
        let r = copy_term(h, reason);
        term::tuple(h, &[atom(idx::EXIT_UPPER), Term::pid(from), r])
    })
}

/// `{'DOWN', Ref, process, Item, Reason}` as a message.
fn down_message(r: [u32; 3], target: u64, name: Option<u32>, reason: Term) -> Message {
    Message::build(size_of(reason) + 12, |h| {
        let rt = term::reference(h, r);
        let item = match name {
            Some(n) => term::tuple(h, &[atom(n), atom(idx::NONODE)]),
            None => Term::pid(target),
        };
        let reason = copy_term(h, reason);
        term::tuple(h, &[atom(idx::DOWN), rt, atom(idx::PROCESS), item, reason])
    })
}

/// Handle every signal that has arrived (owner only). Stops early when one kills the
/// process (`inner.pending_exit`); the exit sequence handles the rest.
pub(crate) fn handle_signals(s: &Scheduler, cell: &ProcCell, inner: &mut ProcInner) {
    while inner.pending_exit.is_none() {
        // SAFETY: the caller owns the process, so it is the queue's only consumer.
        let Some(sig) = (unsafe { cell.signals.pop_shared() }) else {
            break;
        };
        match sig {
            Signal::Msg(m) => inner.msgs.push(m),
            Signal::Exit { from, reason, link } => {
                if link {
                    let ext = inner.ext_mut();
                    match ext.links.iter().position(|&l| l == from) {
                        Some(i) => {
                            ext.links.swap_remove(i);
                        }
                        None => continue, // unlinked meanwhile: ignored
                    }
                }
                let r = reason.term();
                if !link && r == atom(idx::KILL) {
                    inner.pending_exit = Some(Message::new(atom(idx::KILLED)));
                } else if inner.trap_exit {
                    inner.msgs.push(exit_message(from, r));
                } else if r == atom(idx::NORMAL) {
                    if !link && from == cell.serial {
                        inner.pending_exit = Some(reason);
                    }
                } else {
                    inner.pending_exit = Some(reason);
                }
            }
            Signal::Link { from } => {
                let ext = inner.ext_mut();
                if from != cell.serial && !ext.links.contains(&from) {
                    ext.links.push(from);
                }
            }
            Signal::Unlink { from } => inner.ext_mut().links.retain(|&l| l != from),
            Signal::Monitor { from, r, name } => {
                inner
                    .ext_mut()
                    .monitored_by
                    .push(Mon { r, pid: from, name })
            }
            Signal::Demonitor { r } => inner.ext_mut().monitored_by.retain(|m| m.r != r),
            Signal::Down { r, msg } => {
                let ext = inner.ext_mut();
                if let Some(i) = ext.monitors.iter().position(|m| m.r == r) {
                    ext.monitors.swap_remove(i);
                    inner.msgs.push(msg);
                }
            }
            Signal::Info {
                from,
                r,
                items,
                single,
            } => {
                let reply = Message::build(64, |h| {
                    let v = crate::proc_bifs::info_result(s, cell, inner, &items, single, h, false);
                    let rt = term::reference(h, r);
                    term::tuple(h, &[rt, v])
                });
                s.shared.send_signal(from, Signal::Msg(reply));
            }
        }
    }
}

/// The exit reason of an uncaught exception: `error` -> `{Reason, Stack}`, `exit` ->
/// `Reason`, `throw` -> `{{nocatch, Reason}, Stack}`.
pub(crate) fn exit_reason_of_exception(p: &mut Process) -> Term {
    let (class, reason, trace) = (p.exc_class, p.exc_reason, p.exc_trace);
    if class == atom(idx::EXIT) {
        reason
    } else if class == atom(idx::THROW) {
        let nc = term::tuple(p, &[atom(idx::NOCATCH), reason]);
        term::tuple(p, &[nc, trace])
    } else {
        term::tuple(p, &[reason, trace])
    }
}

/// The exit sequence: the process is finished with `reason`. Tells links and monitors,
/// answers late link/monitor requests, frees the process. The caller must not touch the
/// cell afterwards.
pub(crate) fn exit(s: &Scheduler, cell: &ProcCell, inner: &mut ProcInner, reason: Message) {
    let sh = &s.shared;
    let me = cell.serial;
    if let Some((sc, id)) = inner.recv_timer.take() {
        sh.scheds[sc as usize].timers.lock().wheel.cancel(id);
    }
    let rn = cell.reg_name.load(Ordering::Acquire);
    if rn != 0 {
        sh.registry.change(|e| {
            if e.whereis(rn - 1) == Some(me) {
                e.remove(rn - 1);
            }
            cell.reg_name.store(0, Ordering::Release);
        });
    }
    // ETS tables owned by this process go (or pass to their heirs).
    crate::ets::owner_exited(me, cell.pid(), &|s| sh.is_alive(s), &|s, m| {
        sh.send_signal(s, Signal::Msg(m));
    });
    {
        let _l = cell.lock.lock();
        cell.state.fetch_or(EXITED, Ordering::AcqRel);
    }
    // From here on no link/monitor request can be pushed; answer those that were.
    let mut ext = inner.ext.take().map(|b| *b).unwrap_or_default();
    // SAFETY: we own the process: the only consumer of its queue.
    while let Some(sig) = unsafe { cell.signals.pop_shared() } {
        match sig {
            Signal::Link { from } => {
                if !ext.links.contains(&from) {
                    ext.links.push(from);
                }
            }
            Signal::Unlink { from } => ext.links.retain(|&l| l != from),
            Signal::Monitor { from, r, name } => ext.monitored_by.push(Mon { r, pid: from, name }),
            Signal::Demonitor { r } => ext.monitored_by.retain(|m| m.r != r),
            Signal::Info { from, r, .. } => {
                let reply = Message::build(8, |h| {
                    let rt = term::reference(h, r);
                    term::tuple(h, &[rt, atom(idx::UNDEFINED)])
                });
                sh.send_signal(from, Signal::Msg(reply));
            }
            Signal::Msg(_) | Signal::Exit { .. } | Signal::Down { .. } => {}
        }
    }
    let r = reason.term();
    for &l in &ext.links {
        sh.send_signal(
            l,
            Signal::Exit {
                from: me,
                reason: Message::new(r),
                link: true,
            },
        );
    }
    for m in &ext.monitored_by {
        sh.send_signal(
            m.pid,
            Signal::Down {
                r: m.r,
                msg: down_message(m.r, me, m.name, r),
            },
        );
    }
    for m in &ext.monitors {
        sh.send_signal(m.pid, Signal::Demonitor { r: m.r });
    }
    if sh.entry.load(Ordering::Acquire) == me {
        sh.halt(if r == atom(idx::NORMAL) { 0 } else { 1 });
    }
    // Free the memory now; the cell itself goes when no reader can hold it.
    inner.body = crate::sched::Body::None;
    inner.msgs = Default::default();
    inner.p.dict = Vec::new();
    inner.p.saved = Vec::new();
    inner.p = Process::with_block(me, crate::process::HeapBlock::empty());
    drop(reason);
    let guard = crossbeam::epoch::pin();
    sh.table.remove(me, &guard);
}

impl Ctx<'_> {
    /// `link(Pid)`.
    pub fn link(&mut self, pid: Term) -> Result<(), Exception> {
        let Some(target) = pid.pid_serial() else {
            return Err(Exception::badarg());
        };
        let me = self.cell.serial;
        if target == me
            || self
                .inner
                .ext
                .as_ref()
                .is_some_and(|e| e.links.contains(&target))
        {
            return Ok(());
        }
        self.inner.ext_mut().links.push(target);
        if self
            .sched
            .shared
            .send_ordered(target, Signal::Link { from: me })
            .is_err()
        {
            self.inner.ext_mut().links.retain(|&l| l != target);
            if self.inner.trap_exit {
                self.inner
                    .msgs
                    .push(exit_message(target, atom(idx::NOPROC)));
            } else {
                return Err(Exception::error(atom(idx::NOPROC)));
            }
        }
        Ok(())
    }

    /// `unlink(Pid)`.
    pub fn unlink(&mut self, pid: Term) -> Result<(), Exception> {
        let Some(target) = pid.pid_serial() else {
            return Err(Exception::badarg());
        };
        if let Some(e) = self.inner.ext.as_mut() {
            if e.links.contains(&target) {
                e.links.retain(|&l| l != target);
                let _ = self.sched.shared.send_ordered(
                    target,
                    Signal::Unlink {
                        from: self.cell.serial,
                    },
                );
            }
        }
        Ok(())
    }

    /// `monitor(process, PidOrName)`: returns the reference. A dead target gives an
    /// immediate `'DOWN'` with reason `noproc`.
    pub fn monitor(&mut self, target: Term) -> Result<Term, Exception> {
        let (serial, name) = if let Some(s) = target.pid_serial() {
            (Some(s), None)
        } else if let Some(a) = target.atom_index() {
            (self.sched.shared.registry.whereis(a), Some(a))
        } else {
            return Err(Exception::badarg());
        };
        let r = self.make_ref();
        self.recv_mark(r);
        let ids = r.ref_ids().unwrap_or([0; 3]);
        let me = self.cell.serial;
        let ok = match serial {
            Some(s) => {
                self.inner.ext_mut().monitors.push(Mon {
                    r: ids,
                    pid: s,
                    name,
                });
                let sent = self
                    .sched
                    .shared
                    .send_ordered(
                        s,
                        Signal::Monitor {
                            from: me,
                            r: ids,
                            name,
                        },
                    )
                    .is_ok();
                if !sent {
                    self.inner.ext_mut().monitors.retain(|m| m.r != ids);
                }
                sent
            }
            None => false,
        };
        if !ok {
            let down = down_message(ids, serial.unwrap_or(0), name, atom(idx::NOPROC));
            self.inner.msgs.push(down);
        }
        Ok(r)
    }

    /// `demonitor(Ref)` / `demonitor(Ref, [flush])`: true if the monitor was active.
    pub fn demonitor(&mut self, r: Term, flush: bool) -> Result<bool, Exception> {
        let Some(ids) = r.ref_ids() else {
            return Err(Exception::badarg());
        };
        let found = self.inner.ext.as_mut().and_then(|e| {
            let i = e.monitors.iter().position(|m| m.r == ids)?;
            Some(e.monitors.swap_remove(i))
        });
        if let Some(m) = found {
            let _ = self
                .sched
                .shared
                .send_ordered(m.pid, Signal::Demonitor { r: ids });
        }
        if flush {
            self.inner.msgs.remove_where(|t| {
                t.tuple_elements().is_some_and(|e| {
                    e.len() == 5 && e[0] == atom(idx::DOWN) && e[1].ref_ids() == Some(ids)
                })
            });
        }
        Ok(found.is_some())
    }

    /// `exit(Pid, Reason)`.
    pub fn exit_signal(&mut self, pid: Term, reason: Term) -> Result<(), Exception> {
        let Some(target) = pid.pid_serial() else {
            return Err(Exception::badarg());
        };
        let me = self.cell.serial;
        let sig = Signal::Exit {
            from: me,
            reason: Message::new(reason),
            link: false,
        };
        if target == me {
            self.cell.signals.push(sig);
            handle_signals(self.sched, self.cell, self.inner);
        } else {
            self.sched.shared.send_signal(target, sig);
        }
        Ok(())
    }

    /// `process_flag(trap_exit, Flag)`: returns the old value.
    pub fn set_trap_exit(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.inner.trap_exit, on)
    }

    /// Links of this process (pids).
    pub fn links(&self) -> Vec<Term> {
        self.inner
            .ext
            .as_ref()
            .map(|e| e.links.iter().map(|&l| Term::pid(l)).collect())
            .unwrap_or_default()
    }
}

/// Build a list of terms on `h`.
pub(crate) fn list_of<H: Heap + ?Sized>(h: &mut H, items: &[Term]) -> Term {
    let mut t = NIL;
    for &i in items.iter().rev() {
        t = term::cons(h, i, t);
    }
    t
}
