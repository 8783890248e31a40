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
use crate::process::Process;
use crate::term::Term;
use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

/// One message: the term and the fragment holding it.
pub struct Message {
    /// The message term (lives in `frag`, or is an immediate).
    pub term: Term,
    frag: FragHeap,
}

impl Message {
    /// Copy `t` into a fresh fragment sized exactly for it.
    pub fn new(t: Term) -> Message {
        let words = crate::copy::size_of(t);
        if words == 0 {
            return Message { term: t, frag: FragHeap::new() };
        }
        let mut frag = FragHeap::with_capacity(words);
        let term = copy_term(&mut frag, t);
        Message { term, frag }
    }
}

impl Message {
    /// Build a message directly in a fresh fragment (`words` is a capacity hint).
    pub fn build(words: usize, f: impl FnOnce(&mut FragHeap) -> Term) -> Message {
        let mut frag = if words == 0 { FragHeap::new() } else { FragHeap::with_capacity(words) };
        let term = f(&mut frag);
        Message { term, frag }
    }
    /// The term and the fragment holding it.
    pub fn into_parts(self) -> (Term, FragHeap) {
        (self.term, self.frag)
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
        let stub = Box::into_raw(Box::new(Node { next: AtomicPtr::new(ptr::null_mut()), item: None }));
        MpscQueue { head: AtomicPtr::new(stub), tail: UnsafeCell::new(stub) }
    }

    /// Push (any thread).
    pub fn push(&self, item: T) {
        let node = Box::into_raw(Box::new(Node { next: AtomicPtr::new(ptr::null_mut()), item: Some(item) }));
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
        self.private.get(self.save).map(|(_, m)| m.term)
    }
    /// The current message did not match: move the save pointer past it.
    pub fn advance(&mut self) {
        if self.save < self.private.len() {
            self.save += 1;
        }
    }
    /// The current message matched: remove it, adopt its memory into `p`, reset the save
    /// pointer for the next receive.
    pub fn take(&mut self, p: &mut Process) -> Option<Term> {
        let (_, m) = self.private.remove(self.save)?;
        self.save = 0;
        p.adopt(m.frag);
        Some(m.term)
    }
    /// A receive ended without taking a message (timeout): reset the save pointer.
    pub fn reset(&mut self) {
        self.save = 0;
    }
    /// Remove (and drop) every message for which `f` is true; returns how many.
    pub fn remove_where(&mut self, mut f: impl FnMut(Term) -> bool) -> usize {
        let before = self.private.len();
        self.private.retain(|(_, m)| !f(m.term));
        self.save = self.save.min(self.private.len());
        before - self.private.len()
    }
    /// Iterate over the queued message terms (oldest first).
    pub fn iter(&self) -> impl Iterator<Item = Term> + '_ {
        self.private.iter().map(|(_, m)| m.term)
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
            let t = term::tuple(&mut *p, &[Term::intern("m").unwrap(), Term::small(i).unwrap()]);
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
        let rest: Vec<String> = std::iter::from_fn(|| mb.current().map(|_| to_string(mb.take(&mut p).unwrap()))).collect();
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
                        let t = term::tuple(&mut h, &[Term::small(tid).unwrap(), Term::small(i).unwrap()]);
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
            let (s, i) = (el[0].small_value().unwrap() as usize, el[1].small_value().unwrap());
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
