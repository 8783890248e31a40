//! Map operations: building from unsorted pairs, lookup, insert/update, remove.
//!
//! Owns: keeping map keys sorted in map-key order (`cmp::compare_exact`) and unique, the
//! flat (<= 32 keys) vs large representation choice. Every update builds a new map (terms
//! are immutable). Large maps use the sorted layout too (binary search); where their
//! order shows (iteration, `maps:to_list/keys/values`, printing, `term_to_binary`),
//! `iteration_order` gives the order of BEAM's HAMT, computed from erts' internal hash.
//! Must not: raise by itself: callers turn `None` into `{badkey,K}` / `{badmap,M}`.

use crate::cmp::compare_exact;
use crate::heap::Heap;
use crate::term::{self, Term};
use std::cmp::Ordering;

/// Build a map from pairs; later duplicates win (as `maps:from_list/1`).
pub fn from_pairs<H: Heap + ?Sized>(heap: &mut H, pairs: &[(Term, Term)]) -> Term {
    let mut v: Vec<(usize, Term, Term)> = pairs
        .iter()
        .enumerate()
        .map(|(i, &(k, val))| (i, k, val))
        .collect();
    v.sort_by(|a, b| compare_exact(a.1, b.1).then(b.0.cmp(&a.0)));
    v.dedup_by(|later, first| compare_exact(later.1, first.1) == Ordering::Equal);
    let keys: Vec<Term> = v.iter().map(|p| p.1).collect();
    let vals: Vec<Term> = v.iter().map(|p| p.2).collect();
    term::map_from_sorted(heap, &keys, &vals)
}

fn find(keys: &[Term], k: Term) -> Result<usize, usize> {
    match k.small_value() {
        // Small integer keys (the common case of large maps): compared inline.
        Some(kv) => keys.binary_search_by(|probe| match probe.small_value() {
            Some(pv) => pv.cmp(&kv),
            None => compare_exact(*probe, k),
        }),
        None => keys.binary_search_by(|probe| {
            if probe.raw() == k.raw() {
                Ordering::Equal
            } else {
                compare_exact(*probe, k)
            }
        }),
    }
}

/// `maps:get(K, M)` without the default: None if `m` is not a map or has no key `k`.
pub fn get(m: Term, k: Term) -> Option<Term> {
    let (keys, vals) = m.map_parts()?;
    find(keys, k).ok().map(|i| vals[i])
}

/// `M#{K => V}` (`maps:put/3`): None if `m` is not a map.
pub fn put<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term, v: Term) -> Option<Term> {
    let (keys, vals) = m.map_parts()?;
    match find(keys, k) {
        Ok(i) => {
            if vals[i] == v {
                return Some(m);
            }
            let mut nv = vals.to_vec();
            nv[i] = v;
            let nk = keys.to_vec();
            Some(term::map_from_sorted(heap, &nk, &nv))
        }
        Err(i) => {
            let mut nk = keys.to_vec();
            let mut nv = vals.to_vec();
            nk.insert(i, k);
            nv.insert(i, v);
            Some(term::map_from_sorted(heap, &nk, &nv))
        }
    }
}

/// `M#{K := V}`: None if `m` is not a map or lacks `k`.
pub fn update<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term, v: Term) -> Option<Term> {
    get(m, k)?;
    put(heap, m, k, v)
}

/// `maps:remove(K, M)`: None if `m` is not a map.
pub fn remove<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term) -> Option<Term> {
    let (keys, vals) = m.map_parts()?;
    match find(keys, k) {
        Ok(i) => {
            let mut nk = keys.to_vec();
            let mut nv = vals.to_vec();
            nk.remove(i);
            nv.remove(i);
            Some(term::map_from_sorted(heap, &nk, &nv))
        }
        Err(_) => Some(m),
    }
}

/// The order in which BEAM iterates a map (`maps:iterator/1`, `maps:fold/3`, `io_lib`'s
/// printing) as indices into `map_parts`: stored (term) order for flat maps (<= 32 keys);
/// for larger maps the depth-first order of OTP 25's HAMT, whose node at level L is
/// indexed by hash bits 4L..4L+3, children in ascending index order: that is the keys
/// sorted by their internal hash (`bif::hash::internal_hash`) compared nibble by nibble
/// from the lowest. `maps:to_list/keys/values` and `term_to_binary` walk it backwards.
/// Keys whose 32-bit hashes collide completely (BEAM rehashes them with a salt) keep term
/// order among themselves.
pub fn iteration_order(m: Term) -> Vec<usize> {
    let Some((keys, _)) = m.map_parts() else {
        return Vec::new();
    };
    if keys.len() <= 32 {
        return (0..keys.len()).collect();
    }
    let mut v: Vec<(u32, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (reverse_nibbles(crate::bif::hash::internal_hash(k, 0)), i))
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, i)| i).collect()
}

