//! Schedulers: the runtime instance, one OS thread per scheduler, run queues with work
//! stealing, parking, reduction-budget slices, timers, shutdown; the process cell (the
//! part of a process other threads may touch) and the context a running process sees.
//!
//! Owns: the process life cycle from spawn to the final free, who runs what when, the
//! wake-up protocol (state bits `Q`/`WAKE`, see `ProcCell`), receive waits and their
//! timeouts, the timer wheels, the process table and the name registry of a runtime.
//! Must not: touch a process's private part (heap, private queue, links...) unless it
//! owns the process (the `Q` bit), take any lock on the message path, or block a
//! scheduler thread anywhere but in `park`.
//!
//! Two kinds of process bodies exist: compiled code (entered through the code
//! generator's SystemV trampoline, `CodeHooks`, resumed at `Process::resume`) and native
//! Rust closures (`FnMut(&mut Ctx) -> Status`), used by tests and BIF-implemented
//! processes. Both return to the scheduler at every yield, wait or exit.

use crate::exception::Exception;
use crate::gc;
use crate::mailbox::{Message, MessageQueue, SigQueue};
use crate::process::{
    frame, HeapBlock, Process, MAX_XREGS, STATUS_EXIT, STATUS_OK, STATUS_RAISE, STATUS_WAIT,
    STATUS_YIELD,
};
use crate::ptab::{self, Registry, Table};
use crate::signal::{Ext, Signal};
use crate::term::{Term, NIL};
use crate::timer::Wheel;
use crossbeam::deque::{Injector, Steal, Stealer, Worker};
use crossbeam::epoch::{self, Owned};
use parking_lot::Mutex;
use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Reductions per time slice (BEAM: 4000).
pub const SLICE_REDS: i64 = 4000;
/// Default initial young-heap size of a spawned process, in words. Smaller than BEAM's
/// 233 so idle processes are cheap; the first collection grows it to BEAM's sizes.
pub const SPAWN_HEAP_WORDS: usize = 32;
/// A suspended process that holds this many received message buffers is collected
/// (which frees them into the scheduler's buffer pool), so thousands of mostly idle
/// processes (a ring) do not each keep a tail of dead messages.
pub const ADOPTED_GC: usize = 16;
/// A suspended process with at most this many words to look at (new heap, stack,
/// fragments) may free its received buffers by a scan instead of a collection (see
/// `switch_out_gc`).
pub const SWEEP_SCAN_MAX: usize = 512;

fn adopted_gc() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("FERL_ADOPTED_GC")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(ADOPTED_GC)
    })
}
/// Default capacity of the process table (BEAM's default `+P`).
pub const DEFAULT_MAX_PROCESSES: usize = 1 << 20;

/// State bit: a scheduler owns the process (it is in a run queue or running).
pub(crate) const Q: u32 = 1;
/// State bit: a signal arrived or a timer fired since the owner last looked.
pub(crate) const WAKE: u32 = 2;
/// State bit: the process has finished its exit; link/monitor requests get `noproc`.
pub(crate) const EXITED: u32 = 4;

/// Code generator hooks for compiled process bodies.
#[derive(Clone, Copy)]
pub struct CodeHooks {
    /// SystemV function that calls `p.resume` (a `tail`-convention function) as
    /// `resume(p, reds, x0, x1, x2, x3)` and returns its status to the scheduler.
    pub trampoline: Trampoline,
    /// Continuation of the bottom stack frame of every compiled process: it returns
    /// `STATUS_EXIT` with `exc_reason = normal` to the trampoline.
    pub bottom: *const u8,
}

// SAFETY: the hooks are code addresses of finalized, immutable machine code.
unsafe impl Send for CodeHooks {}
// SAFETY: as above.
unsafe impl Sync for CodeHooks {}

/// The trampoline's signature (see `CodeHooks`).
pub type Trampoline =
    unsafe extern "C" fn(p: *mut Process, reds: i64, x0: u64, x1: u64, x2: u64, x3: u64) -> u64;

/// Runtime configuration.
#[derive(Clone)]
pub struct Config {
    /// Scheduler threads; None = `FERL_SCHEDULERS` or the number of cores.
    pub schedulers: Option<usize>,
    /// Process table capacity (rounded up to a power of two).
    pub max_processes: usize,
    /// Initial heap of spawned processes, in words.
    pub spawn_heap_words: usize,
    /// Hooks for compiled code (None: only native bodies can run).
    pub code: Option<CodeHooks>,
    /// Print BEAM's "Error in process ..." report when a process dies of an uncaught error.
    pub log_crashes: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schedulers: None,
            max_processes: DEFAULT_MAX_PROCESSES,
            spawn_heap_words: SPAWN_HEAP_WORDS,
            code: None,
            log_crashes: true,
        }
    }
}

impl Config {
    /// Number of schedulers this config asks for.
    pub fn scheduler_count(&self) -> usize {
        if let Some(n) = self.schedulers {
            return n.clamp(1, 1024);
        }
        if let Some(n) = std::env::var("FERL_SCHEDULERS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            return n.clamp(1, 1024);
        }
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    }
}

/// What a native body tells the scheduler when it returns.
pub enum Status {
    /// Out of reductions (or politely yielding): run again later.
    Yield,
    /// Waiting in a receive: run again when a signal arrives or the receive's timer fires
    /// (set with `Ctx::recv_wait`).
    Wait,
    /// Done: exit with this reason (`normal` for a normal return).
    Exit(Term),
}

/// A native process body. Terms on the process heap that must survive a suspension
/// belong in `Process::saved` (or the stack), not in the closure: the scheduler may
/// collect garbage whenever the body has returned.
pub type NativeBody = Box<dyn FnMut(&mut Ctx) -> Status + Send>;

pub(crate) enum Body {
    Native(NativeBody),
    Compiled,
    None,
}

/// What a timer does when it fires.
pub(crate) enum TimerAction {
    /// A receive's `after` expired: tell process `pid` (timer id = wheel key).
    Recv { pid: u64 },
    /// `send_after`/`start_timer`: deliver `msg` to a pid or registered name.
    Send { to: Term, msg: Message },
}

/// A scheduler's timer wheel with the receive-timer bookkeeping.
pub(crate) struct TimerWheel {
    pub(crate) wheel: Wheel<TimerAction>,
}

