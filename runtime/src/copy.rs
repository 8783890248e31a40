//! Copying a term from one heap to another (message send, spawn arguments, ETS later).
//!
//! Owns: the deep copy (iterative, so long lists and deep nesting are fine) and the
//! sharing rules: off-heap binaries are shared (reference count + 1), never copied;
//! immediates are copied as words. Sharing inside the term is not preserved (as BEAM).
//! Must not: touch the source heap (read only) or collect garbage.

use crate::heap::{retain_refc, Heap};
use crate::term::{header_arity, header_subtag, sub, Term, NIL, TAG_BOXED, TAG_LIST};

/// Nesting depth to which `size_of`/`copy_term` recurse (on the native stack); deeper
/// parts go to the iterative walk with its own work stack.
const REC_DEPTH: u32 = 24;

/// Words `copy_term` will allocate for `t`.
pub fn size_of(t: Term) -> usize {
    if t.raw() & 3 == 3 {
        return 0; // immediate
    }
    size_rec(t, 0)
}

/// `size_of` of a non-immediate term, recursing into children and walking list spines in
/// a loop (a message is usually a few small tuples: no work stack, immediates skipped).
fn size_rec(mut t: Term, depth: u32) -> usize {
    if depth >= REC_DEPTH {
        return size_of_iter(t);
    }
    let mut n = 0;
    loop {
        match t.raw() & 3 {
            TAG_LIST => {
                let src = t.cons_ptr();
                // SAFETY: a list term points at a live cons cell.
                let (h, tl) = unsafe { (Term::from_raw(*src), Term::from_raw(*src.add(1))) };
                n += 2;
                if h.raw() & 3 != 3 {
                    n += size_rec(h, depth + 1);
                }
                t = tl;
            }
            TAG_BOXED => {
                let p = t.boxed_ptr();
                // SAFETY: validity invariant: a boxed term points at a live object.
                let h = unsafe { *p };
                n += header_arity(h) + 1;
                for i in term_word_range(h) {
                    // SAFETY: word i of this object is a term (see term_word_range).
                    let c = unsafe { Term::from_raw(*p.add(i)) };
                    if c.raw() & 3 != 3 {
                        n += size_rec(c, depth + 1);
                    }
                }
                return n;
            }
            _ => return n,
        }
    }
}

/// `size_of` with an explicit work stack (any depth). Kept out of line so the recursive
/// walk's frame stays small.
#[cold]
#[inline(never)]
fn size_of_iter(t: Term) -> usize {
    if t.raw() & 3 == 3 {
        return 0; // immediate
    }
    let mut n = 0;
    let mut work: Stack<Term> = Stack::new();
    work.push(t);
    while let Some(t) = work.pop() {
        if let Some((h, tl)) = t.cons_parts() {
            n += 2;
            work.push(h);
            work.push(tl);
        } else if let Some(h) = t.header() {
            n += header_arity(h) + 1;
            push_children(t, h, &mut work);
        }
    }
    n
}

fn term_word_range(h: u64) -> std::ops::Range<usize> {
    let a = header_arity(h);
    match header_subtag(h) {
        sub::TUPLE | sub::EXPORT | sub::MAP_FLAT | sub::MAP_LARGE | sub::MAP_NODE => 1..a + 1,
        sub::FUN => 2..a + 1,
        sub::SUB_BIN => 3..4,
        _ => 0..0,
    }
}

fn push_children(t: Term, h: u64, work: &mut Stack<Term>) {
    let p = t.boxed_ptr();
    for i in term_word_range(h) {
        // SAFETY: validity invariant: word i of this object is a term (see term_word_range).
        work.push(unsafe { Term::from_raw(*p.add(i)) });
    }
}

/// Deep-copy `t` onto `heap`.
pub fn copy_term<H: Heap + ?Sized>(heap: &mut H, t: Term) -> Term {
    if t.raw() & 3 == 3 {
        return t; // immediate
    }
    copy_rec(heap, t, 0)
}

