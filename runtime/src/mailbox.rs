//! Mailboxes: a lock-free multi-producer single-consumer queue of message fragments, and
//! the receiver's private queue with the selective-receive save pointer.
//!
//! Owns: message transport. A sender copies the message once into its own fragment
//! (`Message::new`) and pushes it (`Mailbox::send`, wait-free for producers: one atomic
//! swap). The owner moves arrived messages into its private queue (`fetch`), scans them
//! from the save pointer (`current`/`advance`), and takes a matched one out (`take`),
//! adopting its fragment into the process heap.
//! Must not: take locks on the message path, or touch a process's heap except through
//! `Process::adopt` on the receiving side.

use crate::copy::copy_term;
use crate::heap::FragHeap;
use crate::heap::Heap;
use crate::process::Process;
use crate::term::Term;
use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicPtr, Ordering};

/// Header shared by every node of a process's signal queue ([`SigQueue`]): message
/// buffers are queue nodes themselves, other signals are boxed in a [`SigNode`].
#[repr(C)]
pub(crate) struct SigHdr {
    next: AtomicPtr<SigHdr>,
    kind: usize,
}

const KIND_MSG: usize = 0;
const KIND_OTHER: usize = 1;
const KIND_STUB: usize = 2;

/// A message buffer: one allocation holding the queue link, the message term and the
/// words it lives in (`cap` words follow the struct). Runtime-built messages whose size
/// was underestimated continue in `overflow`.
#[repr(C)]
struct MsgBuf {
    hdr: SigHdr,
    term: Term,
    off_heap: *mut u64,
    overflow: *mut FragHeap,
    cap: usize,
    used: usize,
}

const MSG_HDR_WORDS: usize = std::mem::size_of::<MsgBuf>() / 8;

fn msg_layout(cap: usize) -> std::alloc::Layout {
    // Cannot overflow for any message that fits in memory.
    std::alloc::Layout::from_size_align((MSG_HDR_WORDS + cap) * 8, 8).expect("message layout")
}

/// One message: the term and the memory holding it, in one allocation that also serves as
/// the signal-queue node (so sending a message allocates exactly once).
pub struct Message {
    ptr: NonNull<MsgBuf>,
}

// SAFETY: a Message exclusively owns its buffer and the REFC_BIN references in it; the
// binary data is shared only through Arc (thread-safe counts).
unsafe impl Send for Message {}

/// The heap a message is built on (see [`Message::build`]).
pub struct MsgHeap<'a> {
    buf: &'a mut MsgBuf,
}

impl Heap for MsgHeap<'_> {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        let b = &mut *self.buf;
        if b.cap - b.used >= words {
            // SAFETY: the data area of `cap` words follows the header; used + words <= cap.
            let p = unsafe { (b as *mut MsgBuf as *mut u64).add(MSG_HDR_WORDS + b.used) };
            b.used += words;
            return p;
        }
        if b.overflow.is_null() {
            b.overflow = Box::into_raw(Box::new(FragHeap::new()));
        }
        // SAFETY: overflow is a live FragHeap owned by this buffer.
        unsafe { (*b.overflow).alloc(words) }
    }
    unsafe fn link_off_heap(&mut self, obj: *mut u64) {
        // SAFETY: caller guarantees obj is a REFC_BIN object of this message.
        unsafe { *obj.add(crate::heap::OFF_HEAP_LINK) = self.buf.off_heap as u64 };
        self.buf.off_heap = obj;
    }
}

impl Message {
    fn alloc(cap: usize) -> Message {
        let (raw, cap) = match size_class(cap) {
            Some(c) => (
                pool_take(c).unwrap_or_else(|| raw_alloc(POOL_CAPS[c])),
                POOL_CAPS[c],
            ),
            None => (raw_alloc(cap), cap),
        };
        // SAFETY: raw_alloc never returns null.
        let ptr = unsafe { NonNull::new_unchecked(raw) };
        // SAFETY: fresh allocation large enough for the header.
        unsafe {
            raw.write(MsgBuf {
                hdr: SigHdr {
                    next: AtomicPtr::new(ptr::null_mut()),
                    kind: KIND_MSG,
                },
                term: crate::term::NIL,
                off_heap: ptr::null_mut(),
                overflow: ptr::null_mut(),
                cap,
                used: 0,
            })
        };
        Message { ptr }
    }