/// The private part of a process: only the scheduler that owns it (bit `Q`) touches it.
#[repr(C)]
pub(crate) struct ProcInner {
    pub(crate) p: Process,
    pub(crate) msgs: MessageQueue,
    pub(crate) body: Body,
    pub(crate) ext: Option<Box<Ext>>,
    /// The armed receive timer: (scheduler, timer id).
    pub(crate) recv_timer: Option<(u32, u64)>,
    /// Set when an exit signal killed the process: the exit reason.
    pub(crate) pending_exit: Option<Message>,
    /// Arguments of a compiled process's first call (on its own heap).
    pub(crate) init_args: Option<Box<[Term]>>,
    pub(crate) trap_exit: bool,
    pub(crate) waiting: bool,
    pub(crate) reductions: u64,
    /// Storage of the first young block of a process spawned with at most
    /// `SPAWN_HEAP_WORDS` words (so spawning allocates the cell and nothing else).
    pub(crate) first_block: [std::mem::MaybeUninit<u64>; SPAWN_HEAP_WORDS],
}

/// A process as the runtime stores it: the shared part other threads use (signal queue,
/// state bits) and the private part.
///
/// Wake-up protocol: a sender pushes a signal, then `fetch_or(WAKE | Q)`; if `Q` was
/// clear, the sender now owns the process and enqueues it. The owner clears `WAKE`
/// before it looks at the queue, and gives the process up (clears `Q`) only with a CAS
/// that fails if `WAKE` was set meanwhile, so no wake-up is lost.
///
/// Layout (`repr(C)`): what a sender touches (the queue's head, `state`, `serial`) shares
/// the first cache line; the private part follows with the process's ABI fields first.
#[repr(C)]
pub(crate) struct ProcCell {
    pub(crate) signals: SigQueue<Signal>,
    pub(crate) state: AtomicU32,
    /// Registered name (atom index + 1, 0 = none).
    pub(crate) reg_name: AtomicU32,
    pub(crate) serial: u64,
    /// Id of the receive timer that fired last.
    pub(crate) timeout_fired: AtomicU64,
    /// Orders link/monitor requests against the final exit (not used for messages).
    pub(crate) lock: Mutex<()>,
    pub(crate) inner: UnsafeCell<ProcInner>,
}

// SAFETY: the private part is accessed only by the one thread that owns the process
// (bit Q, handed over with AcqRel atomics); everything else is atomic or locked.
unsafe impl Sync for ProcCell {}
// SAFETY: a ProcCell owns its memory; NativeBody is Send; Process is Send.
unsafe impl Send for ProcCell {}

impl ptab::Entry for ProcCell {
    fn serial(&self) -> u64 {
        self.serial
    }
    fn set_serial(&mut self, s: u64) {
        self.serial = s;
        self.inner.get_mut().p.id = s;
    }
}

/// Bytes a process cell costs beyond its heap: the cell and its signal queue's stub node
/// (accounted in `memory::processes` from creation to the cell's free).
pub(crate) const CELL_BYTES: usize = std::mem::size_of::<ProcCell>();

impl Drop for ProcCell {
    fn drop(&mut self) {
        crate::memory::add_process_bytes(-(CELL_BYTES as isize));
    }
}

impl ProcCell {
    pub(crate) fn pid(&self) -> Term {
        Term::pid(self.serial)
    }
    pub(crate) fn is_exited(&self) -> bool {
        self.state.load(Ordering::Acquire) & EXITED != 0
    }
}

/// A run-queue entry: a process owned by the scheduler that holds the entry.
#[derive(Clone, Copy)]
pub(crate) struct Task(*const ProcCell);
// SAFETY: a Task is a unique ownership token (bit Q) for a live cell; cells are freed
// only through the process table's epoch reclamation after the owner's exit.
unsafe impl Send for Task {}

/// One scheduler's shared handles.
pub(crate) struct SchedShared {
    pub(crate) stealer: Stealer<Task>,
    /// Tasks this scheduler has started running (progress, as seen by thieves).
    pub(crate) runs: AtomicU64,
    pub(crate) timers: Mutex<TimerWheel>,
    pub(crate) thread: OnceLock<std::thread::Thread>,
}

/// The state of one runtime instance, shared by its schedulers.
pub(crate) struct Shared {
    pub(crate) table: Table<ProcCell>,
    pub(crate) registry: Registry,
    pub(crate) scheds: Vec<SchedShared>,
    pub(crate) injector: Injector<Task>,
    sleepers: Mutex<Vec<usize>>,
    n_sleeping: AtomicUsize,
    /// A sleeper was unparked and has not searched for work yet (see `notify_one`).
    waking: AtomicBool,
    pub(crate) shutdown: AtomicBool,
    exit_status: AtomicI32,
    pub(crate) entry: AtomicU64,
    start: Instant,
    pub(crate) timer_ids: AtomicU64,
    pub(crate) config: Config,
    pub(crate) spawned: AtomicU64,
}

impl Shared {
    /// Milliseconds since the runtime started.
    pub(crate) fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    /// Request shutdown with an exit status (first request wins).
    pub(crate) fn halt(&self, status: i32) {
        if !self.shutdown.swap(true, Ordering::AcqRel) {
            self.exit_status.store(status, Ordering::Release);
        }
        for s in &self.scheds {
            if let Some(t) = s.thread.get() {
                t.unpark();
            }
        }
    }

    /// Wake one sleeping scheduler, if any, unless one was woken and has not yet looked
    /// for work (`waking`): it will find this work too. This keeps a process that sends
    /// or spawns in a loop from waking the same sleeper (a futex call) at every step.
    /// No wake-up is lost: a scheduler clears `waking` before the fenced re-check it makes
    /// in `park`, so either it sees the new work or the notifier sees `waking` clear.
    fn notify_one(&self) {
        std::sync::atomic::fence(Ordering::SeqCst);
        if self.n_sleeping.load(Ordering::SeqCst) == 0 || self.waking.load(Ordering::SeqCst) {
            return;
        }
        if self.waking.swap(true, Ordering::SeqCst) {
            return;
        }
        let idx = {
            let mut s = self.sleepers.lock();
            let i = s.pop();
            self.n_sleeping.store(s.len(), Ordering::SeqCst);
            i
        };
        match idx {
            Some(i) => {
                if let Some(t) = self.scheds[i].thread.get() {
                    t.unpark();
                }
            }
            None => self.waking.store(false, Ordering::SeqCst),
        }
    }

    /// Make a process runnable that we now own (bit Q just set by us).
    pub(crate) fn enqueue(&self, t: Task) {
        self.enqueue_with(t, true)
    }

