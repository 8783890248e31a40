//! The process struct: the fields compiled code touches (fixed `#[repr(C)]` offsets, see
//! `docs/runtime-abi.md` section 4) and the process's memory: one block holding the heap
//! (growing up) and the stack (growing down), the old generation, heap fragments.
//!
//! Owns: process memory layout, bump allocation, stack frames, status codes.
//! Must not: collect garbage (`gc`), schedule (`sched`, later), or touch other processes.

use crate::heap::{FragHeap, Heap, OFF_HEAP_LINK};
use crate::term::{self, sub, Term, NIL, NON_VALUE};
use std::mem::MaybeUninit;

/// Status of a runtime call that returned NON_VALUE: (never stored) ok.
pub const STATUS_OK: u64 = 0;
/// An exception is in `exc_class`/`exc_reason`/`exc_trace`.
pub const STATUS_RAISE: u64 = 1;
/// Save state, store `resume`, return to the scheduler.
pub const STATUS_YIELD: u64 = 2;
/// Tail-call `resume` with arguments in the x-registers.
pub const STATUS_TRAP: u64 = 3;

/// Returned to the scheduler (trampoline): waiting in a receive; resume at `resume` when a
/// signal arrives or the receive's timer fires.
pub const STATUS_WAIT: u64 = 4;
/// Returned to the scheduler (trampoline): the process is done; exit reason in
/// `exc_reason` (`normal` for a return from the bottom frame).
pub const STATUS_EXIT: u64 = 5;

/// Number of x-registers (argument-register array).
pub const MAX_XREGS: usize = 256;
/// Initial (and minimum) young-heap block size in words, as BEAM's.
pub const MIN_HEAP_WORDS: usize = 233;

/// Stack frame kinds (bits 7..6 of the frame marker).
pub mod frame {
    /// A return continuation.
    pub const RETURN: u64 = 0;
    /// A catch/try handler.
    pub const CATCH: u64 = 1;
    /// The bottom frame (process exit).
    pub const BOTTOM: u64 = 2;
}

/// Make a stack-frame marker word.
pub const fn frame_marker(kind: u64, nslots: usize) -> u64 {
    ((nslots as u64) << 8) | (kind << 6) | (sub::FRAME << 2)
}
/// Is this word a frame marker.
pub const fn is_frame_marker(w: u64) -> bool {
    w & 0x3F == sub::FRAME << 2
}

/// BEAM-like heap sizes: Fibonacci from 233 words up to ~1.3M words, then +20% steps.
pub fn next_heap_size(min_words: usize) -> usize {
    let (mut a, mut b) = (MIN_HEAP_WORDS, 377usize);
    if min_words <= a {
        return a;
    }
    loop {
        if b >= min_words {
            return b;
        }
        if b < 1_346_269 {
            let c = a + b;
            a = b;
            b = c;
        } else {
            b += b / 5;
        }
    }
}

/// The young block of a process: owned (a boxed slice), or borrowed storage that lives as
/// long as the process and never moves (the first, small block of a spawned process is
/// embedded in its process cell, so spawning allocates once). The first collection
/// replaces a borrowed block with an owned one.
pub struct HeapBlock {
    ptr: *mut MaybeUninit<u64>,
    len: usize,
    owned: bool,
}

impl HeapBlock {
    /// A block over storage the process does not own.
    ///
    /// # Safety
    /// `ptr` must be valid for `len` words for as long as the block is in use, and not
    /// be used for anything else meanwhile.
    pub(crate) unsafe fn borrowed(ptr: *mut MaybeUninit<u64>, len: usize) -> HeapBlock {
        HeapBlock {
            ptr,
            len,
            owned: false,
        }
    }
    /// An empty block (a placeholder, or the block of a finished process).
    pub(crate) fn empty() -> HeapBlock {
        HeapBlock {
            ptr: std::ptr::NonNull::dangling().as_ptr(),
            len: 0,
            owned: false,
        }
    }
    /// Words in the block.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Is the block empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The first word.
    pub fn as_mut_ptr(&mut self) -> *mut u64 {
        self.ptr as *mut u64
    }
    /// The storage of an owned block of exactly `words` words (to reuse it); None for a
    /// borrowed block or another size (dropped as usual).
    pub(crate) fn into_owned_of(self, words: usize) -> Option<Box<[MaybeUninit<u64>]>> {
        if !self.owned || self.len != words {
            return None;
        }
        let b = std::mem::ManuallyDrop::new(self);
        // SAFETY: an owned block came from Box::into_raw of a slice of `len` words, and
        // `b` is not dropped, so the box is rebuilt once.
        Some(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(b.ptr, b.len)) })
    }
}

