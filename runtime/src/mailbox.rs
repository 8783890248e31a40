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
        let mut frag = FragHeap::with_capacity(words);
        let term = copy_term(&mut frag, t);
        Message { term, frag }
    }
}

struct Node {
    next: AtomicPtr<Node>,
    msg: Option<Message>,
}

/// Vyukov's intrusive MPSC queue (wait-free push, lock-free pop by the single consumer).
pub struct MpscQueue {
    head: AtomicPtr<Node>,
    tail: UnsafeCell<*mut Node>,
}

// SAFETY: producers only touch `head` (atomic) and a node's `next` (atomic); `tail` is
// touched only by the single consumer, which `&mut self` on `pop` enforces.
unsafe impl Send for MpscQueue {}
// SAFETY: see above: shared access is limited to the atomic push path.
unsafe impl Sync for MpscQueue {}

impl Default for MpscQueue {
    fn default() -> Self {
        Self::new()
    }
}

impl MpscQueue {
    /// An empty queue.
    pub fn new() -> MpscQueue {
        let stub = Box::into_raw(Box::new(Node { next: AtomicPtr::new(ptr::null_mut()), msg: None }));
        MpscQueue { head: AtomicPtr::new(stub), tail: UnsafeCell::new(stub) }
    }

    /// Push (any thread).
    pub fn push(&self, msg: Message) {
        let node = Box::into_raw(Box::new(Node { next: AtomicPtr::new(ptr::null_mut()), msg: Some(msg) }));
        let prev = self.head.swap(node, Ordering::AcqRel);
        // SAFETY: `prev` is a node still owned by the queue: the consumer frees a node only
        // after following its non-null `next`, which we are about to set.
        unsafe { (*prev).next.store(node, Ordering::Release) };
    }

    /// Pop (the owner only). None when empty, or when a push is half-done (its message
    /// becomes visible on a later pop).
    pub fn pop(&mut self) -> Option<Message> {
        // SAFETY: &mut self makes us the only consumer; tail always points at a live node.
        unsafe {
            let tail = *self.tail.get();
            let next = (*tail).next.load(Ordering::Acquire);
            if next.is_null() {
                return None;
            }
            *self.tail.get() = next;
            let msg = (*next).msg.take();
            drop(Box::from_raw(tail));
            msg
        }
    }
}

impl Drop for MpscQueue {
    fn drop(&mut self) {
        while self.pop().is_some() {}
        // SAFETY: the remaining node is the current tail (stub), owned by the queue.
        unsafe { drop(Box::from_raw(*self.tail.get())) };
    }
}

/// A process's mailbox.
#[derive(Default)]
pub struct Mailbox {
    incoming: MpscQueue,
    private: VecDeque<Message>,
    save: usize,
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
            self.private.push_back(m);
        }
    }
    /// Messages in the private queue.
    pub fn len(&self) -> usize {
        self.private.len()
    }
    /// Is the private queue empty.
    pub fn is_empty(&self) -> bool {
        self.private.is_empty()
    }
    /// The message at the save pointer, fetching arrivals if needed; None when the
    /// receive has seen every message (the process should wait).
    pub fn current(&mut self) -> Option<Term> {
        if self.save >= self.private.len() {
            self.fetch();
        }
        self.private.get(self.save).map(|m| m.term)
    }
    /// The current message did not match: move the save pointer past it.
    pub fn advance(&mut self) {
        if self.save < self.private.len() {
            self.save += 1;
        }
    }
    /// The current message matched: remove it, adopt its memory into `p`, and reset the
    /// save pointer for the next receive.
    pub fn take(&mut self, p: &mut Process) -> Option<Term> {
        let m = self.private.remove(self.save)?;
        self.save = 0;
        p.adopt(m.frag);
        Some(m.term)
    }
    /// A receive ended without taking a message (timeout): reset the save pointer.
    pub fn reset(&mut self) {
        self.save = 0;
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
        for m in &mb.private {
            let el = m.term.tuple_elements().unwrap();
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