    /// `enqueue`; `notify`: wake a sleeping scheduler if our queue already had work.
    /// Spawning does not notify: a new process usually runs for a moment (to its first
    /// receive), and handing it to another core costs more than that; a scheduler whose
    /// queue holds work behind a process that used a whole slice wakes a helper instead
    /// (see `run_task`).
    pub(crate) fn enqueue_with(&self, t: Task, notify: bool) {
        let pushed_local = CURRENT.with(|c| {
            let s = c.get();
            if s.is_null() {
                return false;
            }
            // SAFETY: CURRENT points at the scheduler running on this thread, alive for
            // the whole scheduler loop; only this thread uses its worker.
            let s = unsafe { &*s };
            if !std::ptr::eq(Arc::as_ptr(&s.shared), self) {
                return false;
            }
            let busy = !s.worker.is_empty();
            s.worker.push(t);
            if busy && notify {
                self.notify_one();
            }
            true
        });
        if !pushed_local {
            self.injector.push(t);
            self.notify_one();
        }
    }

    /// Wake a process after pushing a signal to it / firing its timer.
    pub(crate) fn wake(&self, cell: &ProcCell) {
        let old = cell.state.fetch_or(WAKE | Q, Ordering::AcqRel);
        if old & Q == 0 {
            // We own the process now: start loading what running it will touch first
            // (its ABI fields and the top of its stack, where its receive state is).
            // SAFETY: bit Q makes us the owner of the private part until we enqueue it.
            unsafe {
                let p = &(*cell.inner.get()).p;
                prefetch(p as *const Process as *const u8);
                prefetch(p.stop as *const u8);
            }
            self.enqueue(Task(cell as *const ProcCell));
        }
    }

    /// Push a signal to process `serial` and wake it. False if there is no such process.
    pub(crate) fn send_signal(&self, serial: u64, sig: Signal) -> bool {
        let guard = epoch::pin();
        match self.table.get(serial, &guard) {
            Some(cell) if !cell.is_exited() => {
                cell.signals.push(sig);
                self.wake(cell);
                true
            }
            _ => false,
        }
    }

    /// Push a link/monitor-class signal: unlike messages, these must not be lost in a
    /// process's exit, so they are ordered against it with the target's lock. Gives the
    /// signal back if the target does not exist or has exited.
    pub(crate) fn send_ordered(&self, serial: u64, sig: Signal) -> Result<(), Signal> {
        let guard = epoch::pin();
        let Some(cell) = self.table.get(serial, &guard) else {
            return Err(sig);
        };
        {
            let _l = cell.lock.lock();
            if cell.is_exited() {
                return Err(sig);
            }
            cell.signals.push(sig);
        }
        self.wake(cell);
        Ok(())
    }

    /// Deliver a message to a pid or registered name (timers, runtime sends).
    pub(crate) fn deliver(&self, to: Term, msg: Message) {
        let serial = if let Some(s) = to.pid_serial() {
            s
        } else if let Some(a) = to.atom_index() {
            match self.registry.whereis(a) {
                Some(s) => s,
                None => return,
            }
        } else {
            return;
        };
        self.send_signal(serial, Signal::Msg(msg));
    }

    /// Is this pid alive.
    pub(crate) fn is_alive(&self, serial: u64) -> bool {
        let guard = epoch::pin();
        self.table
            .get(serial, &guard)
            .is_some_and(|c| !c.is_exited())
    }

    /// Create a process (not yet runnable): returns its cell.
    pub(crate) fn create(
        &self,
        body: Body,
        heap_words: usize,
    ) -> Result<*const ProcCell, Exception> {
        let inner = ProcInner {
            p: Process::with_block(0, HeapBlock::empty()),
            msgs: MessageQueue::default(),
            body,
            ext: None,
            recv_timer: None,
            pending_exit: None,
            init_args: None,
            trap_exit: false,
            waiting: false,
            reductions: 0,
            first_block: [const { std::mem::MaybeUninit::uninit() }; SPAWN_HEAP_WORDS],
        };
        let cell = ProcCell {
            serial: 0,
            // Owned by the creator until it is enqueued.
            state: AtomicU32::new(Q),
            lock: Mutex::new(()),
            signals: SigQueue::new(),
            timeout_fired: AtomicU64::new(0),
            reg_name: AtomicU32::new(0),
            inner: UnsafeCell::new(inner),
        };
        crate::memory::add_process_bytes(CELL_BYTES as isize);
        // Now at its final address: point the queue at its stub, give the process its block.
        let mut cell = Owned::new(cell);
        cell.signals.init();
        {
            let inner = cell.inner.get_mut();
            let block = if heap_words <= SPAWN_HEAP_WORDS {
                // SAFETY: the storage is part of the cell, which outlives its process
                // and never moves (it is freed only after the process has exited).
                unsafe { HeapBlock::borrowed(inner.first_block.as_mut_ptr(), heap_words.max(1)) }
            } else {
                HeapBlock::from(Box::new_uninit_slice(heap_words))
            };
            inner.p = Process::with_block(0, block);
        }
        let guard = epoch::pin();
        match self.table.insert(cell, &guard) {
            Ok(c) => {
                self.spawned.fetch_add(1, Ordering::Relaxed);
                Ok(c)
            }
            Err(_) => Err(Exception::system_limit()),
        }
    }

    /// Timer reference for timer `id` on scheduler `sched`.
    pub(crate) fn timer_ref_ids(sched: usize, id: u64) -> [u32; 3] {
        [
            (id & 0x3FFFF) as u32,
            (id >> 18) as u32,
            0x8000_0000 | sched as u32,
        ]
    }
    /// Decode a timer reference.
    pub(crate) fn decode_timer_ref(&self, ids: [u32; 3]) -> Option<(usize, u64)> {
        if ids[2] & 0x8000_0000 == 0 {
            return None;
        }
        let sched = (ids[2] & 0x7FFF_FFFF) as usize;
        (sched < self.scheds.len()).then(|| (sched, ids[0] as u64 | (ids[1] as u64) << 18))
    }
}

/// Hint the CPU to load the cache line at `p` (no effect on other architectures).
#[inline(always)]
pub(crate) fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

// The scheduler running on this thread (null elsewhere).
thread_local! {
    static CURRENT: Cell<*const Scheduler> = const { Cell::new(std::ptr::null()) };
}

/// A scheduler thread's own state.
pub(crate) struct Scheduler {
    pub(crate) idx: usize,
    pub(crate) shared: Arc<Shared>,
    worker: Worker<Task>,
    xregs: UnsafeCell<Box<[u64]>>,
    rng: Cell<u64>,
    /// Reductions run since the timer wheel was last looked at (see `TIMER_CHECK_REDS`).
    timer_reds: Cell<i64>,
}