    /// Copy `t` into a fresh buffer sized exactly for it.
    pub fn new(t: Term) -> Message {
        if let Some(m) = Message::new_flat_tuple(t) {
            return m;
        }
        let words = crate::copy::size_of(t);
        let m = Message::alloc(words);
        if words == 0 {
            // SAFETY: we own the buffer.
            unsafe { (*m.ptr.as_ptr()).term = t };
            return m;
        }
        // SAFETY: we own the buffer; its data area has room for `words` (cap >= words).
        unsafe {
            let b = m.ptr.as_ptr();
            let start = (b as *mut u64).add(MSG_HDR_WORDS);
            let mut bump = crate::copy::Bump {
                top: start,
                end: start.add((*b).cap),
                off_heap: ptr::null_mut(),
            };
            let term = copy_term(&mut bump, t);
            (*b).term = term;
            (*b).used = bump.top.offset_from(start) as usize;
            (*b).off_heap = bump.off_heap;
        }
        m
    }

    /// The common small message, a tuple of at most 7 immediates (`{token, K}`, `{ping,
    /// Pid}`): one word copy into a buffer of the smallest class, without the general
    /// copy's two traversals. None for anything else.
    #[inline]
    fn new_flat_tuple(t: Term) -> Option<Message> {
        use crate::term::{
            header_arity, header_subtag, is_header, sub, PRIMARY_MASK, TAG_BOXED, TAG_IMMED1,
        };
        if t.raw() & PRIMARY_MASK != TAG_BOXED {
            return None;
        }
        let src = t.boxed_ptr();
        // SAFETY: a boxed term points at a live object starting with its header.
        let h = unsafe { *src };
        if !is_header(h) || header_subtag(h) != sub::TUPLE {
            return None;
        }
        let n = header_arity(h) + 1;
        // SAFETY: the tuple has n words.
        let words = unsafe { std::slice::from_raw_parts(src as *const u64, n) };
        if n > POOL_CAPS[0] || words[1..].iter().any(|&w| w & PRIMARY_MASK != TAG_IMMED1) {
            return None;
        }
        let mut m = Message::alloc(n);
        let d = m.heap().alloc(n);
        // SAFETY: d is n fresh words of the buffer; the source words are immediates and
        // the header, valid anywhere.
        unsafe {
            std::ptr::copy_nonoverlapping(words.as_ptr(), d, n);
            (*m.ptr.as_ptr()).term = Term::from_raw(d as u64 | TAG_BOXED);
        }
        Some(m)
    }

    /// Build a message directly in a fresh buffer (`words` is a capacity hint).
    pub fn build(words: usize, f: impl FnOnce(&mut MsgHeap<'_>) -> Term) -> Message {
        let mut m = Message::alloc(words);
        let term = f(&mut m.heap());
        // SAFETY: we own the buffer.
        unsafe { (*m.ptr.as_ptr()).term = term };
        m
    }

    fn heap(&mut self) -> MsgHeap<'_> {
        // SAFETY: we own the buffer exclusively.
        MsgHeap {
            buf: unsafe { self.ptr.as_mut() },
        }
    }

    /// The message term (lives in this message's memory, or is an immediate).
    #[inline]
    pub fn term(&self) -> Term {
        // SAFETY: the buffer is live while we own it.
        unsafe { self.ptr.as_ref().term }
    }

    /// Copy the message into `h` (e.g. the receiving process's heap) and free it.
    pub fn copy_into<H: Heap + ?Sized>(self, h: &mut H) -> Term {
        copy_term(h, self.term())
    }

    /// The words in use in the buffer, as an address range `[start, end)` (the overflow,
    /// if any, is separate: see `take_overflow`).
    pub fn data_range(&self) -> (usize, usize) {
        let b = self.ptr.as_ptr();
        let start = b as usize + MSG_HDR_WORDS * 8;
        // SAFETY: the buffer is live while we own it.
        (start, start + unsafe { (*b).used } * 8)
    }

    /// Words in use (buffer + overflow).
    pub fn used_words(&self) -> usize {
        // SAFETY: the buffer is live while we own it.
        unsafe {
            let b = self.ptr.as_ptr();
            (*b).used
                + if (*b).overflow.is_null() {
                    0
                } else {
                    (*(*b).overflow).used_words()
                }
        }
    }

