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
    let elems = proper(a)?;
    Ok(term::list_with_tail(h, &elems, b))
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