/// A busy scheduler looks at its timer wheel (a lock and a clock read) after this many
/// reductions rather than before every task: with short tasks (a message each) the clock
/// read alone cost more than the task switch. Timers stay far below a millisecond late;
/// an idle scheduler looks at once.
const TIMER_CHECK_REDS: i64 = 500;

/// A runtime: a set of schedulers, a process table and timers.
pub struct Runtime;

impl Runtime {
    /// Boot a runtime, run `entry` as the first process, and return the exit status when
    /// the entry process exits (0 if normally, 1 otherwise) or `halt` is called.
    pub fn run(config: Config, entry: impl FnMut(&mut Ctx) -> Status + Send + 'static) -> i32 {
        Self::run_body(config, Body::Native(Box::new(entry)), None)
    }

    /// Like `run` with a compiled entry function (`code`, called with `args`); needs
    /// `config.code`.
    pub fn run_compiled(config: Config, code: *const u8, args: &[Term]) -> i32 {
        if config.code.is_none() {
            return 1;
        }
        Self::run_body(config, Body::Compiled, Some((code, args)))
    }

    fn run_body(config: Config, body: Body, compiled: Option<(*const u8, &[Term])>) -> i32 {
        let n = config.scheduler_count();
        let workers: Vec<Worker<Task>> = (0..n).map(|_| Worker::new_fifo()).collect();
        let scheds = workers
            .iter()
            .map(|w| SchedShared {
                stealer: w.stealer(),
                runs: AtomicU64::new(0),
                timers: Mutex::new(TimerWheel {
                    wheel: Wheel::new(0),
                }),
                thread: OnceLock::new(),
            })
            .collect();
        let shared = Arc::new(Shared {
            table: Table::new(config.max_processes),
            registry: Registry::new(),
            scheds,
            injector: Injector::new(),
            sleepers: Mutex::new(Vec::new()),
            n_sleeping: AtomicUsize::new(0),
            waking: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            exit_status: AtomicI32::new(0),
            entry: AtomicU64::new(u64::MAX),
            start: Instant::now(),
            timer_ids: AtomicU64::new(1),
            config: config.clone(),
            spawned: AtomicU64::new(0),
        });
        match shared.create(
            body,
            config.spawn_heap_words.max(crate::process::MIN_HEAP_WORDS),
        ) {
            Ok(c) => {
                // SAFETY: we created the cell and own it (bit Q); nobody else runs it yet.
                let cell = unsafe { &*c };
                shared.entry.store(cell.serial, Ordering::Release);
                if let Some((code, args)) = compiled {
                    // SAFETY: as above: exclusive access to the private part.
                    let inner = unsafe { &mut *cell.inner.get() };
                    set_compiled_entry(inner, code, args);
                }
                shared.injector.push(Task(c));
            }
            Err(_) => return 1,
        }
        let handles: Vec<_> = workers
            .into_iter()
            .enumerate()
            .map(|(idx, worker)| {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name(format!("ferl-sched-{idx}"))
                    .spawn(move || scheduler_main(shared, idx, worker))
            })
            .collect();
        let mut failed = false;
        for h in handles {
            match h {
                Ok(h) => failed |= h.join().is_err(),
                Err(_) => {
                    failed = true;
                    shared.halt(1);
                }
            }
        }
        let status = if failed {
            1
        } else {
            shared.exit_status.load(Ordering::Acquire)
        };
        // Free every process left (all schedulers have stopped).
        if let Ok(mut s) = Arc::try_unwrap(shared) {
            drop(s.table.drain());
        }
        status
    }
}

fn set_compiled_entry(inner: &mut ProcInner, code: *const u8, args: &[Term]) {
    let copied: Box<[Term]> = args
        .iter()
        .map(|&a| crate::copy::copy_term(&mut inner.p, a))
        .collect();
    inner.init_args = Some(copied);
    inner.p.resume = code;
}

fn scheduler_main(shared: Arc<Shared>, idx: usize, worker: Worker<Task>) {
    let _ = shared.scheds[idx].thread.set(std::thread::current());
    let s = Scheduler {
        idx,
        shared,
        worker,
        xregs: UnsafeCell::new(vec![NIL.raw(); MAX_XREGS].into_boxed_slice()),
        rng: Cell::new(0x9E37_79B9_7F4A_7C15 ^ (idx as u64 + 1)),
        timer_reds: Cell::new(TIMER_CHECK_REDS),
    };
    CURRENT.with(|c| c.set(&s as *const Scheduler));
    /// Stops the runtime if this scheduler unwinds (a bug in a native body or the
    /// runtime), so the other schedulers and `Runtime::run` do not hang.
    struct HaltOnPanic<'a>(&'a Shared);
    impl Drop for HaltOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.halt(1);
            }
        }
    }
    let _guard = HaltOnPanic(&s.shared);
    s.run_loop();
    CURRENT.with(|c| c.set(std::ptr::null()));
    // Wake the others so they see the shutdown too.
    s.shared.halt(s.shared.exit_status.load(Ordering::Acquire));
}

impl Scheduler {
    fn run_loop(&self) {
        let mut woken = false;
        let never = vec![false; self.shared.scheds.len()];
        // The scheduler stays pinned in the epoch while it runs tasks (re-pinned every
        // few tasks so reclamation advances, unpinned while it looks for work or
        // sleeps): the process-table lookups of every send then pin cheaply (a counter)
        // instead of with a full fence each.
        let mut pinned = Some(epoch::pin());
        let mut ran = 0u32;
        loop {
            if self.shared.shutdown.load(Ordering::Acquire) {
                return;
            }
            if self.timer_reds.get() >= TIMER_CHECK_REDS {
                self.timer_reds.set(0);
                self.fire_timers();
            }
            // Lone tasks of other schedulers are left to them here (see `spin_for_work`).
            let t = self.find_task(Some(&never));
            if woken {
                // We have searched since being woken: later work may wake a sleeper again.
                self.shared.waking.store(false, Ordering::SeqCst);
                woken = false;
            }
            match t {
                Some(t) => {
                    let g = pinned.get_or_insert_with(epoch::pin);
                    self.run_task(t);
                    ran = ran.wrapping_add(1);
                    if ran.is_multiple_of(32) {
                        g.repin();
                    }
                }
                None => {
                    pinned = None;
                    self.timer_reds.set(TIMER_CHECK_REDS);
                    if !self.spin_for_work() {
                        self.park();
                        woken = true;
                    }
                }
            }
        }
    }

