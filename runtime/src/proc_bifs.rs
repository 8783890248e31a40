//! Process-related BIFs a running process calls: registered names, `is_process_alive`,
//! `processes()`, `process_info`, the process dictionary, and the timer BIFs
//! (`send_after`, `start_timer`, `cancel_timer`, `read_timer`).
//!
//! Owns: argument checking with BEAM's errors and building the results.
//! Must not: read another process's private state directly: `process_info` of another
//! process is a request signal the target answers with a `{Ref, Result}` message.

use crate::atom::{self, idx};
use crate::cmp::exact_eq;
use crate::copy::copy_term;
use crate::exception::Exception;
use crate::heap::Heap;
use crate::mailbox::Message;
use crate::sched::{Ctx, ProcCell, ProcInner, Scheduler, Shared, TimerAction};
use crate::signal::{list_of, Signal};
use crate::term::{self, Term, NIL};
use std::sync::atomic::Ordering;

fn atom_t(i: u32) -> Term {
    Term::atom(i)
}

fn ai(name: &str) -> u32 {
    atom::intern(name).unwrap_or(idx::UNDEFINED)
}

/// The `process_info` items supported.
pub const INFO_ITEMS: &[&str] = &[
    "message_queue_len",
    "links",
    "monitors",
    "monitored_by",
    "registered_name",
    "status",
    "trap_exit",
    "heap_size",
    "total_heap_size",
    "memory",
    "dictionary",
    "reductions",
    "messages",
    "stack_size",
    "max_heap_size",
    "priority",
    "min_heap_size",
    "current_function",
    "initial_call",
    "error_handler",
    "group_leader",
    "garbage_collection",
    "suspending",
];