impl From<Box<[MaybeUninit<u64>]>> for HeapBlock {
    fn from(b: Box<[MaybeUninit<u64>]>) -> HeapBlock {
        let len = b.len();
        let ptr = Box::into_raw(b) as *mut MaybeUninit<u64>;
        HeapBlock {
            ptr,
            len,
            owned: true,
        }
    }
}

impl Drop for HeapBlock {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: an owned block came from Box::into_raw of a slice of `len` words.
            let b =
                unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(self.ptr, self.len)) };
            recycle_block(b);
        }
    }
}

/// Block sizes (words) the per-thread block cache keeps: the smallest heap sizes, which
/// the many small processes of a message-passing program go through at every collection.
const CACHED_BLOCK_SIZES: [usize; 3] = [MIN_HEAP_WORDS, 377, 610];
/// Blocks of each cached size a thread keeps.
const BLOCK_CACHE_MAX: usize = 32;

/// Cached blocks, one list per size of `CACHED_BLOCK_SIZES`.
type BlockLists = [Vec<Box<[MaybeUninit<u64>]>>; 3];

thread_local! {
    static BLOCK_CACHE: std::cell::RefCell<BlockLists> =
        const { std::cell::RefCell::new([Vec::new(), Vec::new(), Vec::new()]) };
}

/// A heap block of `words` words: a recycled one of that size if the thread has one
/// (a collection frees the old block and allocates the new one of the same few small
/// sizes over and over; the cache keeps that out of the allocator), else a fresh one.
pub(crate) fn alloc_block(words: usize) -> Box<[MaybeUninit<u64>]> {
    if let Some(i) = CACHED_BLOCK_SIZES.iter().position(|&s| s == words) {
        if let Some(b) = BLOCK_CACHE
            .try_with(|c| c.borrow_mut()[i].pop())
            .ok()
            .flatten()
        {
            return b;
        }
    }
    Box::new_uninit_slice(words)
}

/// Give a block back: kept for reuse if it has a cached size and the cache has room.
pub(crate) fn recycle_block(b: Box<[MaybeUninit<u64>]>) {
    if let Some(i) = CACHED_BLOCK_SIZES.iter().position(|&s| s == b.len()) {
        let mut b = Some(b);
        let _ = BLOCK_CACHE.try_with(|c| {
            let mut c = c.borrow_mut();
            if c[i].len() < BLOCK_CACHE_MAX {
                c[i].push(b.take().expect("block"));
            }
        });
        drop(b);
    }
}

/// GC counters.
#[derive(Debug, Default, Clone, Copy)]
pub struct GcStats {
    /// Minor collections.
    pub minor: u64,
    /// Major (fullsweep) collections.
    pub major: u64,
    /// Collections in torture mode (decides which ones are major).
    pub torture_count: u64,
    /// `Process::slices` at the last collection (the allocation-rate rule of
    /// `gc::young_floor`).
    pub slice_at_last: u32,
    /// The smallest young block a collection shrinks to (words; 0 until the first
    /// collection sets it), raised for a process that fills its block within a time slice.
    pub young_floor: u32,
}