/// `iteration_order` backwards for HAMT maps (the order of BEAM's `maps:to_list/1`,
/// `maps:keys/1`, `maps:values/1` and of `term_to_binary`), stored order for flat maps.
pub fn list_order(m: Term) -> Vec<usize> {
    let mut v = iteration_order(m);
    if v.len() > 32 {
        v.reverse();
    }
    v
}

fn reverse_nibbles(h: u32) -> u32 {
    (0..8).fold(0, |r, i| (r << 4) | ((h >> (4 * i)) & 0xF))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;
    use crate::term::sub;

    #[test]
    fn key_order_as_erl() {
        let mut h = FragHeap::new();
        let f1 = term::float(&mut h, 1.0);
        let f05 = term::float(&mut h, 0.5);
        let pairs = [
            (f1, Term::intern("a").unwrap()),
            (Term::small(1).unwrap(), Term::intern("b").unwrap()),
            (f05, Term::intern("c").unwrap()),
            (Term::small(2).unwrap(), Term::intern("d").unwrap()),
            (Term::intern("x").unwrap(), Term::intern("y").unwrap()),
            (Term::NIL, Term::intern("z").unwrap()),
        ];
        let m = from_pairs(&mut h, &pairs);
        // erl: #{1 => b,2 => d,0.5 => c,1.0 => a,x => y,[] => z}
        assert_eq!(
            to_string(m),
            "#{1 => b,2 => d,0.5 => c,1.0 => a,x => y,[] => z}"
        );
        let t2 = term::tuple(&mut h, &[Term::small(2).unwrap()]);
        let t1f = term::tuple(&mut h, &[f1]);
        let m2 = from_pairs(
            &mut h,
            &[
                (t1f, Term::intern("a").unwrap()),
                (t2, Term::intern("b").unwrap()),
            ],
        );
        assert_eq!(to_string(m2), "#{{2} => b,{1.0} => a}");
    }

    #[test]
    fn get_put_update_remove() {
        let mut h = FragHeap::new();
        let k = |i: i64| Term::small(i).unwrap();
        let m = from_pairs(&mut h, &[(k(1), k(10)), (k(1), k(11))]);
        assert_eq!(to_string(m), "#{1 => 11}");
        let m = put(&mut h, m, k(0), k(0)).unwrap();
        assert_eq!(to_string(m), "#{0 => 0,1 => 11}");
        assert_eq!(get(m, k(1)), Some(k(11)));
        let f1 = term::float(&mut h, 1.0);
        assert_eq!(get(m, f1), None, "1.0 is not the key 1");
        assert!(update(&mut h, m, k(5), k(5)).is_none());
        let m2 = update(&mut h, m, k(0), k(7)).unwrap();
        assert_eq!(to_string(m2), "#{0 => 7,1 => 11}");
        let m3 = remove(&mut h, m2, k(0)).unwrap();
        assert_eq!(to_string(m3), "#{1 => 11}");
        assert!(get(Term::NIL, k(1)).is_none());
        assert!(put(&mut h, Term::NIL, k(1), k(1)).is_none());
    }

    #[test]
    fn large_maps() {
        let mut h = FragHeap::new();
        let pairs: Vec<(Term, Term)> = (0..100)
            .rev()
            .map(|i| (Term::small(i).unwrap(), Term::small(i * 2).unwrap()))
            .collect();
        let m = from_pairs(&mut h, &pairs);
        assert_eq!(m.subtag(), Some(sub::MAP_LARGE));
        assert_eq!(m.map_size(), Some(100));
        for i in 0..100 {
            assert_eq!(
                get(m, Term::small(i).unwrap()),
                Some(Term::small(i * 2).unwrap())
            );
        }
        let small = from_pairs(&mut h, &pairs[..32]);
        assert_eq!(small.subtag(), Some(sub::MAP_FLAT));
        let grown = put(&mut h, small, Term::small(1000).unwrap(), Term::NIL).unwrap();
        assert_eq!(grown.subtag(), Some(sub::MAP_LARGE));
    }
}