    /// Before sleeping, look for work a little longer (work often arrives within
    /// microseconds, and a futex sleep + wake costs more). Runs a task it finds; false if
    /// none showed up (the caller parks).
    ///
    /// A lone task in another scheduler's queue is taken only if that scheduler has not
    /// started any task for a while (it is busy with a long one): a process that was just
    /// woken by a message is usually run by its waker's scheduler within a microsecond,
    /// and moving it to another core (ping-pong, a ring) costs more than it gains.
    fn spin_for_work(&self) -> bool {
        let sh = &self.shared;
        let seen: Vec<u64> = sh
            .scheds
            .iter()
            .map(|s| s.runs.load(Ordering::Relaxed))
            .collect();
        let mut force = vec![false; seen.len()];
        for round in 0..64 {
            if round % 8 == 7 && spin_yield() {
                // On a machine with more runnable threads than cores, let the OS run
                // another one (perhaps the scheduler that holds the work) meanwhile.
                std::thread::yield_now();
            } else {
                for _ in 0..16 {
                    std::hint::spin_loop();
                }
            }
            if sh.shutdown.load(Ordering::Relaxed) {
                return true;
            }
            if round >= 16 {
                for (i, s) in sh.scheds.iter().enumerate() {
                    force[i] = s.runs.load(Ordering::Relaxed) == seen[i];
                }
            }
            if let Some(t) = self.find_task(Some(&force)) {
                self.run_task(t);
                return true;
            }
        }
        false
    }