/// A process. The first fields are ABI (offsets fixed and tested).
#[repr(C)]
pub struct Process {
    /// Heap top: next free word (offset 0).
    pub htop: *mut u64,
    /// Stack top, lowest used word = heap limit (offset 8).
    pub stop: *mut u64,
    /// Reductions left (offset 16).
    pub reds: i64,
    /// Argument-register array of MAX_XREGS terms (offset 24).
    pub xregs: *mut u64,
    /// Status of the last runtime call that returned NON_VALUE (offset 32).
    pub status: u64,
    /// Exception class (offset 40).
    pub exc_class: Term,
    /// Exception reason (offset 48).
    pub exc_reason: Term,
    /// Exception stack trace (offset 56).
    pub exc_trace: Term,
    /// Code to resume with when next scheduled (offset 64).
    pub resume: *const u8,
    /// Start of the young block (offset 72).
    pub heap_start: *mut u64,
    /// One past the end of the young block (offset 80).
    pub stack_end: *mut u64,
    /// Result of the last runtime call made through `ferl_rt_cold_call` (offset 88).
    pub cold_ret: u64,
    /// Lowest stack address the native-stack fast path of compiled code may reach with
    /// the frames it would materialize, and the heap limit meanwhile (offset 96; set by
    /// compiled code on entering that path, see docs/runtime-abi.md "Native fast path").
    pub nlimit: *mut u64,
    // ---- private to the runtime -----------------------------------------------------
    /// Objects below this survived one collection (promoted at the next minor GC).
    pub(crate) high_water: *mut u64,
    pub(crate) block: HeapBlock,
    pub(crate) old: Box<[MaybeUninit<u64>]>,
    pub(crate) old_top: *mut u64,
    /// Overflow allocations made by the runtime when the block is full, and adopted
    /// message fragments; emptied by every collection.
    pub(crate) frags: FragHeap,
    /// Off-heap list of REFC_BIN objects in the block, the old heap and `frags`.
    pub(crate) off_heap: *mut u64,
    pub(crate) own_xregs: Option<Box<[u64]>>,
    /// Pid serial.
    pub id: u64,
    /// Collection counters.
    pub gc_stats: GcStats,
    /// Minor collections since the last major one.
    pub(crate) minors_since_major: u32,
    /// Time slices this process has been given (wrapping; the collector's allocation-rate
    /// rule compares two readings).
    pub(crate) slices: u32,
    /// GC torture mode for this process (default: `FERL_GC_TORTURE=1`).
    pub torture: bool,
    /// The process dictionary as flat key/value pairs `[k0, v0, k1, v1, ...]` (GC roots).
    pub dict: Vec<Term>,
    /// Terms native (Rust-written) process bodies keep across suspensions (GC roots).
    pub saved: Vec<Term>,
    /// Received message buffers, part of the heap until the next collection frees them.
    pub(crate) adopted: Vec<crate::mailbox::Message>,
    /// Words in use in `adopted`.
    pub(crate) adopted_words: usize,
    /// Some adopted message brought off-heap binaries or an overflow fragment (then its
    /// buffer can only be freed by a collection: see `gc::release_dead_messages`).
    pub(crate) adopted_pinned: bool,
    /// Young-heap offset (words from `heap_start`) where the next message sweep starts:
    /// the heap below it was allocated before the last sweep or collection, when no
    /// adopted buffer of now was taken yet (see `gc::release_dead_messages`).
    pub(crate) sweep_from: usize,
    /// Bytes of this process's memory last added to `memory::processes` (see `account`).
    pub(crate) accounted: usize,
    /// The `max_heap_size` process flag.
    pub max_heap: MaxHeap,
    /// A collection found the heap above `max_heap.size` (with `kill`): the scheduler
    /// ends the process with reason `killed` when it next gets control.
    pub(crate) heap_limit_hit: bool,
}

/// The `max_heap_size` process flag (BEAM's map: size in words, 0 = no limit; `kill`;
/// `error_logger`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxHeap {
    /// Limit on the total heap size in words (0: none).
    pub size: usize,
    /// Kill the process when the limit is exceeded.
    pub kill: bool,
    /// Report it (on stderr, like BEAM's error logger).
    pub error_logger: bool,
}

impl Default for MaxHeap {
    fn default() -> Self {
        MaxHeap {
            size: 0,
            kill: true,
            error_logger: true,
        }
    }
}

// SAFETY: a Process exclusively owns its memory; raw pointers in it point into that memory
// (or at static code/data). It is handed between scheduler threads, never shared.
unsafe impl Send for Process {}

/// Byte offsets of the ABI fields (asserted by tests against the real layout).
pub mod offsets {
    #![allow(missing_docs)]
    pub const HTOP: usize = 0;
    pub const STOP: usize = 8;
    pub const REDS: usize = 16;
    pub const XREGS: usize = 24;
    pub const STATUS: usize = 32;
    pub const EXC_CLASS: usize = 40;
    pub const EXC_REASON: usize = 48;
    pub const EXC_TRACE: usize = 56;
    pub const RESUME: usize = 64;
    pub const HEAP_START: usize = 72;
    pub const STACK_END: usize = 80;
    pub const COLD_RET: usize = 88;
    pub const NLIMIT: usize = 96;
}