    /// Give up the off-heap list (the caller takes over the references in it).
    pub fn take_off_heap(&mut self) -> *mut u64 {
        // SAFETY: we own the buffer.
        unsafe { std::mem::replace(&mut (*self.ptr.as_ptr()).off_heap, ptr::null_mut()) }
    }

    /// Give up the overflow fragment heap, if any.
    pub fn take_overflow(&mut self) -> Option<Box<FragHeap>> {
        // SAFETY: we own the buffer; a non-null overflow came from Box::into_raw.
        unsafe {
            let o = std::mem::replace(&mut (*self.ptr.as_ptr()).overflow, ptr::null_mut());
            (!o.is_null()).then(|| Box::from_raw(o))
        }
    }

    fn into_raw(self) -> *mut SigHdr {
        let p = self.ptr.as_ptr() as *mut SigHdr;
        std::mem::forget(self);
        p
    }

    /// # Safety
    /// `p` must come from `into_raw` (a KIND_MSG node no one else owns).
    unsafe fn from_raw(p: *mut SigHdr) -> Message {
        // SAFETY: per the contract, p is a live MsgBuf.
        Message {
            ptr: unsafe { NonNull::new_unchecked(p as *mut MsgBuf) },
        }
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        // SAFETY: we own the buffer; its off-heap list and overflow belong to it.
        unsafe {
            let b = self.ptr.as_ptr();
            crate::heap::release_off_heap_list((*b).off_heap);
            if !(*b).overflow.is_null() {
                drop(Box::from_raw((*b).overflow));
            }
            let cap = (*b).cap;
            let pooled = match size_class(cap) {
                Some(c) if POOL_CAPS[c] == cap => pool_give(c, b),
                _ => false,
            };
            if !pooled {
                std::alloc::dealloc(b as *mut u8, msg_layout(cap));
            }
        }
    }
}

/// Capacities (words) of the message buffers that are recycled (size classes: a message
/// of up to 64 words gets the smallest class that holds it).
const POOL_CAPS: [usize; 4] = [8, 16, 32, 64];
/// Buffers of each class kept for reuse, per scheduler (about 2.5 MB per class): the depot
/// holds up to twice this, each thread up to `LOCAL_MAGS + 1` magazines.
const POOL_MAX: [usize; 4] = [20000, 12000, 6000, 3500];
/// Buffers per magazine: the unit in which free buffers move between a thread's pool and
/// the shared depot.
const MAG: usize = 64;
/// Full magazines a thread keeps for itself, per class (more go to the depot at once, so
/// a thread that only frees does not hoard what another thread allocates).
const LOCAL_MAGS: usize = 4;
/// Full magazines of each class the shared depot holds at most (beyond that they are
/// returned to the allocator).
const DEPOT_MAX: [usize; 4] = [
    2 * POOL_MAX[0] / MAG,
    2 * POOL_MAX[1] / MAG,
    2 * POOL_MAX[2] / MAG,
    2 * POOL_MAX[3] / MAG,
];

/// The size class for a buffer of `cap` words, if it is small enough to be pooled.
#[inline]
fn size_class(cap: usize) -> Option<usize> {
    POOL_CAPS.iter().position(|&c| cap <= c)
}

fn raw_alloc(cap: usize) -> *mut MsgBuf {
    let layout = msg_layout(cap);
    // SAFETY: the layout has a non-zero size (the header).
    let raw = unsafe { std::alloc::alloc(layout) } as *mut MsgBuf;
    if raw.is_null() {
        std::alloc::handle_alloc_error(layout)
    }
    raw
}

/// A chain of free buffers of one class, linked through their queue link (null-ended).
#[derive(Clone, Copy)]
struct Chain(*mut MsgBuf);
// SAFETY: a chain's buffers are unused allocations owned by whoever holds the chain.
unsafe impl Send for Chain {}

impl Chain {
    /// Return every buffer of the chain (class `c`) to the allocator.
    fn free(self, c: usize) {
        let mut b = self.0;
        while !b.is_null() {
            // SAFETY: every buffer in the chain is an unused POOL_CAPS[c] allocation.
            unsafe {
                let next = (*b).hdr.next.load(Ordering::Relaxed) as *mut MsgBuf;
                std::alloc::dealloc(b as *mut u8, msg_layout(POOL_CAPS[c]));
                b = next;
            }
        }
    }
}

