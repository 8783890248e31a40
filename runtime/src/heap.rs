//! Heaps terms are built on: the [`Heap`] trait, heap fragments, off-heap binary lists.
//!
//! Owns: bump allocation in chunked fragments ([`FragHeap`], used for messages in flight,
//! decoded terms and tests), and the list of REFC_BIN objects ("off-heap list") that each
//! heap keeps so the binaries' reference counts are released when the objects die.
//! Must not: collect garbage (that is `gc`) or know about processes (`process`).

use crate::term::{header_subtag, sub};
use std::mem::MaybeUninit;
use std::sync::Arc;

/// Something terms can be allocated on.
pub trait Heap {
    /// `words` fresh, 8-byte aligned, writable words. Never fails (aborts only if the OS
    /// has no memory left, as Rust's allocator does).
    fn alloc(&mut self, words: usize) -> *mut u64;
    /// Link a just-built REFC_BIN object (pointer to its header) into the off-heap list.
    ///
    /// # Safety
    /// `obj` must point at a REFC_BIN object allocated on this heap (or whose ownership
    /// is being transferred to it), not linked into any other list.
    unsafe fn link_off_heap(&mut self, obj: *mut u64);
}

/// Word index of the off-heap link inside a REFC_BIN object.
pub const OFF_HEAP_LINK: usize = 3;

/// Drop the reference a REFC_BIN object holds on its data.
///
/// # Safety
/// `obj` must point at a REFC_BIN header whose reference has not been released yet, and
/// the object must not be used afterwards.
pub unsafe fn release_refc(obj: *mut u64) {
    // SAFETY: caller guarantees a live REFC_BIN; word 2 is the pointer produced by
    // Arc::into_raw in term::refc_binary, which owns one strong count.
    unsafe {
        debug_assert_eq!(header_subtag(*obj), sub::REFC_BIN);
        let inner = *obj.add(2) as *const Vec<u8>;
        Arc::decrement_strong_count(inner);
    }
}

/// Add one reference to a REFC_BIN's data (when a second object will share it).
///
/// # Safety
/// `obj` must point at a live REFC_BIN object.
pub unsafe fn retain_refc(obj: *const u64) {
    // SAFETY: as in release_refc; the object's own count keeps the data alive here.
    unsafe {
        let inner = *obj.add(2) as *const Vec<u8>;
        Arc::increment_strong_count(inner);
    }
}

/// Release every object of an off-heap list.
///
/// # Safety
/// `head` must be a valid off-heap list whose objects all are dead.
pub unsafe fn release_off_heap_list(mut head: *mut u64) {
    while !head.is_null() {
        // SAFETY: caller guarantees a valid list of live REFC_BIN objects.
        unsafe {
            let next = *head.add(OFF_HEAP_LINK) as *mut u64;
            release_refc(head);
            head = next;
        }
    }
}

/// One contiguous chunk of a fragment heap.
pub struct Chunk {
    mem: Box<[MaybeUninit<u64>]>,
    used: usize,
}

impl Chunk {
    /// A chunk with room for `words`.
    pub fn new(words: usize) -> Chunk {
        Chunk {
            mem: Box::new_uninit_slice(words.max(1)),
            used: 0,
        }
    }
    /// Start address.
    pub fn start(&self) -> *mut u64 {
        self.mem.as_ptr() as *mut u64
    }
    /// Words in use.
    pub fn used(&self) -> usize {
        self.used
    }
}

/// A growable heap made of chunks that never move (for messages, decoding, tests).
///
/// The first chunk is stored inline, so a message fragment (one chunk sized exactly for
/// the message) costs one allocation; word counts are kept, not recomputed.
pub struct FragHeap {
    first: Option<Chunk>,
    rest: Vec<Chunk>,
    used: usize,
    cap: usize,
    off_heap: *mut u64,
    next_chunk: usize,
}

// SAFETY: a FragHeap exclusively owns its chunks and the REFC_BIN objects in them; the
// binary data they point at is shared only through Arc (thread-safe counts).
unsafe impl Send for FragHeap {}

impl Default for FragHeap {
    fn default() -> Self {
        Self::new()
    }
}