    /// The next task: local queue, global queue, then stealing. `single`: per victim,
    /// whether to take its only queued task (None: always).
    fn find_task(&self, single: Option<&[bool]>) -> Option<Task> {
        if let Some(t) = self.worker.pop() {
            return Some(t);
        }
        loop {
            match self.shared.injector.steal_batch_and_pop(&self.worker) {
                Steal::Success(t) => return Some(t),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        let n = self.shared.scheds.len();
        if n > 1 {
            let mut x = self.rng.get();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.rng.set(x);
            let start = (x % n as u64) as usize;
            for k in 0..n {
                let i = (start + k) % n;
                if i == self.idx {
                    continue;
                }
                let victim = &self.shared.scheds[i].stealer;
                match victim.len() {
                    0 => continue,
                    1 if single.is_some_and(|s| !s[i]) => continue,
                    _ => {}
                }
                loop {
                    match self.shared.scheds[i]
                        .stealer
                        .steal_batch_and_pop(&self.worker)
                    {
                        Steal::Success(t) => return Some(t),
                        Steal::Retry => continue,
                        Steal::Empty => break,
                    }
                }
            }
        }
        None
    }

    fn has_work_anywhere(&self) -> bool {
        !self.worker.is_empty()
            || !self.shared.injector.is_empty()
            || self.shared.scheds.iter().any(|s| !s.stealer.is_empty())
    }

    fn park(&self) {
        let sh = &self.shared;
        {
            let mut s = sh.sleepers.lock();
            s.push(self.idx);
            sh.n_sleeping.store(s.len(), Ordering::SeqCst);
        }
        std::sync::atomic::fence(Ordering::SeqCst);
        if !self.has_work_anywhere() && !sh.shutdown.load(Ordering::SeqCst) {
            let next = sh.scheds[self.idx].timers.lock().wheel.next_wakeup();
            match next {
                Some(at) => {
                    let now = sh.now_ms();
                    if at > now {
                        std::thread::park_timeout(Duration::from_millis(at - now));
                    }
                }
                None => std::thread::park(),
            }
        }
        let mut s = sh.sleepers.lock();
        s.retain(|&i| i != self.idx);
        sh.n_sleeping.store(s.len(), Ordering::SeqCst);
    }

    fn fire_timers(&self) {
        let sh = &self.shared;
        let fired = {
            let mut t = sh.scheds[self.idx].timers.lock();
            if t.wheel.is_empty() {
                return;
            }
            let now = sh.now_ms();
            if t.wheel.next_wakeup().is_none_or(|at| at > now) {
                return;
            }
            t.wheel.advance(now)
        };
        for (id, action) in fired {
            match action {
                TimerAction::Recv { pid } => {
                    let guard = epoch::pin();
                    if let Some(cell) = sh.table.get(pid, &guard) {
                        cell.timeout_fired.store(id, Ordering::Release);
                        sh.wake(cell);
                    }
                }
                TimerAction::Send { to, msg } => sh.deliver(to, msg),
            }
        }
    }

    fn run_task(&self, task: Task) {
        // SAFETY: the task is our ownership token: the cell is live (freed only after its
        // exit, which only its owner performs) and its private part is ours.
        let cell = unsafe { &*task.0 };
        // SAFETY: as above.
        let inner = unsafe { &mut *cell.inner.get() };
        let runs = &self.shared.scheds[self.idx].runs;
        runs.store(runs.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        // SAFETY: the scheduler's x-register array is used only by the process it runs.
        let xregs = unsafe { (*self.xregs.get()).as_mut_ptr() };
        inner.p.xregs = xregs;
        let mut reds = SLICE_REDS;
        loop {
            cell.state.fetch_and(!WAKE, Ordering::AcqRel);
            crate::signal::handle_signals(self, cell, inner);
            if inner.p.heap_limit_hit && inner.pending_exit.is_none() {
                inner.pending_exit = Some(Message::new(Term::atom(crate::atom::idx::KILLED)));
            }
            if inner.pending_exit.is_some() {
                return self.exit_process(cell, inner, None);
            }
            inner.waiting = false;
            inner.p.reds = reds;
            inner.p.slices = inner.p.slices.wrapping_add(1);
            let st = self.call_body(cell, inner);
            let used = (reds - inner.p.reds.max(0)).max(1);
            inner.reductions += used as u64;
            self.timer_reds.set(self.timer_reds.get() + used);
            crate::sys_bifs::count_reductions(used as u64);
            reds -= used;
            if inner.p.heap_limit_hit && inner.pending_exit.is_none() {
                inner.pending_exit = Some(Message::new(Term::atom(crate::atom::idx::KILLED)));
            }
            if inner.pending_exit.is_some() {
                return self.exit_process(cell, inner, None);
            }
            match st {
                Status::Exit(reason) => return self.exit_process(cell, inner, Some(reason)),
                Status::Yield => {
                    self.switch_out_gc(inner);
                    inner.p.xregs = std::ptr::null_mut();
                    // CPU-bound work waits behind this one: let a sleeper help.
                    let busy = !self.worker.is_empty();
                    self.worker.push(task);
                    if busy {
                        self.shared.notify_one();
                    }
                    return;
                }
                Status::Wait => {
                    inner.waiting = true;
                    self.switch_out_gc(inner);
                    loop {
                        let s = cell.state.load(Ordering::Acquire);
                        if s & WAKE != 0 {
                            break;
                        }
                        inner.p.xregs = std::ptr::null_mut();
                        if cell
                            .state
                            .compare_exchange(s, s & !Q, Ordering::AcqRel, Ordering::Acquire)
                            .is_ok()
                        {
                            // No longer ours: do not touch `cell` or `inner` again.
                            return;
                        }
                        inner.p.xregs = xregs;
                    }
                    inner.p.xregs = xregs;
                    if reds <= 0 || self.shared.shutdown.load(Ordering::Relaxed) {
                        inner.p.xregs = std::ptr::null_mut();
                        self.worker.push(task);
                        return;
                    }
                    // Woken while deciding to wait: run again in this slice.
                }
            }
        }
    }

    /// Collect garbage when the process is suspended and its fragments (adopted
    /// messages, runtime overflow allocations) have grown: all live data is then in the
    /// stack, the dictionary and `saved`. Torture mode collects at every switch.
    ///
    /// A small process first tries to free its received buffers without a collection
    /// (`gc::release_dead_messages`), at its 1st, 2nd, 4th and 8th adopted buffer (a
    /// scan that fails, e.g. because garbage on the young heap points into a buffer, is
    /// not repeated at every switch).
    fn switch_out_gc(&self, inner: &mut ProcInner) {
        let p = &mut inner.p;
        if p.torture || p.frag_used() > p.block_words().max(256) {
            gc::collect(p, 0, &mut []);
            return;
        }
        let n = p.adopted.len();
        if n == 0 {
            return;
        }
        if n <= 8 && n.is_power_of_two() {
            let extra = inner.init_args.as_deref().unwrap_or(&[]);
            if gc::release_dead_messages(p, extra, SWEEP_SCAN_MAX) {
                return;
            }
        }
        if n >= adopted_gc() {
            gc::collect(p, 0, &mut []);
        }
    }

    fn call_body(&self, cell: &ProcCell, inner: &mut ProcInner) -> Status {
        match std::mem::replace(&mut inner.body, Body::None) {
            Body::Native(mut f) => {
                let st = {
                    let mut ctx = Ctx {
                        sched: self,
                        cell,
                        inner: &mut *inner,
                    };
                    f(&mut ctx)
                };
                inner.body = Body::Native(f);
                st
            }
            Body::Compiled => {
                inner.body = Body::Compiled;
                self.call_compiled(inner)
            }
            Body::None => Status::Exit(Term::atom(crate::atom::idx::NORMAL)),
        }
    }

    fn call_compiled(&self, inner: &mut ProcInner) -> Status {
        let Some(hooks) = self.shared.config.code else {
            return Status::Exit(Term::atom(crate::atom::idx::UNDEF));
        };
        let mut x = [NIL.raw(); 4];
        if let Some(args) = inner.init_args.take() {
            if !inner
                .p
                .push_frame(frame::BOTTOM, hooks.bottom as usize, &[])
            {
                let mut roots: Vec<Term> = args.to_vec();
                gc::collect(&mut inner.p, 2, &mut roots);
                inner
                    .p
                    .push_frame(frame::BOTTOM, hooks.bottom as usize, &[]);
                return self.enter_compiled(inner, hooks, &roots);
            }
            return self.enter_compiled(inner, hooks, &args);
        }
        for (i, w) in x.iter_mut().enumerate() {
            *w = inner.p.x(i).raw();
        }
        self.trampoline(inner, hooks, x)
    }

    fn enter_compiled(&self, inner: &mut ProcInner, hooks: CodeHooks, args: &[Term]) -> Status {
        let mut x = [NIL.raw(); 4];
        for (i, a) in args.iter().enumerate().take(MAX_XREGS) {
            inner.p.set_x(i, *a);
            if i < 4 {
                x[i] = a.raw();
            }
        }
        self.trampoline(inner, hooks, x)
    }

    fn trampoline(&self, inner: &mut ProcInner, hooks: CodeHooks, x: [u64; 4]) -> Status {
        let reds = inner.p.reds;
        let p: *mut Process = &mut inner.p;
        // SAFETY: the trampoline is the code generator's SystemV entry; `p` is a valid,
        // exclusively owned process whose `resume` holds compiled code for it.
        let st = unsafe { (hooks.trampoline)(p, reds, x[0], x[1], x[2], x[3]) };
        match st {
            STATUS_YIELD | STATUS_OK => Status::Yield,
            STATUS_WAIT => Status::Wait,
            STATUS_EXIT => Status::Exit(inner.p.exc_reason),
            STATUS_RAISE => {
                let reason = crate::signal::exit_reason_of_exception(&mut inner.p);
                // BEAM's error logger reports uncaught errors and throws (not exits).
                if self.shared.config.log_crashes
                    && inner.p.exc_class != Term::atom(crate::atom::idx::EXIT)
                {
                    eprintln!("{}", crate::report::crash_report(inner.p.pid(), reason));
                }
                Status::Exit(reason)
            }
            _ => Status::Exit(Term::atom(crate::atom::idx::BADARG)),
        }
    }

    fn exit_process(&self, cell: &ProcCell, inner: &mut ProcInner, reason: Option<Term>) {
        let reason = match inner.pending_exit.take() {
            Some(m) => m,
            None => Message::new(reason.unwrap_or(Term::atom(crate::atom::idx::NORMAL))),
        };
        crate::signal::exit(self, cell, inner, reason);
    }
}

/// The view a running process has of itself and the runtime (native bodies get one; the
/// `extern "C"` entry points build one from the process pointer).
pub struct Ctx<'a> {
    pub(crate) sched: &'a Scheduler,
    pub(crate) cell: &'a ProcCell,
    pub(crate) inner: &'a mut ProcInner,
}

/// How a receive's wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Suspend: return `Status::Wait` (compiled code: `STATUS_WAIT`).
    Suspend,
    /// The `after` timeout expired (or was 0): run the after-clause.
    TimedOut,
}

/// A native receive found nothing: return `Status::Wait` and retry when resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MustWait;

/// A receive timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeout {
    /// `after infinity` (or no after clause).
    Infinity,
    /// `after N` milliseconds.
    Ms(u64),
}