/// Per-thread free lists of small message buffers, one per size class: a scheduler frees
/// received buffers at collections and reuses them for the messages its processes send,
/// without the allocator, most recently freed (cache warm) first.
///
/// Buffers move between threads in magazines of `MAG` through a shared depot: in a
/// producer/consumer pattern (a server on one scheduler sending to processes another
/// scheduler runs) one thread only allocates and the other only frees, so without it
/// every message would cost a `malloc` on one side and a cross-thread `free` on the other.
/// `cur` holds at most `MAG` buffers; full magazines wait in `full` (at most
/// `LOCAL_MAGS`), the overflow goes to the depot, an empty `cur` refills from `full`
/// or the depot.
struct Pool {
    cur: [*mut MsgBuf; 4],
    cur_len: [usize; 4],
    full: [Vec<Chain>; 4],
}

impl Drop for Pool {
    fn drop(&mut self) {
        for c in 0..4 {
            Chain(self.cur[c]).free(c);
            for m in self.full[c].drain(..) {
                m.free(c);
            }
        }
    }
}

thread_local! {
    static POOL: std::cell::RefCell<Pool> = const {
        std::cell::RefCell::new(Pool {
            cur: [ptr::null_mut(); 4],
            cur_len: [0; 4],
            full: [Vec::new(), Vec::new(), Vec::new(), Vec::new()],
        })
    };
}

/// The shared depot of full magazines, per class.
static DEPOT: [parking_lot::Mutex<Vec<Chain>>; 4] = [
    parking_lot::Mutex::new(Vec::new()),
    parking_lot::Mutex::new(Vec::new()),
    parking_lot::Mutex::new(Vec::new()),
    parking_lot::Mutex::new(Vec::new()),
];

fn pool_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("FERL_MSG_POOL").map_or(true, |v| v != "0"))
}

fn pool_take(c: usize) -> Option<*mut MsgBuf> {
    if !pool_on() {
        return None;
    }
    POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if p.cur_len[c] == 0 {
            let m = match p.full[c].pop() {
                Some(m) => m,
                None => DEPOT[c].lock().pop()?,
            };
            p.cur[c] = m.0;
            p.cur_len[c] = MAG;
        }
        let b = p.cur[c];
        // SAFETY: pooled buffers are valid, unused allocations.
        p.cur[c] = unsafe { (*b).hdr.next.load(Ordering::Relaxed) } as *mut MsgBuf;
        p.cur_len[c] -= 1;
        // The next take reads the new head's link: start loading it now.
        crate::sched::prefetch(p.cur[c] as *const u8);
        Some(b)
    })
    .ok()
    .flatten()
}

/// Keep `b` (an unused POOL_CAPS[c] buffer) for reuse; false if the pool is full.
fn pool_give(c: usize, b: *mut MsgBuf) -> bool {
    if !pool_on() {
        return false;
    }
    POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if p.cur_len[c] == MAG {
            let m = Chain(p.cur[c]);
            if p.full[c].len() < LOCAL_MAGS {
                p.full[c].push(m);
            } else {
                let mut d = DEPOT[c].lock();
                if d.len() < DEPOT_MAX[c] {
                    d.push(m);
                } else {
                    drop(d);
                    m.free(c);
                }
            }
            p.cur[c] = ptr::null_mut();
            p.cur_len[c] = 0;
        }
        // SAFETY: `b` is an unused buffer we own; its header is plain memory now.
        unsafe {
            (*b).hdr
                .next
                .store(p.cur[c] as *mut SigHdr, Ordering::Relaxed)
        };
        p.cur[c] = b;
        p.cur_len[c] += 1;
        true
    })
    .unwrap_or(false)
}

/// A signal other than a message, boxed as a queue node.
#[repr(C)]
struct SigNode<T> {
    hdr: SigHdr,
    item: T,
}

/// A process's signal queue: Vyukov's intrusive MPSC queue (wait-free push: one atomic
/// swap; lock-free pop by the owner). Messages are pushed as their own buffers (no extra
/// node); other signals are boxed. Everything one sender pushes arrives in push order.
#[repr(C)]
pub(crate) struct SigQueue<T> {
    head: AtomicPtr<SigHdr>,
    tail: UnsafeCell<*mut SigHdr>,
    /// The permanent stub node, inline (so the queue must not move after `init`).
    stub: UnsafeCell<SigHdr>,
    _t: std::marker::PhantomData<T>,
}