impl Process {
    /// A process with an empty heap and stack of the minimum size and its own x-registers.
    pub fn new(id: u64) -> Box<Process> {
        let mut xr = vec![NIL.raw(); MAX_XREGS].into_boxed_slice();
        let xp = xr.as_mut_ptr();
        let mut p = Box::new(Process::new_lean(id, MIN_HEAP_WORDS));
        p.xregs = xp;
        p.own_xregs = Some(xr);
        p
    }

    /// A process with a young block of `heap_words` (at least 1) and no x-register array
    /// of its own: the scheduler points `xregs` at its own array while the process runs.
    /// The first collection grows the block to BEAM's sizes (>= 233 words).
    pub fn new_lean(id: u64, heap_words: usize) -> Process {
        Process::with_block(
            id,
            HeapBlock::from(Box::new_uninit_slice(heap_words.max(1))),
        )
    }

    /// A process whose young block is `block` (see `HeapBlock::borrowed` for a block the
    /// process does not own, e.g. one embedded in the structure that holds the process).
    pub(crate) fn with_block(id: u64, mut block: HeapBlock) -> Process {
        let heap_words = block.len();
        let start = block.as_mut_ptr();
        // SAFETY: start + len is one past the end of the same allocation.
        let end = unsafe { start.add(heap_words) };
        let xp = std::ptr::null_mut();
        let mut old: Box<[MaybeUninit<u64>]> = Box::new_uninit_slice(0);
        let old_top = old.as_mut_ptr() as *mut u64;
        let mut p = Process {
            htop: start,
            stop: end,
            reds: 0,
            xregs: xp,
            status: STATUS_OK,
            exc_class: NIL,
            exc_reason: NIL,
            exc_trace: NIL,
            resume: std::ptr::null(),
            heap_start: start,
            stack_end: end,
            cold_ret: 0,
            nlimit: std::ptr::null_mut(),
            high_water: start,
            block,
            old,
            old_top,
            frags: FragHeap::new(),
            off_heap: std::ptr::null_mut(),
            own_xregs: None,
            id,
            gc_stats: GcStats::default(),
            minors_since_major: 0,
            slices: 0,
            torture: crate::gc::torture(),
            dict: Vec::new(),
            saved: Vec::new(),
            adopted: Vec::new(),
            adopted_words: 0,
            adopted_pinned: false,
            sweep_from: 0,
            accounted: 0,
            max_heap: MaxHeap::default(),
            heap_limit_hit: false,
        };
        p.account();
        p
    }

    /// Bring `memory::processes` up to date with this process's block, old generation
    /// and fragments (called at creation, after every collection and at the end).
    pub(crate) fn account(&mut self) {
        let now = self.memory_bytes();
        crate::memory::add_process_bytes(now as isize - self.accounted as isize);
        self.accounted = now;
    }

    /// Bytes of memory this process's heap, stack and fragments occupy (not counting the
    /// process struct itself).
    pub fn memory_bytes(&self) -> usize {
        let block = if self.block.owned {
            self.block.len()
        } else {
            0
        };
        (block + self.old.len()) * 8 + self.frags.capacity_words() * 8
    }

    /// This process's pid.
    pub fn pid(&self) -> Term {
        Term::pid(self.id)
    }

    /// Free words between heap top and stack top.
    pub fn free_words(&self) -> usize {
        (self.stop as usize - self.htop as usize) / 8
    }
    /// Words of the young heap in use (block only).
    pub fn heap_used(&self) -> usize {
        (self.htop as usize - self.heap_start as usize) / 8
    }
    /// Words of the stack in use.
    pub fn stack_used(&self) -> usize {
        (self.stack_end as usize - self.stop as usize) / 8
    }
    /// Size of the young block in words.
    pub fn block_words(&self) -> usize {
        self.block.len()
    }
    /// Words in use in the old generation.
    pub fn old_used(&self) -> usize {
        (self.old_top as usize - self.old.as_ptr() as usize) / 8
    }
    /// Words allocated in heap fragments (not yet collected).
    pub fn frag_used(&self) -> usize {
        self.frags.used_words() + self.adopted_words
    }
    /// The total heap size as `max_heap_size` counts it (BEAM: young and old heap blocks
    /// plus heap fragments), in words.
    pub fn total_heap_size(&self) -> usize {
        self.block.len() + self.old.len() + self.frags.capacity_words()
    }
    /// Total heap words in use: young block + fragments + old generation.
    pub fn total_heap_used(&self) -> usize {
        self.heap_used() + self.frag_used() + self.old_used()
    }
    /// Is `addr` inside the young block's heap part.
    pub fn in_young(&self, addr: usize) -> bool {
        addr >= self.heap_start as usize && addr < self.htop as usize
    }
    /// Is `addr` inside the old generation.
    pub fn in_old(&self, addr: usize) -> bool {
        addr >= self.old.as_ptr() as usize && addr < self.old_top as usize
    }