impl Timeout {
    /// Decode an `after` value: `infinity` or a non-negative integer below 2^32
    /// (anything else is `timeout_value`, as BEAM).
    pub fn from_term(t: Term) -> Result<Timeout, Exception> {
        if t == Term::atom(crate::atom::idx::INFINITY) {
            return Ok(Timeout::Infinity);
        }
        match t.small_value() {
            Some(n) if (0..=u32::MAX as i64).contains(&n) => Ok(Timeout::Ms(n as u64)),
            _ => Err(Exception::error(Term::atom(
                crate::atom::idx::TIMEOUT_VALUE,
            ))),
        }
    }
}

impl<'a> Ctx<'a> {
    /// This process's pid.
    pub fn self_pid(&self) -> Term {
        self.cell.pid()
    }
    /// This process (heap allocation, x-registers, `saved` roots, dictionary).
    pub fn process(&mut self) -> &mut Process {
        &mut self.inner.p
    }
    /// Index of the scheduler running this process.
    pub fn scheduler_index(&self) -> usize {
        self.sched.idx
    }
    /// Number of schedulers.
    pub fn scheduler_count(&self) -> usize {
        self.sched.shared.scheds.len()
    }
    /// Reductions left in this slice.
    pub fn reds_left(&self) -> i64 {
        self.inner.p.reds
    }
    /// Spend `n` reductions; true when the slice is used up (the body should return
    /// `Status::Yield`).
    pub fn consume(&mut self, n: i64) -> bool {
        self.inner.p.reds -= n;
        self.inner.p.reds <= 0
    }
    /// Is this process being killed (it should return; the scheduler ends it).
    pub fn is_exiting(&self) -> bool {
        self.inner.pending_exit.is_some()
    }
    /// Request runtime shutdown with an exit status (`erlang:halt/1`).
    pub fn halt(&mut self, status: i32) {
        self.sched.shared.halt(status);
    }
    /// Total processes spawned so far by this runtime.
    pub fn spawned_count(&self) -> u64 {
        self.sched.shared.spawned.load(Ordering::Relaxed)
    }
    /// Live processes.
    pub fn process_count(&self) -> usize {
        self.sched.shared.table.len()
    }

    /// `make_ref()`.
    pub fn make_ref(&mut self) -> Term {
        crate::term::make_ref(&mut self.inner.p)
    }

    // ---- sending --------------------------------------------------------------------

    /// `Dest ! Msg`: Dest is a pid or a registered name (an unregistered name is
    /// `badarg`; a dead pid silently drops the message).
    pub fn send(&mut self, to: Term, msg: Term) -> Result<Term, Exception> {
        self.inner.p.reds -= 1;
        let serial = if let Some(s) = to.pid_serial() {
            s
        } else if let Some(a) = to.atom_index() {
            self.sched
                .shared
                .registry
                .whereis(a)
                .ok_or(Exception::badarg())?
        } else {
            return Err(Exception::badarg());
        };
        let m = Message::new(msg);
        if serial == self.cell.serial {
            // To ourselves: straight into the private queue, after pending signals.
            self.cell.signals.push(Signal::Msg(m));
            self.cell.state.fetch_or(WAKE, Ordering::AcqRel);
        } else {
            self.sched.shared.send_signal(serial, Signal::Msg(m));
        }
        Ok(msg)
    }

    // ---- receiving ------------------------------------------------------------------

    /// The message at the receive's save pointer (handling newly arrived signals when the
    /// scan reached the end); None: nothing (more) to look at, call `recv_wait`.
    pub fn recv_peek(&mut self) -> Option<Term> {
        if self.inner.pending_exit.is_some() {
            return None;
        }
        if self.inner.msgs.current().is_none() {
            crate::signal::handle_signals(self.sched, self.cell, self.inner);
            if self.inner.pending_exit.is_some() {
                return None;
            }
        }
        self.inner.msgs.current()
    }
    /// The peeked message did not match: look at the next one.
    pub fn recv_next(&mut self) {
        self.inner.msgs.advance();
    }
    /// The peeked message matched: take it out of the queue (its memory joins the heap),
    /// cancel the receive's timer and end the receive.
    pub fn recv_accept(&mut self) -> Option<Term> {
        self.cancel_recv_timer();
        self.inner.msgs.clear_mark();
        self.inner.p.reds -= 1;
        self.inner.msgs.take(&mut self.inner.p)
    }
    /// Nothing matched: wait up to `timeout`. `Wait::TimedOut` means run the after
    /// clause (the receive is over); `Wait::Suspend` means return `Status::Wait` and
    /// retry the receive (from `recv_peek`) when resumed.
    pub fn recv_wait(&mut self, timeout: Timeout) -> Wait {
        if self.inner.pending_exit.is_some() {
            return Wait::Suspend;
        }
        match timeout {
            Timeout::Infinity => Wait::Suspend,
            Timeout::Ms(0) => {
                self.end_receive_timeout();
                Wait::TimedOut
            }
            Timeout::Ms(ms) => match self.inner.recv_timer {
                Some((_, id)) if self.cell.timeout_fired.load(Ordering::Acquire) == id => {
                    self.inner.recv_timer = None;
                    self.end_receive_timeout();
                    Wait::TimedOut
                }
                Some(_) => Wait::Suspend,
                None => {
                    let sh = &self.sched.shared;
                    let id = sh.timer_ids.fetch_add(1, Ordering::Relaxed);
                    // +1: `now_ms` truncates, so a deadline of now_ms + ms could fire up to
                    // 1 ms early; `after N` waits at least N ms, as on BEAM.
                    let deadline = sh.now_ms() + ms + 1;
                    sh.scheds[self.sched.idx].timers.lock().wheel.insert(
                        id,
                        deadline,
                        TimerAction::Recv {
                            pid: self.cell.serial,
                        },
                    );
                    self.inner.recv_timer = Some((self.sched.idx as u32, id));
                    Wait::Suspend
                }
            },
        }
    }
    fn end_receive_timeout(&mut self) {
        self.inner.msgs.reset();
        self.inner.msgs.clear_mark();
    }
    fn cancel_recv_timer(&mut self) {
        if let Some((s, id)) = self.inner.recv_timer.take() {
            self.sched.shared.scheds[s as usize]
                .timers
                .lock()
                .wheel
                .cancel(id);
        }
    }
    /// Bind the receive marker to reference `r` (call right after creating `r`, before
    /// sending the request that the reply to will carry it).
    pub fn recv_mark(&mut self, r: Term) {
        if let Some(ids) = r.ref_ids() {
            self.inner.msgs.mark(ids);
        }
    }
    /// A receive matching on `r` starts: skip the messages older than `r`'s marker.
    pub fn recv_use_mark(&mut self, r: Term) -> bool {
        match r.ref_ids() {
            Some(ids) => self.inner.msgs.use_mark(ids),
            None => false,
        }
    }