/// `copy_term` of a non-immediate term: objects are copied whole and their term words
/// patched by recursion, list spines in a loop (each cell linked to the next as it is
/// made). Every slot holds a valid term (the source's immediates, NIL, or a finished
/// copy) whenever `heap.alloc` runs.
fn copy_rec<H: Heap + ?Sized>(heap: &mut H, t: Term, depth: u32) -> Term {
    if depth >= REC_DEPTH {
        return copy_term_iter(heap, t);
    }
    match t.raw() & 3 {
        TAG_LIST => {
            let mut result = NIL.raw();
            let mut dst: *mut u64 = &mut result;
            let mut t = t;
            while t.raw() & 3 == TAG_LIST {
                let src = t.cons_ptr();
                // SAFETY: src is a live cons cell; d is 2 fresh words, set to valid terms
                // before anything else is allocated; dst is `result` or the tail slot of
                // the previous new cell.
                unsafe {
                    let h = Term::from_raw(*src);
                    let d = heap.alloc(2);
                    *d = NIL.raw();
                    *d.add(1) = NIL.raw();
                    *dst = d as u64 | TAG_LIST;
                    *d = if h.raw() & 3 == 3 {
                        h.raw()
                    } else {
                        copy_rec(heap, h, depth + 1).raw()
                    };
                    dst = d.add(1);
                    t = Term::from_raw(*src.add(1));
                }
            }
            // SAFETY: dst is the last new cell's tail slot (or `result`).
            unsafe {
                *dst = if t.raw() & 3 == TAG_BOXED {
                    copy_rec(heap, t, depth + 1).raw()
                } else {
                    t.raw()
                };
                Term::from_raw(result)
            }
        }
        TAG_BOXED => {
            let src = t.boxed_ptr();
            // SAFETY: validity invariant: src is a live object with `arity` words; d is
            // n fresh words. Nothing reads the destination before the copy ends (a heap
            // never collects during `alloc`), so slots are written once, in order.
            unsafe {
                let h = *src;
                let n = header_arity(h) + 1;
                let d = heap.alloc(n);
                let range = if header_subtag(h) == sub::TUPLE {
                    *d = h;
                    1..n
                } else {
                    copy_words(src, d, n);
                    term_word_range(h)
                };
                for i in range {
                    let w = *src.add(i);
                    *d.add(i) = if w & 3 == 3 {
                        w
                    } else {
                        copy_rec(heap, Term::from_raw(w), depth + 1).raw()
                    };
                }
                if header_subtag(h) == sub::REFC_BIN {
                    retain_refc(d);
                    heap.link_off_heap(d);
                }
                Term::from_raw(d as u64 | TAG_BOXED)
            }
        }
        _ => t,
    }
}

/// Copy `n` words: the small objects of messages (a heap binary, a float, a pid) without
/// a call to `memcpy`.
///
/// # Safety
/// `src` and `d` are valid for `n` words and do not overlap.
#[inline(always)]
unsafe fn copy_words(src: *const u64, d: *mut u64, n: usize) {
    // SAFETY: per the contract.
    unsafe {
        if n <= 4 {
            *d = *src;
            if n > 1 {
                *d.add(1) = *src.add(1);
            }
            if n > 2 {
                *d.add(2) = *src.add(2);
            }
            if n > 3 {
                *d.add(3) = *src.add(3);
            }
        } else {
            std::ptr::copy_nonoverlapping(src, d, n);
        }
    }
}

/// A heap that is one region of known size (a message buffer sized by `size_of`):
/// allocation is a pointer bump, off-heap objects are linked into `off_heap`.
pub(crate) struct Bump {
    pub(crate) top: *mut u64,
    pub(crate) end: *mut u64,
    pub(crate) off_heap: *mut u64,
}

impl Heap for Bump {
    #[inline(always)]
    fn alloc(&mut self, words: usize) -> *mut u64 {
        let p = self.top;
        // SAFETY: the caller sized the region for everything allocated on it.
        self.top = unsafe { p.add(words) };
        assert!(self.top <= self.end, "copy larger than size_of");
        p
    }
    unsafe fn link_off_heap(&mut self, obj: *mut u64) {
        // SAFETY: caller guarantees obj is a REFC_BIN object of this region.
        unsafe { *obj.add(crate::heap::OFF_HEAP_LINK) = self.off_heap as u64 };
        self.off_heap = obj;
    }
}

/// `copy_term` with an explicit work stack (any depth). Kept out of line so the recursive
/// walk's frame stays small.
#[cold]
#[inline(never)]
fn copy_term_iter<H: Heap + ?Sized>(heap: &mut H, t: Term) -> Term {
    if t.raw() & 3 == 3 {
        return t; // immediate
    }
    let mut result = NIL.raw();
    let mut work: Stack<(Term, *mut u64)> = Stack::new();
    work.push((t, &mut result as *mut u64));
    while let Some((t, dst)) = work.pop() {
        let new = match t.raw() & 3 {
            TAG_LIST => {
                let src = t.cons_ptr();
                let d = heap.alloc(2);
                // SAFETY: d is 2 fresh words; src is a live cons cell. Slots are filled
                // with NIL first so the heap stays well-formed until the work list ends.
                unsafe {
                    *d = NIL.raw();
                    *d.add(1) = NIL.raw();
                    work.push((Term::from_raw(*src.add(1)), d.add(1)));
                    work.push((Term::from_raw(*src), d));
                }
                d as u64 | TAG_LIST
            }
            TAG_BOXED => {
                let src = t.boxed_ptr();
                // SAFETY: validity invariant: src is a live object with `arity` words.
                unsafe {
                    let h = *src;
                    let n = header_arity(h) + 1;
                    let d = heap.alloc(n);
                    std::ptr::copy_nonoverlapping(src, d, n);
                    for i in term_word_range(h) {
                        let child = *d.add(i);
                        *d.add(i) = NIL.raw();
                        work.push((Term::from_raw(child), d.add(i)));
                    }
                    if header_subtag(h) == sub::REFC_BIN {
                        retain_refc(d);
                        heap.link_off_heap(d);
                    }
                    d as u64 | TAG_BOXED
                }
            }
            _ => t.raw(),
        };
        // SAFETY: dst is `result` or a slot in an object just allocated on `heap`.
        unsafe { *dst = new };
    }
    // SAFETY: result holds a valid term built on `heap`.
    unsafe { Term::from_raw(result) }
}