/// `process_info/1`'s items, in BEAM's order (`registered_name` first when registered).
const ALL_ITEMS: &[&str] = &[
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// In an item list: `{registered_name, Name}` only if the process has a name.
const REG_NAME_IF_ANY: u32 = u32::MAX;

fn all_items() -> Vec<u32> {
    let mut v = vec![REG_NAME_IF_ANY];
    v.extend(ALL_ITEMS.iter().map(|n| ai(n)));
    v
}

/// Bytes a process occupies: its cell, heap/stack/fragments, queued messages, links and
/// monitors.
pub(crate) fn process_memory(inner: &ProcInner) -> usize {
    let mut n = std::mem::size_of::<ProcCell>() + inner.p.memory_bytes();
    n += inner.msgs.len() * 64;
    if let Some(e) = &inner.ext {
        n += std::mem::size_of_val(&**e)
            + (e.links.capacity() * 8)
            + (e.monitors.capacity() + e.monitored_by.capacity()) * 24;
    }
    n + inner.p.dict.capacity() * 8 + inner.p.saved.capacity() * 8
}

fn info_value<H: Heap + ?Sized>(
    _s: &Scheduler,
    cell: &ProcCell,
    inner: &ProcInner,
    item: u32,
    h: &mut H,
    is_self: bool,
) -> Term {
    let name = atom::name(item);
    let small = |n: usize| Term::small(n as i64).unwrap_or(NIL);
    match name {
        "message_queue_len" => small(inner.msgs.len()),
        "links" => {
            let v: Vec<Term> = inner
                .ext
                .as_ref()
                .map(|e| e.links.iter().map(|&l| Term::pid(l)).collect())
                .unwrap_or_default();
            list_of(h, &v)
        }
        "monitors" => {
            let mut v = Vec::new();
            if let Some(e) = &inner.ext {
                for m in &e.monitors {
                    let item = match m.name {
                        Some(n) => term::tuple(h, &[atom_t(n), atom_t(idx::NONODE)]),
                        None => Term::pid(m.pid),
                    };
                    v.push(term::tuple(h, &[atom_t(idx::PROCESS), item]));
                }
            }
            list_of(h, &v)
        }
        "monitored_by" => {
            let v: Vec<Term> = inner
                .ext
                .as_ref()
                .map(|e| e.monitored_by.iter().map(|m| Term::pid(m.pid)).collect())
                .unwrap_or_default();
            list_of(h, &v)
        }
        "registered_name" => match cell.reg_name.load(Ordering::Acquire) {
            0 => NIL,
            n => atom_t(n - 1),
        },
        "status" => {
            let st = if is_self {
                "running"
            } else if inner.waiting {
                "waiting"
            } else {
                "runnable"
            };
            atom_t(ai(st))
        }
        "trap_exit" => Term::bool(inner.trap_exit),
        "heap_size" => small(inner.p.block_words()),
        "total_heap_size" => {
            small(inner.p.block_words() + inner.p.old_used() + inner.p.frag_used())
        }
        "memory" => small(process_memory(inner)),
        "dictionary" => {
            let d = &inner.p.dict;
            let mut v = Vec::with_capacity(d.len() / 2);
            for kv in d.chunks(2) {
                let (k, val) = if is_self {
                    (kv[0], kv[1])
                } else {
                    (copy_term(h, kv[0]), copy_term(h, kv[1]))
                };
                v.push(term::tuple(h, &[k, val]));
            }
            list_of(h, &v)
        }
        "reductions" => small(inner.reductions as usize),
        "messages" => {
            // Copies: queued messages live in their own buffers, not on the heap `h`
            // belongs to, and may be dropped before the result is.
            let v: Vec<Term> = inner.msgs.iter().map(|m| copy_term(h, m)).collect();
            list_of(h, &v)
        }
        "stack_size" => small(inner.p.stack_used()),
        "max_heap_size" => {
            let m = inner.p.max_heap;
            let k = |n: &str| atom_t(ai(n));
            let size = small(m.size);
            crate::map::from_pairs(
                h,
                &[
                    (k("error_logger"), Term::bool(m.error_logger)),
                    (k("kill"), Term::bool(m.kill)),
                    (k("size"), size),
                ],
            )
        }
        "priority" => atom_t(ai("normal")),
        "min_heap_size" => small(crate::process::MIN_HEAP_WORDS),
        "current_function" => match crate::trace::current_function(&inner.p) {
            Some((m, f, a)) => term::tuple(h, &[m, f, small(a as usize)]),
            None => atom_t(idx::UNDEFINED),
        },
        // Not recorded: every process reports what BEAM reports for spawn of a fun.
        "initial_call" => {
            let e = atom_t(idx::ERLANG);
            term::tuple(h, &[e, atom_t(ai("apply")), small(2)])
        }
        "error_handler" => atom_t(ai("error_handler")),
        // ferl has no group leaders (I/O goes straight to the output): <0.0.0>.
        "group_leader" => Term::pid(0),
        "garbage_collection" => {
            let k = |n: &str| atom_t(ai(n));
            let mh = info_value(_s, cell, inner, ai("max_heap_size"), h, is_self);
            let pairs = [
                (k("max_heap_size"), mh),
                (k("min_bin_vheap_size"), small(46422)),
                (k("min_heap_size"), small(crate::process::MIN_HEAP_WORDS)),
                (k("fullsweep_after"), small(65535)),
                (k("minor_gcs"), small(0)),
            ];
            let v: Vec<Term> = pairs
                .iter()
                .map(|&(a, b)| term::tuple(h, &[a, b]))
                .collect();
            list_of(h, &v)
        }
        "suspending" => NIL,
        _ => atom_t(idx::UNDEFINED),
    }
}

/// The result of `process_info(Pid, Items)`: `{Item, Value}` for one item, a list of
/// them otherwise.
pub(crate) fn info_result<H: Heap + ?Sized>(
    s: &Scheduler,
    cell: &ProcCell,
    inner: &ProcInner,
    items: &[u32],
    single: bool,
    h: &mut H,
    is_self: bool,
) -> Term {
    let mut out = Vec::with_capacity(items.len());
    for &it in items {
        if it == REG_NAME_IF_ANY {
            let rn = ai("registered_name");
            let v = info_value(s, cell, inner, rn, h, is_self);
            if v != NIL {
                out.push(term::tuple(h, &[atom_t(rn), v]));
            }
            continue;
        }
        let v = info_value(s, cell, inner, it, h, is_self);
        // `process_info(P, registered_name)` of a process without a name is `[]` (in an
        // item list it is `{registered_name, []}`), as on BEAM.
        if single && v == NIL && it == ai("registered_name") {
            return NIL;
        }
        out.push(term::tuple(h, &[atom_t(it), v]));
    }
    if single {
        out.first().copied().unwrap_or(NIL)
    } else {
        list_of(h, &out)
    }
}

fn parse_items(items: Term) -> Result<(Vec<u32>, bool), Exception> {
    let check = |t: Term| -> Result<u32, Exception> {
        let a = t.atom_index().ok_or(Exception::badarg())?;
        if INFO_ITEMS.contains(&atom::name(a)) {
            Ok(a)
        } else {
            Err(Exception::badarg())
        }
    };
    if items.is_atom() {
        return Ok((vec![check(items)?], true));
    }
    let l = items.list_to_vec().ok_or(Exception::badarg())?;
    Ok((l.into_iter().map(check).collect::<Result<_, _>>()?, false))
}

impl Shared {
    fn timer_insert(&self, sched: usize, ms: u64, action: TimerAction) -> u64 {
        let id = self.timer_ids.fetch_add(1, Ordering::Relaxed);
        let deadline = self.now_ms() + ms;
        self.scheds[sched]
            .timers
            .lock()
            .wheel
            .insert(id, deadline, action);
        id
    }
}

fn timer_ms(t: Term) -> Result<u64, Exception> {
    match t.small_value() {
        Some(n) if (0..=u32::MAX as i64).contains(&n) => Ok(n as u64),
        _ => Err(Exception::badarg()),
    }
}

impl Ctx<'_> {
    // ---- names ------------------------------------------------------------------------

    /// `register(Name, Pid)`.
    pub fn register(&mut self, name: Term, pid: Term) -> Result<Term, Exception> {
        let (Some(a), Some(serial)) = (name.atom_index(), pid.pid_serial()) else {
            return Err(Exception::badarg());
        };
        if a == idx::UNDEFINED {
            return Err(Exception::badarg());
        }
        let sh = &self.sched.shared;
        let ok = sh.registry.change(|e| {
            let guard = crossbeam::epoch::pin();
            let Some(cell) = sh.table.get(serial, &guard) else {
                return false;
            };
            let _l = cell.lock.lock();
            if cell.is_exited()
                || cell.reg_name.load(Ordering::Acquire) != 0
                || e.whereis(a).is_some()
            {
                return false;
            }
            e.insert(a, serial);
            cell.reg_name.store(a + 1, Ordering::Release);
            true
        });
        if ok {
            Ok(atom_t(idx::TRUE))
        } else {
            Err(Exception::badarg())
        }
    }

    /// `unregister(Name)`.
    pub fn unregister(&mut self, name: Term) -> Result<Term, Exception> {
        let a = name.atom_index().ok_or(Exception::badarg())?;
        let sh = &self.sched.shared;
        let ok = sh.registry.change(|e| match e.remove(a) {
            Some(serial) => {
                let guard = crossbeam::epoch::pin();
                if let Some(cell) = sh.table.get(serial, &guard) {
                    let _ = cell.reg_name.compare_exchange(
                        a + 1,
                        0,
                        Ordering::AcqRel,
                        Ordering::Acquire,
                    );
                }
                true
            }
            None => false,
        });
        if ok {
            Ok(atom_t(idx::TRUE))
        } else {
            Err(Exception::badarg())
        }
    }

    /// `whereis(Name)`: the pid or `undefined`.
    pub fn whereis(&self, name: Term) -> Result<Term, Exception> {
        let a = name.atom_index().ok_or(Exception::badarg())?;
        Ok(self
            .sched
            .shared
            .registry
            .whereis(a)
            .map(Term::pid)
            .unwrap_or(atom_t(idx::UNDEFINED)))
    }

    /// `registered()`.
    pub fn registered(&mut self) -> Term {
        let names: Vec<Term> = self
            .sched
            .shared
            .registry
            .names()
            .into_iter()
            .map(atom_t)
            .collect();
        list_of(&mut self.inner.p, &names)
    }

    // ---- processes --------------------------------------------------------------------

    /// `is_process_alive(Pid)`.
    pub fn is_process_alive(&self, pid: Term) -> Result<bool, Exception> {
        let s = pid.pid_serial().ok_or(Exception::badarg())?;
        if s == self.cell.serial {
            return Ok(!self.is_exiting());
        }
        Ok(self.sched.shared.is_alive(s))
    }

    /// `processes()`.
    pub fn processes(&mut self) -> Term {
        let guard = crossbeam::epoch::pin();
        let pids: Vec<Term> = self
            .sched
            .shared
            .table
            .serials(&guard)
            .into_iter()
            .map(Term::pid)
            .collect();
        self.inner.p.reds -= (pids.len() / 64) as i64;
        list_of(&mut self.inner.p, &pids)
    }

    /// `process_info(self(), ItemOrItems)`.
    pub fn process_info(&mut self, items: Term) -> Result<Term, Exception> {
        let (items, single) = parse_items(items)?;
        Ok(self.process_info_items(items, single))
    }

    /// `process_info(self())`.
    pub fn process_info_all(&mut self) -> Result<Term, Exception> {
        Ok(self.process_info_items(all_items(), false))
    }

    /// `process_info(Pid)` for another process (see `process_info_request`).
    pub fn process_info_request_all(&mut self, pid: Term) -> Result<Term, Exception> {
        self.info_request(pid, all_items(), false)
    }

    fn process_info_items(&mut self, items: Vec<u32>, single: bool) -> Term {
        crate::signal::handle_signals(self.sched, self.cell, self.inner);
        let (s, cell) = (self.sched, self.cell);
        let inner: &mut ProcInner = self.inner;
        // Build in a fragment (the inspected state includes the heap), then adopt it.
        let m = Message::build(64, |h| info_result(s, cell, inner, &items, single, h, true));
        m.copy_into(&mut inner.p)
    }

    /// `process_info(Pid, ItemOrItems)` for another process: sends a request and
    /// returns its reference; the answer arrives as the message `{Ref, Result}`
    /// (`Result` is `undefined` if the process is dead). For this process, the answer
    /// is queued at once.
    pub fn process_info_request(&mut self, pid: Term, items: Term) -> Result<Term, Exception> {
        pid.pid_serial().ok_or(Exception::badarg())?;
        let (items, single) = parse_items(items)?;
        self.info_request(pid, items, single)
    }

    fn info_request(
        &mut self,
        pid: Term,
        items: Vec<u32>,
        single: bool,
    ) -> Result<Term, Exception> {
        let target = pid.pid_serial().ok_or(Exception::badarg())?;
        let r = self.make_ref();
        self.recv_mark(r);
        let ids = r.ref_ids().unwrap_or([0; 3]);
        let me = self.cell.serial;
        let sig = Signal::Info {
            from: me,
            r: ids,
            items: items.into_boxed_slice(),
            single,
        };
        if target == me {
            self.cell.signals.push(sig);
            crate::signal::handle_signals(self.sched, self.cell, self.inner);
        } else if self.sched.shared.send_ordered(target, sig).is_err() {
            let reply = Message::build(8, |h| {
                let rt = term::reference(h, ids);
                term::tuple(h, &[rt, atom_t(idx::UNDEFINED)])
            });
            self.inner.msgs.push(reply);
        }
        Ok(r)
    }

    // ---- dictionary -------------------------------------------------------------------

    /// `put(Key, Value)`: the old value or `undefined`.
    pub fn put(&mut self, k: Term, v: Term) -> Term {
        let d = &mut self.inner.p.dict;
        for kv in d.chunks_mut(2) {
            if exact_eq(kv[0], k) {
                return std::mem::replace(&mut kv[1], v);
            }
        }
        d.push(k);
        d.push(v);
        atom_t(idx::UNDEFINED)
    }
    /// `get(Key)`.
    pub fn get(&self, k: Term) -> Term {
        self.inner
            .p
            .dict
            .chunks(2)
            .find(|kv| exact_eq(kv[0], k))
            .map(|kv| kv[1])
            .unwrap_or(atom_t(idx::UNDEFINED))
    }
    /// `erase(Key)`: the old value or `undefined`.
    pub fn erase(&mut self, k: Term) -> Term {
        let d = &mut self.inner.p.dict;
        match d.chunks(2).position(|kv| exact_eq(kv[0], k)) {
            Some(i) => {
                let v = d[2 * i + 1];
                d.drain(2 * i..2 * i + 2);
                v
            }
            None => atom_t(idx::UNDEFINED),
        }
    }

    /// `get()`: every `{Key, Value}` (BEAM lists its hash table's order; ours is the
    /// insertion order).
    pub fn get_all(&mut self) -> Term {
        let d = self.inner.p.dict.clone();
        let p = &mut self.inner.p;
        let pairs: Vec<Term> = d
            .chunks(2)
            .map(|kv| term::tuple(p, &[kv[0], kv[1]]))
            .collect();
        list_of(p, &pairs)
    }
    /// `get_keys()`.
    pub fn get_keys(&mut self) -> Term {
        let keys: Vec<Term> = self.inner.p.dict.chunks(2).map(|kv| kv[0]).collect();
        list_of(&mut self.inner.p, &keys)
    }
    /// `get_keys(Value)`: the keys whose value is `Value` (exactly).
    pub fn get_keys_of(&mut self, v: Term) -> Term {
        let keys: Vec<Term> = self
            .inner
            .p
            .dict
            .chunks(2)
            .filter(|kv| exact_eq(kv[1], v))
            .map(|kv| kv[0])
            .collect();
        list_of(&mut self.inner.p, &keys)
    }
    /// `erase()`: every `{Key, Value}`, and the dictionary becomes empty.
    pub fn erase_all(&mut self) -> Term {
        let all = self.get_all();
        self.inner.p.dict.clear();
        all
    }

    // ---- timers -----------------------------------------------------------------------

    fn timer_dest(dest: Term) -> Result<Term, Exception> {
        if dest.is_pid() || dest.is_atom() {
            Ok(dest)
        } else {
            Err(Exception::badarg())
        }
    }

    /// `erlang:send_after(Time, Dest, Msg)`: a timer reference.
    pub fn send_after(&mut self, time: Term, dest: Term, msg: Term) -> Result<Term, Exception> {
        let ms = timer_ms(time)?;
        let to = Self::timer_dest(dest)?;
        let sched = self.sched.idx;
        let id = self.sched.shared.timer_insert(
            sched,
            ms,
            TimerAction::Send {
                to,
                msg: Message::new(msg),
            },
        );
        Ok(term::reference(
            &mut self.inner.p,
            Shared::timer_ref_ids(sched, id),
        ))
    }

    /// `erlang:start_timer(Time, Dest, Msg)`: delivers `{timeout, Ref, Msg}`.
    pub fn start_timer(&mut self, time: Term, dest: Term, msg: Term) -> Result<Term, Exception> {
        let ms = timer_ms(time)?;
        let to = Self::timer_dest(dest)?;
        let sched = self.sched.idx;
        let sh = &self.sched.shared;
        let id = sh.timer_ids.fetch_add(1, Ordering::Relaxed);
        let ids = Shared::timer_ref_ids(sched, id);
        let m = Message::build(crate::copy::size_of(msg) + 8, |h| {
            let r = term::reference(h, ids);
            let mm = copy_term(h, msg);
            term::tuple(h, &[atom_t(idx::TIMEOUT), r, mm])
        });
        let deadline = sh.now_ms() + ms;
        sh.scheds[sched]
            .timers
            .lock()
            .wheel
            .insert(id, deadline, TimerAction::Send { to, msg: m });
        Ok(term::reference(&mut self.inner.p, ids))
    }

    fn timer_op(&mut self, r: Term, cancel: bool) -> Result<Term, Exception> {
        let ids = r.ref_ids().ok_or(Exception::badarg())?;
        let sh = &self.sched.shared;
        let Some((sched, id)) = sh.decode_timer_ref(ids) else {
            return Ok(atom_t(idx::FALSE));
        };
        let deadline = {
            let mut w = sh.scheds[sched].timers.lock();
            if cancel {
                w.wheel.cancel(id).map(|(d, _)| d)
            } else {
                w.wheel.deadline(id)
            }
        };
        Ok(match deadline {
            Some(d) => term::int(&mut self.inner.p, d.saturating_sub(sh.now_ms()) as i64),
            None => atom_t(idx::FALSE),
        })
    }

    /// `erlang:cancel_timer(Ref)`: milliseconds that were left, or `false`.
    pub fn cancel_timer(&mut self, r: Term) -> Result<Term, Exception> {
        self.timer_op(r, true)
    }

    /// `erlang:read_timer(Ref)`: milliseconds left, or `false`.
    pub fn read_timer(&mut self, r: Term) -> Result<Term, Exception> {
        self.timer_op(r, false)
    }
}