    /// X-register `i`.
    pub fn x(&self, i: usize) -> Term {
        debug_assert!(i < MAX_XREGS && !self.xregs.is_null());
        // SAFETY: xregs points at MAX_XREGS valid term words (own array or a scheduler's).
        unsafe { Term::from_raw(*self.xregs.add(i)) }
    }
    /// Set x-register `i`.
    pub fn set_x(&mut self, i: usize, t: Term) {
        debug_assert!(i < MAX_XREGS && !self.xregs.is_null());
        // SAFETY: as in `x`.
        unsafe { *self.xregs.add(i) = t.raw() };
    }

    /// Push a frame with `slots` and continuation `cont`; false if there is no room
    /// (the caller must collect with `need = 2 + slots.len()` first).
    pub fn push_frame(&mut self, kind: u64, cont: usize, slots: &[Term]) -> bool {
        let n = 2 + slots.len();
        if self.free_words() < n {
            return false;
        }
        // SAFETY: there are n free words below stop, above htop.
        unsafe {
            self.stop = self.stop.sub(n);
            *self.stop = frame_marker(kind, slots.len());
            *self.stop.add(1) = cont as u64;
            std::ptr::copy_nonoverlapping(
                slots.as_ptr() as *const u64,
                self.stop.add(2),
                slots.len(),
            );
        }
        true
    }
    /// The top frame: (kind, continuation, slots).
    pub fn top_frame(&self) -> Option<(u64, usize, &[Term])> {
        if self.stop >= self.stack_end {
            return None;
        }
        // SAFETY: the stack holds well-formed frames from stop to stack_end.
        unsafe {
            let m = *self.stop;
            if !is_frame_marker(m) {
                return None;
            }
            let n = (m >> 8) as usize;
            let slots = std::slice::from_raw_parts(self.stop.add(2) as *const Term, n);
            Some(((m >> 6) & 3, *self.stop.add(1) as usize, slots))
        }
    }
    /// Pop the top frame.
    pub fn pop_frame(&mut self) -> bool {
        let Some((_, _, slots)) = self.top_frame() else {
            return false;
        };
        let n = 2 + slots.len();
        // SAFETY: the frame occupies n words from stop.
        self.stop = unsafe { self.stop.add(n) };
        true
    }

    /// Record an exception (class, reason) and return NON_VALUE, as runtime calls do.
    pub fn raise(&mut self, class: Term, reason: Term) -> Term {
        self.status = STATUS_RAISE;
        self.exc_class = class;
        self.exc_reason = reason;
        self.exc_trace = NIL;
        NON_VALUE
    }

    /// Adopt a message fragment's memory (its terms become part of this heap).
    pub fn adopt(&mut self, frag: FragHeap) {
        let mut frag = frag;
        let mut off = frag.move_chunks_into(&mut self.frags);
        while !off.is_null() {
            // SAFETY: walking the fragment's valid off-heap list, relinking each object
            // (its reference moves to us).
            unsafe {
                let next = *off.add(OFF_HEAP_LINK) as *mut u64;
                self.link_off_heap(off);
                off = next;
            }
        }
    }
}

impl Process {
    /// Make a received message part of this heap: its buffer stays where it is (terms the
    /// receive has already extracted point into it) until the next collection; its
    /// off-heap binaries join this process's list and its overflow joins `frags`.
    pub fn adopt_message(&mut self, mut m: crate::mailbox::Message) {
        let mut off = m.take_off_heap();
        if !off.is_null() {
            self.adopted_pinned = true;
        }
        if let Some(mut o) = m.take_overflow() {
            self.adopted_pinned = true;
            let mut off2 = o.move_chunks_into(&mut self.frags);
            while !off2.is_null() {
                // SAFETY: walking the overflow's valid off-heap list; each object's
                // reference moves to us.
                unsafe {
                    let next = *off2.add(OFF_HEAP_LINK) as *mut u64;
                    self.link_off_heap(off2);
                    off2 = next;
                }
            }
        }
        while !off.is_null() {
            // SAFETY: as above, for the buffer's own list.
            unsafe {
                let next = *off.add(OFF_HEAP_LINK) as *mut u64;
                self.link_off_heap(off);
                off = next;
            }
        }
        let (s, e) = m.data_range();
        if s == e {
            return; // an immediate: nothing on the heap refers to the buffer
        }
        self.adopted_words += (e - s) / 8;
        self.adopted.push(m);
    }
}