/// A work stack that lives on the native stack for small terms (no allocation for the
/// common small message) and spills to a `Vec` beyond that.
struct Stack<T: Copy> {
    inline: [std::mem::MaybeUninit<T>; 32],
    len: usize,
    spill: Vec<T>,
}

impl<T: Copy> Stack<T> {
    fn new() -> Self {
        Stack {
            inline: [const { std::mem::MaybeUninit::uninit() }; 32],
            len: 0,
            spill: Vec::new(),
        }
    }
    #[inline]
    fn push(&mut self, v: T) {
        if self.len < 32 {
            self.inline[self.len].write(v);
            self.len += 1;
        } else {
            self.spill.push(v);
        }
    }
    #[inline]
    fn pop(&mut self) -> Option<T> {
        if let Some(v) = self.spill.pop() {
            return Some(v);
        }
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: slots below `len` were written by `push`.
        Some(unsafe { self.inline[self.len].assume_init() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;
    use crate::term;
    use std::sync::Arc;

    #[test]
    fn copies_everything_shares_refc() {
        let data = Arc::new(vec![3u8; 90]);
        let mut a = FragHeap::new();
        let rb = term::refc_binary(&mut a, data.clone());
        let sb = term::sub_binary(&mut a, rb, 0, 8 * 10).unwrap();
        let f = term::float(&mut a, -1.25);
        let big = term::bigint(&mut a, &"-99999999999999999999999".parse().unwrap());
        let m = crate::map::from_pairs(&mut a, &[(f, big)]);
        let l = term::list_with_tail(&mut a, &[sb, m, Term::pid(4)], f);
        let small = term::binary(&mut a, b"small");
        let t = term::tuple(&mut a, &[l, rb, small]);
        let before = to_string(t);
        let mut b = FragHeap::new();
        let c = copy_term(&mut b, t);
        assert_eq!(b.used_words(), size_of(t));
        drop(a);
        assert_eq!(to_string(c), before);
        // rb occurs twice (directly and under the sub-binary): two shared copies
        assert_eq!(
            Arc::strong_count(&data),
            3,
            "the data is shared, not copied"
        );
        drop(b);
        assert_eq!(Arc::strong_count(&data), 1);
    }

    #[test]
    fn long_lists_are_iterative() {
        let mut a = FragHeap::new();
        let elems: Vec<Term> = (0..300_000).map(|i| Term::small(i).unwrap()).collect();
        let l = term::list(&mut a, &elems);
        let mut b = FragHeap::new();
        let c = copy_term(&mut b, l);
        assert!(crate::cmp::exact_eq(c, l));
        assert_eq!(size_of(l), 600_000);
    }

    #[test]
    fn deep_nesting_beyond_recursion_depth() {
        let mut a = FragHeap::new();
        // tuples, lists of lists and improper tails nested far deeper than REC_DEPTH
        let mut t = term::binary(&mut a, b"leaf");
        for i in 0..200 {
            t = match i % 3 {
                0 => term::tuple(&mut a, &[Term::small(i).unwrap(), t]),
                1 => term::list(&mut a, &[t, Term::small(i).unwrap()]),
                _ => {
                    let f = term::float(&mut a, i as f64);
                    let l = term::list_with_tail(&mut a, &[t], f);
                    let l = term::list_with_tail(&mut a, &[Term::small(i).unwrap()], l);
                    term::list_with_tail(&mut a, &[Term::small(-i).unwrap()], l)
                }
            };
        }
        let before = to_string(t);
        let mut b = FragHeap::new();
        let c = copy_term(&mut b, t);
        assert_eq!(b.used_words(), size_of(t));
        assert_eq!(size_of(t), size_of_iter(t));
        assert!(size_of(t) > 600);
        drop(a);
        assert_eq!(to_string(c), before);
    }
}