// SAFETY: as MpscQueue: producers touch only `head` and a node's `next` (atomics); the
// single consumer owns `tail`.
unsafe impl<T: Send> Send for SigQueue<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for SigQueue<T> {}

/// What a [`SigQueue`] carries: a message, or something else.
pub(crate) trait SigItem: Sized {
    /// Split off the message case.
    fn into_msg(self) -> Result<Message, Self>;
    /// Wrap a message.
    fn from_msg(m: Message) -> Self;
}

impl<T: SigItem> SigQueue<T> {
    /// A queue that must be `init`ed at its final address before use.
    pub(crate) fn new() -> SigQueue<T> {
        SigQueue {
            head: AtomicPtr::new(ptr::null_mut()),
            tail: UnsafeCell::new(ptr::null_mut()),
            stub: UnsafeCell::new(SigHdr {
                next: AtomicPtr::new(ptr::null_mut()),
                kind: KIND_STUB,
            }),
            _t: std::marker::PhantomData,
        }
    }

    /// Point the queue at its inline stub; the queue must not move afterwards.
    pub(crate) fn init(&mut self) {
        let stub = self.stub.get();
        *self.head.get_mut() = stub;
        *self.tail.get_mut() = stub;
    }

    fn push_node(&self, node: *mut SigHdr) {
        debug_assert!(
            !self.head.load(Ordering::Relaxed).is_null(),
            "SigQueue used before init"
        );
        // SAFETY: node is a live node we own until it is linked.
        unsafe { (*node).next.store(ptr::null_mut(), Ordering::Relaxed) };
        let prev = self.head.swap(node, Ordering::AcqRel);
        // SAFETY: prev stays allocated until the consumer has followed its `next`.
        unsafe { (*prev).next.store(node, Ordering::Release) };
    }

    /// Push (any thread).
    pub(crate) fn push(&self, item: T) {
        let node = match item.into_msg() {
            Ok(m) => m.into_raw(),
            Err(other) => Box::into_raw(Box::new(SigNode {
                hdr: SigHdr {
                    next: AtomicPtr::new(ptr::null_mut()),
                    kind: KIND_OTHER,
                },
                item: other,
            })) as *mut SigHdr,
        };
        self.push_node(node);
    }

    /// Pop through a shared reference. None when empty, or when a push is half-done
    /// (its item becomes visible on a later pop).
    ///
    /// # Safety
    /// The caller must be the queue's only consumer (no concurrent `pop_shared`).
    pub(crate) unsafe fn pop_shared(&self) -> Option<T> {
        // SAFETY: single consumer (caller's contract); nodes reachable from tail are live.
        unsafe {
            let stub = self.stub.get();
            let mut tail = *self.tail.get();
            let mut next = (*tail).next.load(Ordering::Acquire);
            if tail == stub {
                if next.is_null() {
                    return None;
                }
                *self.tail.get() = next;
                tail = next;
                next = (*next).next.load(Ordering::Acquire);
            }
            if next.is_null() {
                if tail != self.head.load(Ordering::Acquire) {
                    return None; // a push is half-done
                }
                self.push_node(stub);
                next = (*tail).next.load(Ordering::Acquire);
                if next.is_null() {
                    return None;
                }
            }
            *self.tail.get() = next;
            Some(Self::unwrap_node(tail))
        }
    }

    /// # Safety
    /// `node` must be a popped, owned KIND_MSG or KIND_OTHER node.
    unsafe fn unwrap_node(node: *mut SigHdr) -> T {
        // SAFETY: per the contract.
        unsafe {
            if (*node).kind == KIND_MSG {
                T::from_msg(Message::from_raw(node))
            } else {
                let b = Box::from_raw(node as *mut SigNode<T>);
                b.item
            }
        }
    }
}

impl<T> Drop for SigQueue<T> {
    fn drop(&mut self) {
        // SAFETY: we are the only user now; free every linked node except the stub.
        unsafe {
            let mut n = *self.tail.get();
            while !n.is_null() {
                let next = (*n).next.load(Ordering::Acquire);
                match (*n).kind {
                    KIND_MSG => drop(Message::from_raw(n)),
                    KIND_OTHER => drop(Box::from_raw(n as *mut SigNode<T>)),
                    _ => {}
                }
                n = next;
            }
        }
    }
}