impl FragHeap {
    /// An empty fragment heap.
    pub fn new() -> FragHeap {
        FragHeap {
            first: None,
            rest: Vec::new(),
            used: 0,
            cap: 0,
            off_heap: std::ptr::null_mut(),
            next_chunk: 64,
        }
    }
    /// A fragment heap with one chunk of exactly `words`.
    pub fn with_capacity(words: usize) -> FragHeap {
        let mut h = FragHeap::new();
        h.push_chunk(Chunk::new(words));
        h
    }
    fn push_chunk(&mut self, c: Chunk) {
        self.used += c.used;
        self.cap += c.mem.len();
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(c);
        } else {
            self.rest.push(c);
        }
    }
    fn chunks(&self) -> impl Iterator<Item = &Chunk> + '_ {
        self.first.iter().chain(self.rest.iter())
    }
    /// Total words in use.
    pub fn used_words(&self) -> usize {
        self.used
    }
    /// Total words reserved by the chunks.
    pub fn capacity_words(&self) -> usize {
        self.cap
    }
    /// Is nothing allocated.
    pub fn is_empty(&self) -> bool {
        self.used == 0 && self.off_heap.is_null()
    }
    /// Address ranges `[start, end)` in use.
    pub fn ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chunks()
            .map(|c| (c.start() as usize, c.start() as usize + c.used * 8))
    }
    /// Head of the off-heap list.
    pub fn off_heap(&self) -> *mut u64 {
        self.off_heap
    }
    /// Move all chunks and the off-heap list of `other` into `self` (message adoption).
    pub fn absorb(&mut self, mut other: FragHeap) {
        let mut tail = other.move_chunks_into(self);
        while !tail.is_null() {
            // SAFETY: `tail` walks other's valid off-heap list; each object is relinked
            // into ours, transferring its reference.
            unsafe {
                let next = *tail.add(OFF_HEAP_LINK) as *mut u64;
                self.link_off_heap(tail);
                tail = next;
            }
        }
    }
    /// Move the chunks of `self` into `dst` and give up the off-heap list, which the
    /// caller must relink (its objects' references move with it). `self` is left empty.
    pub fn move_chunks_into(&mut self, dst: &mut FragHeap) -> *mut u64 {
        if let Some(c) = self.first.take() {
            dst.push_chunk(c);
        }
        for c in self.rest.drain(..) {
            dst.push_chunk(c);
        }
        self.used = 0;
        self.cap = 0;
        std::mem::replace(&mut self.off_heap, std::ptr::null_mut())
    }
    /// Append chunks taken from another heap (their off-heap objects must be relinked
    /// by the caller).
    pub fn absorb_chunks(&mut self, chunks: Vec<Chunk>) {
        for c in chunks {
            self.push_chunk(c);
        }
    }
    /// Give up the chunks and the off-heap list without releasing anything (the GC has
    /// copied the live data and swept the list).
    pub fn take(&mut self) -> (Vec<Chunk>, *mut u64) {
        let off = std::mem::replace(&mut self.off_heap, std::ptr::null_mut());
        let mut v = std::mem::take(&mut self.rest);
        if let Some(c) = self.first.take() {
            v.insert(0, c);
        }
        self.used = 0;
        self.cap = 0;
        (v, off)
    }
}

impl Heap for FragHeap {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        let last = match self.rest.last_mut() {
            Some(c) => Some(c),
            None => self.first.as_mut(),
        };
        if let Some(c) = last {
            if c.mem.len() - c.used >= words {
                // SAFETY: used + words <= len, so the pointer stays inside the chunk.
                let p = unsafe { c.start().add(c.used) };
                c.used += words;
                self.used += words;
                return p;
            }
        }
        let size = words.max(self.next_chunk);
        self.next_chunk = (self.next_chunk * 2).min(1 << 20);
        let mut c = Chunk::new(size);
        c.used = words;
        let p = c.start();
        self.push_chunk(c);
        p
    }
    unsafe fn link_off_heap(&mut self, obj: *mut u64) {
        // SAFETY: caller guarantees obj is a REFC_BIN object of this heap.
        unsafe { *obj.add(OFF_HEAP_LINK) = self.off_heap as u64 };
        self.off_heap = obj;
    }
}

impl Drop for FragHeap {
    fn drop(&mut self) {
        // SAFETY: the heap is dying, so every object in it, including its off-heap list,
        // is dead.
        unsafe { release_off_heap_list(self.off_heap) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term;

    #[test]
    fn chunks_grow_and_never_move() {
        let mut h = FragHeap::new();
        let a = h.alloc(10);
        let b = h.alloc(1000);
        let c = h.alloc(3);
        assert_ne!(a, b);
        assert_eq!(h.used_words(), 1013);
        assert!(h.ranges().any(|(s, e)| (s..e).contains(&(c as usize))));
    }

    #[test]
    fn refc_binaries_released_on_drop() {
        let data = Arc::new(vec![7u8; 100]);
        {
            let mut h = FragHeap::new();
            let b1 = term::refc_binary(&mut h, data.clone());
            let _b2 = term::refc_binary(&mut h, data.clone());
            assert_eq!(Arc::strong_count(&data), 3);
            assert_eq!(b1.binary_bytes().unwrap().len(), 100);
        }
        assert_eq!(Arc::strong_count(&data), 1);
    }

    #[test]
    fn absorb_moves_ownership() {
        let data = Arc::new(vec![1u8; 80]);
        let mut a = FragHeap::new();
        {
            let mut b = FragHeap::new();
            term::refc_binary(&mut b, data.clone());
            a.absorb(b);
        }
        assert_eq!(Arc::strong_count(&data), 2);
        drop(a);
        assert_eq!(Arc::strong_count(&data), 1);
    }
}

/// Keep freed process blocks in the C allocator instead of returning them to the OS.
///
/// Every collection allocates a new young block and frees the old one. glibc serves blocks
/// above 128 KiB with `mmap` and frees them with `munmap`, so a process with a large heap
/// paid a page fault and a page clear for every word of every new block. Raising the mmap
/// and trim thresholds (glibc's maximum is 32 MiB) lets freed blocks be reused, as BEAM's
/// own allocators do. Called once by the executable's boot; harmless elsewhere.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt only adjusts glibc's tuning parameters.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 256 << 20);
        }
    }
}
