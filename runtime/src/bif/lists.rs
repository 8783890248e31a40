//! List BIFs: `length/1`, `hd/1`, `tl/1`, `'++'/2`, `'--'/2`.
//!
//! Owns: BEAM's semantics of `++` (the left operand must be a proper list, the right one
//! is shared as the tail, whatever it is) and `--` (removes the first occurrence in the
//! left list of each element of the right list, by exact equality; both proper lists).
//! Must not: recurse natively on list length (everything is iterative).

use super::{badarg, proper};
use crate::cmp::compare_exact;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::process::Process;
use crate::term::{self, Term};
use std::cmp::Ordering;

/// `length(List)`.
pub fn length(h: &mut dyn Heap, l: Term) -> BifResult {
    let mut n: i64 = 0;
    let mut cur = l;
    while let Some((_, tl)) = cur.cons_parts() {
        n += 1;
        cur = tl;
    }
    if !cur.is_nil() {
        return badarg();
    }
    Ok(term::int(h, n))
}

/// `hd(List)`.
pub fn hd(_h: &mut dyn Heap, l: Term) -> BifResult {
    l.cons_parts().map(|(h, _)| h).ok_or_else(Exception::badarg)
}

/// `tl(List)`.
pub fn tl(_h: &mut dyn Heap, l: Term) -> BifResult {
    l.cons_parts().map(|(_, t)| t).ok_or_else(Exception::badarg)
}

/// `A ++ B`.
pub fn append(h: &mut dyn Heap, a: Term, b: Term) -> BifResult {
    if a.is_nil() {
        return Ok(b);
    }
    // Two passes over A (length check, then copy) instead of collecting it into a Vec:
    // `++` is hot in ordinary code.
    let mut n = 0usize;
    let mut cur = a;
    while let Some((_, tl)) = cur.cons_parts() {
        n += 1;
        cur = tl;
    }
    if !cur.is_nil() {
        return badarg();
    }
    let cells = h.alloc(2 * n);
    let mut cur = a;
    // SAFETY: `cells` holds 2n fresh words; cell i's tail points at cell i+1 (the last
    // one at B), so every word is written before the list is returned.
    unsafe {
        for i in 0..n {
            let (hd, tl) = cur.cons_parts().unwrap_or((term::NIL, term::NIL));
            let c = cells.add(2 * i);
            *c = hd.raw();
            *c.add(1) = if i + 1 < n {
                Term::from_cons_ptr(c.add(2)).raw()
            } else {
                b.raw()
            };
            cur = tl;
        }
        Ok(Term::from_cons_ptr(cells))
    }
}

/// `A ++ B` on a process heap (the entry point compiled code calls): copies A's cells
/// straight into the free space above the heap top in one pass, committing them only
/// when A turns out to be a proper list that fits; otherwise (no room, improper A) it is
/// [`append`]'s two passes (heap fragments, badarg).
#[inline]
pub fn append_on_process(p: &mut Process, a: Term, b: Term) -> BifResult {
    if a.is_nil() {
        return Ok(b);
    }
    let start = p.htop;
    // Last address a cell may start at: two words below the stack top.
    let last = (p.stop as usize).wrapping_sub(16);
    let mut dst = start;
    let mut cur = a.raw();
    // SAFETY: every write is to [htop, stop), words no term refers to; they become part
    // of the heap only when htop is moved past them below, after the last one (the tail
    // B) is written. Reads follow cons terms (validity invariant): a cons term is the
    // cell's address plus TAG_LIST.
    unsafe {
        while cur & term::PRIMARY_MASK == term::TAG_LIST {
            if dst as usize > last {
                return append(p, a, b);
            }
            let c = (cur - term::TAG_LIST) as *const u64;
            *dst = *c;
            cur = *c.add(1);
            *dst.add(1) = (dst as u64 + 16) | term::TAG_LIST;
            dst = dst.add(2);
        }
        if cur != term::NIL.raw() {
            return badarg();
        }
        *dst.sub(1) = b.raw();
        p.htop = dst;
        Ok(Term::from_cons_ptr(start))
    }
}

/// `A -- B`.
pub fn subtract(h: &mut dyn Heap, a: Term, b: Term) -> BifResult {
    let av = proper(a)?;
    let mut bv = proper(b)?;
    if av.is_empty() || bv.is_empty() {
        return Ok(a);
    }
    // A multiset of B: sorted distinct elements with counts; each occurrence removes the
    // first remaining equal element of A (same result as BEAM's left-to-right removal).
    bv.sort_by(|x, y| compare_exact(*x, *y));
    let mut set: Vec<(Term, usize)> = Vec::new();
    for x in bv {
        match set.last_mut() {
            Some((y, n)) if compare_exact(*y, x) == Ordering::Equal => *n += 1,
            _ => set.push((x, 1)),
        }
    }
    let mut out = Vec::with_capacity(av.len());
    for x in av {
        match set.binary_search_by(|(y, _)| compare_exact(*y, x)) {
            Ok(i) if set[i].1 > 0 => set[i].1 -= 1,
            _ => out.push(x),
        }
    }
    Ok(term::list(h, &out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(p: &mut Process, r: std::ops::Range<i64>) -> Term {
        let v: Vec<Term> = r.map(|i| Term::small(i).unwrap()).collect();
        term::list(p, &v)
    }

    #[test]
    fn append_on_process_copies_left_and_shares_right() {
        let mut p = Process::new(1);
        let a = ints(&mut p, 0..3);
        let b = ints(&mut p, 3..5);
        let top = p.htop;
        let r = append_on_process(&mut p, a, b).unwrap();
        assert_eq!(
            p.heap_used() - (top as usize - p.heap_start as usize) / 8,
            6
        );
        let v = r.list_to_vec().unwrap();
        assert_eq!(v, ints(&mut p, 0..5).list_to_vec().unwrap());
        // The third cell's tail is B itself.
        let third = r.cons_parts().unwrap().1.cons_parts().unwrap().1;
        assert_eq!(third.cons_parts().unwrap().1, b);
        // An improper right operand is the tail as it is.
        let r = append_on_process(&mut p, a, term::NIL).unwrap();
        assert_eq!(r.list_to_vec().unwrap().len(), 3);
        assert_eq!(append_on_process(&mut p, term::NIL, a).unwrap(), a);
    }

    #[test]
    fn append_on_process_errors_and_long_lists() {
        let mut p = Process::new(1);
        // Improper left list: badarg, nothing committed.
        let one = Term::small(1).unwrap();
        let improper = term::cons(&mut *p, one, one);
        let top = p.htop;
        assert!(append_on_process(&mut p, improper, term::NIL).is_err());
        assert!(append_on_process(&mut p, one, term::NIL).is_err());
        assert_eq!(p.htop, top);
        // Longer than the free space: built in heap fragments.
        let n = p.free_words() as i64;
        let long = ints(&mut p, 0..n);
        let r = append_on_process(&mut p, long, one).unwrap();
        let mut cur = r;
        let mut k = 0;
        while let Some((h, t)) = cur.cons_parts() {
            assert_eq!(h, Term::small(k).unwrap());
            k += 1;
            cur = t;
        }
        assert_eq!((k, cur), (n, one));
    }
}
