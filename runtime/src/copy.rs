//! Copying a term from one heap to another (message send, spawn arguments, ETS later).
//!
//! Owns: the deep copy (iterative, so long lists and deep nesting are fine) and the
//! sharing rules: off-heap binaries are shared (reference count + 1), never copied;
//! immediates are copied as words. Sharing inside the term is not preserved (as BEAM).
//! Must not: touch the source heap (read only) or collect garbage.

use crate::heap::{retain_refc, Heap};
use crate::term::{header_arity, header_subtag, sub, Term, NIL, TAG_BOXED, TAG_LIST};

/// Words `copy_term` will allocate for `t`.
pub fn size_of(t: Term) -> usize {
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
}