struct Node<T> {
    next: AtomicPtr<Node<T>>,
    item: Option<T>,
}

/// Vyukov's intrusive MPSC queue (wait-free push, lock-free pop by the single consumer).
/// Used for a process's signal queue (messages and link/monitor/exit signals in one
/// queue, so everything one sender sends arrives in send order).
pub struct MpscQueue<T> {
    head: AtomicPtr<Node<T>>,
    tail: UnsafeCell<*mut Node<T>>,
}

// SAFETY: producers only touch `head` (atomic) and a node's `next` (atomic); `tail` is
// touched only by the single consumer, which `&mut self` on `pop` enforces. Items are
// moved between threads, hence `T: Send`.
unsafe impl<T: Send> Send for MpscQueue<T> {}
// SAFETY: see above: shared access is limited to the atomic push path.
unsafe impl<T: Send> Sync for MpscQueue<T> {}

impl<T> Default for MpscQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> MpscQueue<T> {
    /// Bytes of one queue node (the queue always holds one).
    pub const NODE_BYTES: usize = std::mem::size_of::<Node<T>>();

    /// An empty queue.
    pub fn new() -> MpscQueue<T> {
        let stub = Box::into_raw(Box::new(Node {
            next: AtomicPtr::new(ptr::null_mut()),
            item: None,
        }));
        MpscQueue {
            head: AtomicPtr::new(stub),
            tail: UnsafeCell::new(stub),
        }
    }

    /// Push (any thread).
    pub fn push(&self, item: T) {
        let node = Box::into_raw(Box::new(Node {
            next: AtomicPtr::new(ptr::null_mut()),
            item: Some(item),
        }));
        let prev = self.head.swap(node, Ordering::AcqRel);
        // SAFETY: `prev` is a node still owned by the queue: the consumer frees a node only
        // after following its non-null `next`, which we are about to set.
        unsafe { (*prev).next.store(node, Ordering::Release) };
    }

    /// Pop (the owner only). None when empty, or when a push is half-done (its item
    /// becomes visible on a later pop).
    pub fn pop(&mut self) -> Option<T> {
        // SAFETY: &mut self makes us the only consumer.
        unsafe { self.pop_shared() }
    }

    /// Pop through a shared reference.
    ///
    /// # Safety
    /// The caller must be the queue's only consumer (no concurrent `pop`/`pop_shared`).
    pub unsafe fn pop_shared(&self) -> Option<T> {
        // SAFETY: the caller guarantees we are the only consumer; tail always points at a
        // live node.
        unsafe {
            let tail = *self.tail.get();
            let next = (*tail).next.load(Ordering::Acquire);
            if next.is_null() {
                return None;
            }
            *self.tail.get() = next;
            let item = (*next).item.take();
            drop(Box::from_raw(tail));
            item
        }
    }
}

impl<T> Drop for MpscQueue<T> {
    fn drop(&mut self) {
        while self.pop().is_some() {}
        // SAFETY: the remaining node is the current tail (stub), owned by the queue.
        unsafe { drop(Box::from_raw(*self.tail.get())) };
    }
}

/// The receiver's private message queue: messages already moved out of the signal
/// queue, in arrival order, with the selective-receive save pointer and the
/// reference marker (OTP 24's `recv_marker`): each message gets a sequence number, a
/// marker remembers the sequence number the next message will get, and a receive that
/// matches on the marker's reference starts scanning there (messages older than the
/// reference cannot contain it).
#[derive(Default)]
pub struct MessageQueue {
    private: VecDeque<(u64, Message)>,
    save: usize,
    next_seq: u64,
    marker: Option<([u32; 3], u64)>,
}