    /// Convenience for native bodies: a complete receive step taking the first message
    /// for which `matches` is true. `Ok(Some(m))`: received; `Ok(None)`: timed out;
    /// `Err(MustWait)`: return `Status::Wait` and call again when resumed.
    pub fn receive_matching(
        &mut self,
        timeout: Timeout,
        mut matches: impl FnMut(Term) -> bool,
    ) -> Result<Option<Term>, MustWait> {
        while let Some(m) = self.recv_peek() {
            if matches(m) {
                return Ok(self.recv_accept());
            }
            self.recv_next();
        }
        match self.recv_wait(timeout) {
            Wait::TimedOut => Ok(None),
            // The save pointer stays put: when resumed, only new messages are scanned.
            Wait::Suspend => Err(MustWait),
        }
    }
    /// `receive M -> M after T -> timeout end` for native bodies (see `receive_matching`).
    pub fn receive(&mut self, timeout: Timeout) -> Result<Option<Term>, MustWait> {
        self.receive_matching(timeout, |_| true)
    }

    /// Messages in the queue (arrived signals are handled first).
    pub fn message_queue_len(&mut self) -> usize {
        crate::signal::handle_signals(self.sched, self.cell, self.inner);
        self.inner.msgs.len()
    }

    // ---- spawning -------------------------------------------------------------------

    /// `spawn`/`spawn_link`/`spawn_monitor`/`spawn_opt` with a native body. Returns the
    /// pid and, with `opts.monitor`, the monitor reference.
    pub fn spawn(
        &mut self,
        body: impl FnMut(&mut Ctx) -> Status + Send + 'static,
        opts: SpawnOpts,
    ) -> Result<(Term, Option<Term>), Exception> {
        self.spawn_body(Body::Native(Box::new(body)), opts, None)
    }

    /// Spawn a compiled function `code` called with `args` (copied to the new process).
    pub fn spawn_compiled(
        &mut self,
        code: *const u8,
        args: &[Term],
        opts: SpawnOpts,
    ) -> Result<(Term, Option<Term>), Exception> {
        if self.sched.shared.config.code.is_none() {
            return Err(Exception::error(Term::atom(crate::atom::idx::UNDEF)));
        }
        self.spawn_body(Body::Compiled, opts, Some((code, args)))
    }

    fn spawn_body(
        &mut self,
        body: Body,
        opts: SpawnOpts,
        compiled: Option<(*const u8, &[Term])>,
    ) -> Result<(Term, Option<Term>), Exception> {
        let sh = &self.sched.shared;
        self.inner.p.reds -= 10;
        let heap = opts.min_heap_size.unwrap_or(sh.config.spawn_heap_words);
        let c = sh.create(body, heap)?;
        // SAFETY: the new cell is ours (bit Q) until enqueued below.
        let child = unsafe { &*c };
        // SAFETY: as above.
        let ci = unsafe { &mut *child.inner.get() };
        if let Some((code, args)) = compiled {
            set_compiled_entry(ci, code, args);
        }
        let me = self.cell.serial;
        if let Some(m) = opts.max_heap {
            ci.p.max_heap = m;
        }
        crate::sys_bifs::inherit_group_leader(me, child.serial);
        if opts.link {
            ci.ext_mut().links.push(me);
            self.inner.ext_mut().links.push(child.serial);
        }
        let mref = if opts.monitor {
            let r = self.make_ref();
            self.recv_mark(r);
            let ids = r.ref_ids().unwrap_or([0; 3]);
            ci.ext_mut().monitored_by.push(crate::signal::Mon {
                r: ids,
                pid: me,
                name: None,
            });
            self.inner.ext_mut().monitors.push(crate::signal::Mon {
                r: ids,
                pid: child.serial,
                name: None,
            });
            Some(r)
        } else {
            None
        };
        let pid = child.pid();
        sh.enqueue_with(Task(c), false);
        Ok((pid, mref))
    }
}

impl ProcInner {
    pub(crate) fn ext_mut(&mut self) -> &mut Ext {
        self.ext.get_or_insert_with(Default::default)
    }
}

/// Options of `spawn_opt`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpawnOpts {
    /// Link the new process to the caller.
    pub link: bool,
    /// Monitor the new process (returns the reference).
    pub monitor: bool,
    /// Initial heap size in words.
    pub min_heap_size: Option<usize>,
    /// The `max_heap_size` flag (`spawn_opt`).
    pub max_heap: Option<crate::process::MaxHeap>,
}

impl SpawnOpts {
    /// `spawn_link`.
    pub fn link() -> SpawnOpts {
        SpawnOpts {
            link: true,
            ..Default::default()
        }
    }
    /// `spawn_monitor`.
    pub fn monitor() -> SpawnOpts {
        SpawnOpts {
            monitor: true,
            ..Default::default()
        }
    }
}

/// Run `f` with the context of the process `p` (for `extern "C"` entry points).
///
/// # Safety
/// `p` must be the process the calling scheduler thread is running right now.
pub(crate) unsafe fn with_ctx<R>(p: *mut Process, f: impl FnOnce(&mut Ctx) -> R) -> Option<R> {
    let s = CURRENT.with(|c| c.get());
    if s.is_null() || p.is_null() {
        return None;
    }
    let off = std::mem::offset_of!(ProcCell, inner) + std::mem::offset_of!(ProcInner, p);
    // SAFETY: the caller guarantees `p` is the `p` field of the running process's
    // `ProcInner`, which sits at `off` inside its `ProcCell` (UnsafeCell is transparent);
    // the scheduler is this thread's, alive during the call.
    unsafe {
        let cell = &*((p as *mut u8).sub(off) as *const ProcCell);
        let inner = &mut *cell.inner.get();
        let mut ctx = Ctx {
            sched: &*s,
            cell,
            inner,
        };
        Some(f(&mut ctx))
    }
}

/// Whether an idle scheduler's spin gives up its CPU (`sched_yield`) every 8th round
/// (`FERL_SPIN_YIELD=0` turns it off, for measurements). On a loaded machine a spinning
/// scheduler otherwise takes the CPU from the thread that holds the work (chat-load on 2
/// schedulers at load 3: about 18% more messages per second with it).
fn spin_yield() -> bool {
    static N: OnceLock<bool> = OnceLock::new();
    *N.get_or_init(|| std::env::var("FERL_SPIN_YIELD").map_or(true, |v| v != "0"))
}