impl Heap for Process {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        if self.free_words() >= words {
            let p = self.htop;
            // SAFETY: words fit between htop and stop.
            self.htop = unsafe { self.htop.add(words) };
            p
        } else {
            self.frags.alloc(words)
        }
    }
    unsafe fn link_off_heap(&mut self, obj: *mut u64) {
        // SAFETY: caller guarantees obj is a REFC_BIN object in this process's memory.
        unsafe { *obj.add(OFF_HEAP_LINK) = self.off_heap as u64 };
        self.off_heap = obj;
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // SAFETY: the process is dying; all its objects are dead.
        unsafe { crate::heap::release_off_heap_list(self.off_heap) };
        self.off_heap = std::ptr::null_mut();
        crate::memory::add_process_bytes(-(self.accounted as isize));
    }
}

/// Allocate a tuple on a process (convenience used by BIFs).
pub fn tuple(p: &mut Process, elems: &[Term]) -> Term {
    term::tuple(p, elems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    #[test]
    fn abi_offsets() {
        assert_eq!(offset_of!(Process, htop), offsets::HTOP);
        assert_eq!(offset_of!(Process, stop), offsets::STOP);
        assert_eq!(offset_of!(Process, reds), offsets::REDS);
        assert_eq!(offset_of!(Process, xregs), offsets::XREGS);
        assert_eq!(offset_of!(Process, status), offsets::STATUS);
        assert_eq!(offset_of!(Process, exc_class), offsets::EXC_CLASS);
        assert_eq!(offset_of!(Process, exc_reason), offsets::EXC_REASON);
        assert_eq!(offset_of!(Process, exc_trace), offsets::EXC_TRACE);
        assert_eq!(offset_of!(Process, resume), offsets::RESUME);
        assert_eq!(offset_of!(Process, heap_start), offsets::HEAP_START);
        assert_eq!(offset_of!(Process, stack_end), offsets::STACK_END);
        assert_eq!(offset_of!(Process, cold_ret), offsets::COLD_RET);
        assert_eq!(offset_of!(Process, nlimit), offsets::NLIMIT);
    }

    #[test]
    fn heap_sizes_like_beam() {
        assert_eq!(next_heap_size(0), 233);
        assert_eq!(next_heap_size(234), 377);
        assert_eq!(next_heap_size(1000), 1597);
        assert_eq!(next_heap_size(1_346_269), 1_346_269);
        assert_eq!(next_heap_size(1_346_270), 1_346_269 + 1_346_269 / 5);
    }

    #[test]
    fn heap_and_stack_share_block() {
        let mut p = Process::new(1);
        assert_eq!(p.free_words(), MIN_HEAP_WORDS);
        let t = term::tuple(&mut *p, &[NIL, NIL]);
        assert_eq!(p.heap_used(), 3);
        assert!(p.push_frame(frame::RETURN, 0x1000, &[t, NIL]));
        assert_eq!(p.stack_used(), 4);
        assert_eq!(p.free_words(), MIN_HEAP_WORDS - 7);
        let (k, c, s) = p.top_frame().unwrap();
        assert_eq!((k, c, s.len()), (frame::RETURN, 0x1000, 2));
        assert_eq!(s[0], t);
        assert!(p.pop_frame());
        assert!(p.top_frame().is_none());
        // a full block spills runtime allocations into fragments
        let big = vec![NIL; 300];
        let t2 = term::tuple(&mut *p, &big);
        assert_eq!(t2.tuple_elements().unwrap().len(), 300);
        assert_eq!(p.frag_used(), 301);
        assert!(!p.push_frame(frame::RETURN, 0, &big));
    }

    #[test]
    fn raise_sets_status() {
        let mut p = Process::new(2);
        let r = p.raise(
            Term::atom(crate::atom::idx::ERROR),
            Term::atom(crate::atom::idx::BADARG),
        );
        assert!(r.is_non_value());
        assert_eq!(p.status, STATUS_RAISE);
        assert_eq!(p.exc_reason.atom_name(), Some("badarg"));
    }
}