impl MessageQueue {
    /// Append an arrived message.
    pub fn push(&mut self, m: Message) {
        self.private.push_back((self.next_seq, m));
        self.next_seq += 1;
    }
    /// Messages in the queue.
    pub fn len(&self) -> usize {
        self.private.len()
    }
    /// Is the queue empty.
    pub fn is_empty(&self) -> bool {
        self.private.is_empty()
    }
    /// The message at the save pointer (None: every message has been looked at).
    pub fn current(&self) -> Option<Term> {
        self.private.get(self.save).map(|(_, m)| m.term())
    }
    /// The current message did not match: move the save pointer past it.
    pub fn advance(&mut self) {
        if self.save < self.private.len() {
            self.save += 1;
        }
    }
    /// The current message matched: remove it, make its buffer part of `p`'s heap (the
    /// receive already holds terms that point into it; the next collection evacuates
    /// what is live and frees the buffer), and reset the save pointer for the next
    /// receive.
    pub fn take(&mut self, p: &mut Process) -> Option<Term> {
        let (_, m) = if self.save == 0 {
            self.private.pop_front()?
        } else {
            self.private.remove(self.save)?
        };
        self.save = 0;
        let t = m.term();
        p.adopt_message(m);
        Some(t)
    }
    /// A receive ended without taking a message (timeout): reset the save pointer.
    pub fn reset(&mut self) {
        self.save = 0;
    }
    /// Remove (and drop) every message for which `f` is true; returns how many.
    pub fn remove_where(&mut self, mut f: impl FnMut(Term) -> bool) -> usize {
        let before = self.private.len();
        self.private.retain(|(_, m)| !f(m.term()));
        self.save = self.save.min(self.private.len());
        before - self.private.len()
    }
    /// Iterate over the queued message terms (oldest first).
    pub fn iter(&self) -> impl Iterator<Item = Term> + '_ {
        self.private.iter().map(|(_, m)| m.term())
    }
    /// Bind a marker to reference `r` (ids): messages that arrive from now on are the
    /// only ones that can contain `r`.
    pub fn mark(&mut self, r: [u32; 3]) {
        self.marker = Some((r, self.next_seq));
    }
    /// A receive that matches on reference `r` starts: if the marker is bound to `r`,
    /// move the save pointer to the first message that arrived after the mark.
    /// Returns whether the marker was used.
    pub fn use_mark(&mut self, r: [u32; 3]) -> bool {
        match self.marker {
            Some((m, seq)) if m == r => {
                let pos = self.private.partition_point(|(s, _)| *s < seq);
                self.save = self.save.max(pos);
                true
            }
            _ => false,
        }
    }
    /// Drop the marker (after the receive that used it).
    pub fn clear_mark(&mut self) {
        self.marker = None;
    }
}

/// A stand-alone mailbox: a message-only MPSC queue plus a private [`MessageQueue`].
/// (Processes use a signal queue instead; this type serves tools and tests.)
#[derive(Default)]
pub struct Mailbox {
    incoming: MpscQueue<Message>,
    queue: MessageQueue,
}

impl Mailbox {
    /// An empty mailbox.
    pub fn new() -> Mailbox {
        Mailbox::default()
    }
    /// Send a message (any thread).
    pub fn send(&self, msg: Message) {
        self.incoming.push(msg);
    }
    /// Move arrived messages into the private queue (owner only).
    pub fn fetch(&mut self) {
        while let Some(m) = self.incoming.pop() {
            self.queue.push(m);
        }
    }
    /// Messages in the private queue.
    pub fn len(&self) -> usize {
        self.queue.len()
    }
    /// Is the private queue empty.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
    /// The message at the save pointer, fetching arrivals if needed; None when the
    /// receive has seen every message (the process should wait).
    pub fn current(&mut self) -> Option<Term> {
        if self.queue.save >= self.queue.len() {
            self.fetch();
        }
        self.queue.current()
    }
    /// The current message did not match: move the save pointer past it.
    pub fn advance(&mut self) {
        self.queue.advance()
    }
    /// The current message matched: remove it, adopt its memory into `p`, and reset the
    /// save pointer for the next receive.
    pub fn take(&mut self, p: &mut Process) -> Option<Term> {
        self.queue.take(p)
    }
    /// A receive ended without taking a message (timeout): reset the save pointer.
    pub fn reset(&mut self) {
        self.queue.reset()
    }
    /// The private queue (markers, inspection).
    pub fn queue(&mut self) -> &mut MessageQueue {
        &mut self.queue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::to_string;
    use crate::term;

    #[test]
    fn fifo_and_selective_receive() {
        let mut p = Process::new(1);
        let mut mb = Mailbox::new();
        for i in 0..5 {
            let t = term::tuple(
                &mut *p,
                &[Term::intern("m").unwrap(), Term::small(i).unwrap()],
            );
            mb.send(Message::new(t));
        }
        // receive {m, 3} -> skips 0,1,2
        loop {
            let t = mb.current().expect("message");
            if t.tuple_elements().unwrap()[1].small_value() == Some(3) {
                break;
            }
            mb.advance();
        }
        let got = mb.take(&mut p).unwrap();
        assert_eq!(to_string(got), "{m,3}");
        // the adopted message lives on the process heap and survives a collection
        let mut roots = [got];
        crate::gc::collect(&mut p, 0, &mut roots);
        assert_eq!(to_string(roots[0]), "{m,3}");
        // next receive starts from the oldest message again
        assert_eq!(to_string(mb.current().unwrap()), "{m,0}");
        mb.take(&mut p);
        let rest: Vec<String> =
            std::iter::from_fn(|| mb.current().map(|_| to_string(mb.take(&mut p).unwrap())))
                .collect();
        assert_eq!(rest, vec!["{m,1}", "{m,2}", "{m,4}"]);
        assert!(mb.current().is_none());
    }

    #[test]
    fn ref_marker_skips_older_messages() {
        let mut p = Process::new(1);
        let mut mb = Mailbox::new();
        for i in 0..1000 {
            mb.send(Message::new(Term::small(i).unwrap()));
        }
        mb.fetch();
        let r = term::make_ref(&mut *p);
        let ids = r.ref_ids().unwrap();
        mb.queue().mark(ids);
        let reply = term::tuple(&mut *p, &[r, Term::atom(crate::atom::idx::OK)]);
        mb.send(Message::new(reply));
        mb.send(Message::new(Term::small(-1).unwrap()));
        mb.fetch();
        assert!(mb.queue().use_mark(ids));
        // the first message looked at is the reply: the 1000 older ones are skipped
        let t = mb.current().unwrap();
        assert!(crate::cmp::exact_eq(t.tuple_elements().unwrap()[0], r));
        mb.take(&mut p);
        mb.queue().clear_mark();
        assert_eq!(mb.current().unwrap().small_value(), Some(0));
        assert_eq!(mb.len(), 1001);
        // a marker for another ref is not used
        assert!(!mb.queue().use_mark([9, 9, 9]));
    }

    #[test]
    fn many_producers() {
        use std::sync::Arc;
        let mailbox = Arc::new(MailboxCell(UnsafeCell::new(Mailbox::new())));
        let threads: Vec<_> = (0..4)
            .map(|tid| {
                let mb = mailbox.clone();
                std::thread::spawn(move || {
                    let mut h = FragHeap::new();
                    for i in 0..1000 {
                        let t = term::tuple(
                            &mut h,
                            &[Term::small(tid).unwrap(), Term::small(i).unwrap()],
                        );
                        mb.send(Message::new(t));
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        // SAFETY: all producers have finished; this thread is the only user now.
        let mb = unsafe { &mut *mailbox.0.get() };
        mb.fetch();
        assert_eq!(mb.len(), 4000);
        // per-sender order is preserved
        let mut last = [-1i64; 4];
        for m in mb.queue().iter() {
            let el = m.tuple_elements().unwrap();
            let (s, i) = (
                el[0].small_value().unwrap() as usize,
                el[1].small_value().unwrap(),
            );
            assert_eq!(i, last[s] + 1);
            last[s] = i;
        }
    }

    struct MailboxCell(UnsafeCell<Mailbox>);
    // SAFETY: test-only: producers use only `send` (thread-safe); the consumer runs after
    // they are joined.
    unsafe impl Sync for MailboxCell {}
    impl MailboxCell {
        fn send(&self, m: Message) {
            // SAFETY: `send` only touches the MPSC queue's atomic push path.
            unsafe { (*self.0.get()).send(m) }
        }
    }

    #[test]
    fn dropped_messages_release_binaries() {
        let data = std::sync::Arc::new(vec![1u8; 100]);
        {
            let mut h = FragHeap::new();
            let b = term::refc_binary(&mut h, data.clone());
            let mb = Mailbox::new();
            mb.send(Message::new(b));
            mb.send(Message::new(b));
            assert_eq!(std::sync::Arc::strong_count(&data), 4);
        }
        assert_eq!(std::sync::Arc::strong_count(&data), 1);
    }
}
