//! Map operations and layout: building, lookup, insert/update, remove, iteration.
//!
//! Owns: the two map layouts (docs/runtime-abi.md). A flat map (subtag `MAP_FLAT`, at
//! most 32 keys) is `[header, k1..kn, v1..vn]` with the keys sorted in map-key order
//! (`cmp::compare_exact`) and unique. A large map (`MAP_LARGE`, more than 32 keys) is a
//! persistent hash array mapped trie shaped like BEAM's, so it iterates in BEAM's order:
//! the root is `[header, size, bitmap, children..]`, an inner node (`MAP_NODE`) is
//! `[header, bitmap, children..]`; size and bitmap are small-integer terms, and each
//! child is a leaf, the cons cell `[K | V]`, or a boxed pointer to an inner node. Every
//! payload word is a term, so the collector and `copy` treat nodes like tuples. A node
//! at depth L is indexed by bits 4(L mod 8)..+3 of erts' internal hash of the key
//! (`bif::hash::internal_hash`) salted with L div 8, children in ascending index order;
//! the bitmap has bit i set when index i is present. Keys still colliding after
//! `MAX_DEPTH` levels share a collision node (bitmap 0, leaves in term order). The tree
//! is canonical (a key sits at the shallowest level where its hash prefix is unique; a
//! subtree left with one key collapses to its leaf), so equal maps have equal shapes.
//! Updates copy the path from the root (O(log n)); a large map that shrinks to 32 keys
//! becomes flat again, as on BEAM. Iteration order (`for_each`, `entries`: iterators,
//! `maps:fold`, printing) is depth-first ascending: term order for flat maps, BEAM's
//! HAMT order for large ones; `maps:to_list/keys/values` and `term_to_binary` use
//! `list_entries` (the reverse, for large maps).
//! Must not: raise by itself: callers turn `None` into `{badkey,K}` / `{badmap,M}`.

use crate::bif::hash::internal_hash;
use crate::cmp::compare_exact;
use crate::heap::Heap;
use crate::term::{self, make_header, sub, Term, MAP_FLAT_LIMIT};
use std::cmp::Ordering;

/// Levels indexed by (salted) hash nibbles before still-colliding keys share a
/// collision node: two salts of 32 bits.
const MAX_DEPTH: u32 = 16;

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
        // Small integer keys (the common case): compared inline.
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

#[inline]
fn key_eq(a: Term, b: Term) -> bool {
    a.raw() == b.raw() || compare_exact(a, b) == Ordering::Equal
}

/// A key's hash, recomputed with the next salt every 8 levels (as BEAM).
struct KeyHash {
    key: Term,
    salt: u32,
    h: u32,
}

impl KeyHash {
    fn new(key: Term) -> Self {
        KeyHash {
            key,
            salt: 0,
            h: internal_hash(key, 0),
        }
    }
    /// The child index of the key in a node at depth `lvl` (< MAX_DEPTH).
    fn nibble(&mut self, lvl: u32) -> u32 {
        let salt = lvl / 8;
        if salt != self.salt {
            self.salt = salt;
            self.h = internal_hash(self.key, salt);
        }
        (self.h >> (4 * (lvl % 8))) & 0xF
    }
}

/// Bitmap and children of a large map's root or of an inner node.
pub(crate) fn node_parts(t: &Term) -> (u32, &[Term]) {
    let w = t.hamt_words();
    let skip = usize::from(t.subtag() == Some(sub::MAP_LARGE));
    if w.len() <= skip {
        return (0, &[]);
    }
    let bitmap = w[skip].small_value().unwrap_or(0) as u32;
    (bitmap, &w[skip + 1..])
}

/// Allocate a HAMT node: the root of a large map of `size` keys when `size` is Some.
fn alloc_node<H: Heap + ?Sized>(
    heap: &mut H,
    size: Option<usize>,
    bitmap: u32,
    children: &[Term],
) -> Term {
    let small = |v: u64| (v << 4) | 0xF;
    let extra = usize::from(size.is_some());
    let n = 1 + extra + children.len();
    let p = heap.alloc(n + 1);
    // SAFETY: p has n+1 fresh words: header, [size], bitmap and the children.
    unsafe {
        match size {
            Some(sz) => {
                *p = make_header(sub::MAP_LARGE, n);
                *p.add(1) = small(sz as u64);
            }
            None => *p = make_header(sub::MAP_NODE, n),
        }
        *p.add(1 + extra) = small(bitmap as u64);
        std::ptr::copy_nonoverlapping(
            children.as_ptr() as *const u64,
            p.add(2 + extra),
            children.len(),
        );
        Term::from_boxed_ptr(p)
    }
}

/// `maps:get(K, M)` without the default: None if `m` is not a map or has no key `k`.
pub fn get(m: Term, k: Term) -> Option<Term> {
    match m.subtag()? {
        sub::MAP_FLAT => {
            let (keys, vals) = m.flat_map_parts()?;
            find(keys, k).ok().map(|i| vals[i])
        }
        sub::MAP_LARGE => {
            let mut kh = KeyHash::new(k);
            let mut node = m;
            let mut lvl = 0;
            loop {
                let (bitmap, children) = node_parts(&node);
                if bitmap == 0 {
                    return children.iter().find_map(|c| {
                        let (ck, cv) = c.cons_parts()?;
                        key_eq(ck, k).then_some(cv)
                    });
                }
                let bit = 1u32 << kh.nibble(lvl);
                if bitmap & bit == 0 {
                    return None;
                }
                let c = children[(bitmap & (bit - 1)).count_ones() as usize];
                if let Some((ck, cv)) = c.cons_parts() {
                    return key_eq(ck, k).then_some(cv);
                }
                node = c;
                lvl += 1;
            }
        }
        _ => None,
    }
}

/// `M#{K => V}` (`maps:put/3`): None if `m` is not a map.
pub fn put<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term, v: Term) -> Option<Term> {
    match m.subtag()? {
        sub::MAP_FLAT => {
            let (keys, vals) = m.flat_map_parts()?;
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
        sub::MAP_LARGE => {
            let size = m.map_size()?;
            let mut grew = false;
            match insert(heap, m, 0, &mut KeyHash::new(k), k, v, &mut grew) {
                None => Some(m),
                Some(root) => {
                    set_root_size(root, size + grew as usize);
                    Some(root)
                }
            }
        }
        _ => None,
    }
}

/// A change to one child of a node.
enum Edit {
    Set(usize, Term),
    Insert(usize, Term),
    Remove(usize),
}

/// A copy of HAMT node `node` (a root keeps its size word) with bitmap `bitmap` and one
/// child changed.
fn edited<H: Heap + ?Sized>(heap: &mut H, node: &Term, bitmap: u32, edit: Edit) -> Term {
    let w = node.hamt_words();
    let root = node.subtag() == Some(sub::MAP_LARGE);
    let skip = usize::from(root);
    let ch = &w[skip + 1..];
    let n = match edit {
        Edit::Set(..) => ch.len(),
        Edit::Insert(..) => ch.len() + 1,
        Edit::Remove(_) => ch.len() - 1,
    };
    let arity = 1 + skip + n;
    let p = heap.alloc(arity + 1);
    // SAFETY: p has arity+1 fresh words: header, [size], bitmap and n children, all
    // written below (the children from `ch` with the edit applied).
    unsafe {
        let st = if root { sub::MAP_LARGE } else { sub::MAP_NODE };
        *p = make_header(st, arity);
        if root {
            *p.add(1) = w[0].raw();
        }
        *p.add(1 + skip) = ((bitmap as u64) << 4) | 0xF;
        let d = p.add(2 + skip) as *mut Term;
        let src = ch.as_ptr();
        match edit {
            Edit::Set(i, t) => {
                std::ptr::copy_nonoverlapping(src, d, n);
                *d.add(i) = t;
            }
            Edit::Insert(i, t) => {
                std::ptr::copy_nonoverlapping(src, d, i);
                *d.add(i) = t;
                std::ptr::copy_nonoverlapping(src.add(i), d.add(i + 1), ch.len() - i);
            }
            Edit::Remove(i) => {
                std::ptr::copy_nonoverlapping(src, d, i);
                std::ptr::copy_nonoverlapping(src.add(i + 1), d.add(i), ch.len() - i - 1);
            }
        }
        Term::from_boxed_ptr(p)
    }
}

/// Overwrite the size word of a large map's root that `edited` just made.
fn set_root_size(root: Term, size: usize) {
    debug_assert_eq!(root.subtag(), Some(sub::MAP_LARGE));
    // SAFETY: `root` is a fresh MAP_LARGE object (not yet shared), word 1 is its size.
    unsafe { *root.boxed_ptr().add(1) = ((size as u64) << 4) | 0xF };
}

/// Insert `k => v` below `node` (the root or an inner node at depth `lvl`): the new
/// node, or None when the map would not change.
fn insert<H: Heap + ?Sized>(
    heap: &mut H,
    node: Term,
    lvl: u32,
    kh: &mut KeyHash,
    k: Term,
    v: Term,
    grew: &mut bool,
) -> Option<Term> {
    let (bitmap, children) = node_parts(&node);
    if bitmap == 0 {
        // A collision node: leaves in term order.
        let mut ch = children.to_vec();
        let pos = ch.binary_search_by(|c| compare_exact(c.cons_parts().map_or(*c, |p| p.0), k));
        match pos {
            Ok(i) => {
                if ch[i].cons_parts().map(|p| p.1.raw()) == Some(v.raw()) {
                    return None;
                }
                ch[i] = term::cons(heap, k, v);
            }
            Err(i) => {
                ch.insert(i, term::cons(heap, k, v));
                *grew = true;
            }
        }
        return Some(alloc_node(heap, None, 0, &ch));
    }
    let bit = 1u32 << kh.nibble(lvl);
    let pos = (bitmap & (bit - 1)).count_ones() as usize;
    if bitmap & bit == 0 {
        *grew = true;
        let leaf = term::cons(heap, k, v);
        return Some(edited(heap, &node, bitmap | bit, Edit::Insert(pos, leaf)));
    }
    let c = children[pos];
    let new = match c.cons_parts() {
        Some((ck, cv)) if key_eq(ck, k) => {
            if cv.raw() == v.raw() {
                return None;
            }
            term::cons(heap, k, v)
        }
        Some((ck, _)) => {
            *grew = true;
            let leaf = term::cons(heap, k, v);
            pair_node(heap, c, &mut KeyHash::new(ck), leaf, kh, lvl + 1)
        }
        None => insert(heap, c, lvl + 1, kh, k, v, grew)?,
    };
    Some(edited(heap, &node, bitmap, Edit::Set(pos, new)))
}

/// The subtree at depth `lvl` holding two leaves whose keys differ.
fn pair_node<H: Heap + ?Sized>(
    heap: &mut H,
    la: Term,
    ha: &mut KeyHash,
    lb: Term,
    hb: &mut KeyHash,
    lvl: u32,
) -> Term {
    if lvl >= MAX_DEPTH {
        let ka = la.cons_parts().map_or(la, |p| p.0);
        let kb = lb.cons_parts().map_or(lb, |p| p.0);
        let ch = if compare_exact(ka, kb) == Ordering::Less {
            [la, lb]
        } else {
            [lb, la]
        };
        return alloc_node(heap, None, 0, &ch);
    }
    let (ia, ib) = (ha.nibble(lvl), hb.nibble(lvl));
    if ia == ib {
        let sub = pair_node(heap, la, ha, lb, hb, lvl + 1);
        return alloc_node(heap, None, 1 << ia, &[sub]);
    }
    let ch = if ia < ib { [la, lb] } else { [lb, la] };
    alloc_node(heap, None, (1 << ia) | (1 << ib), &ch)
}

/// `M#{K := V}`: None if `m` is not a map or lacks `k`.
pub fn update<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term, v: Term) -> Option<Term> {
    get(m, k)?;
    put(heap, m, k, v)
}

/// `maps:remove(K, M)`: None if `m` is not a map.
pub fn remove<H: Heap + ?Sized>(heap: &mut H, m: Term, k: Term) -> Option<Term> {
    match m.subtag()? {
        sub::MAP_FLAT => {
            let (keys, vals) = m.flat_map_parts()?;
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
        sub::MAP_LARGE => {
            let size = m.map_size()?;
            if size - 1 <= MAP_FLAT_LIMIT {
                if get(m, k).is_none() {
                    return Some(m);
                }
                let mut rest: Vec<(Term, Term)> = Vec::with_capacity(size);
                for_each(m, |ek, ev| {
                    if !key_eq(ek, k) {
                        rest.push((ek, ev));
                    }
                });
                return Some(from_pairs(heap, &rest));
            }
            match delete(heap, m, 0, &mut KeyHash::new(k), k) {
                None => Some(m),
                Some(root) => {
                    set_root_size(root, size - 1);
                    Some(root)
                }
            }
        }
        _ => None,
    }
}

/// Remove `k` below `node` (the root or an inner node at depth `lvl`): the new node,
/// or None when `k` is absent.
fn delete<H: Heap + ?Sized>(
    heap: &mut H,
    node: Term,
    lvl: u32,
    kh: &mut KeyHash,
    k: Term,
) -> Option<Term> {
    let (bitmap, children) = node_parts(&node);
    if bitmap == 0 {
        let i = children
            .iter()
            .position(|c| c.cons_parts().is_some_and(|p| key_eq(p.0, k)))?;
        let mut ch = children.to_vec();
        ch.remove(i);
        return Some(alloc_node(heap, None, 0, &ch));
    }
    let bit = 1u32 << kh.nibble(lvl);
    if bitmap & bit == 0 {
        return None;
    }
    let pos = (bitmap & (bit - 1)).count_ones() as usize;
    let c = children[pos];
    match c.cons_parts() {
        Some((ck, _)) => {
            if !key_eq(ck, k) {
                return None;
            }
            Some(edited(heap, &node, bitmap & !bit, Edit::Remove(pos)))
        }
        None => {
            let nc = delete(heap, c, lvl + 1, kh, k)?;
            // A subtree left with one key is that key's leaf.
            let new = match node_parts(&nc).1 {
                [only] if only.cons_parts().is_some() => *only,
                _ => nc,
            };
            Some(edited(heap, &node, bitmap, Edit::Set(pos, new)))
        }
    }
}

/// How a large map's HAMT is laid out for a set of keys, as indices into them: the
/// layout `build_large` allocates and the compiler emits for literal maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// The leaf `[K | V]` of key i.
    Leaf(usize),
    /// A node (bitmap 0: a collision node) and its children in order.
    Node(u32, Vec<Shape>),
}

/// The HAMT of distinct `keys` (the root node's shape).
pub fn hamt_shape(keys: &[Term]) -> Shape {
    let mut items: Vec<(u32, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (internal_hash(k, 0), i))
        .collect();
    items.sort_unstable_by_key(|&(h, i)| (reverse_nibbles(h), i));
    shape_node(keys, &mut items, 0)
}

/// The node at depth `lvl` of `items` (hashes of the current salt and key indices,
/// sorted by reversed nibbles, all sharing the hash prefix of the node's position).
fn shape_node(keys: &[Term], items: &mut [(u32, usize)], lvl: u32) -> Shape {
    if lvl >= MAX_DEPTH {
        items.sort_by(|a, b| compare_exact(keys[a.1], keys[b.1]));
        return Shape::Node(0, items.iter().map(|&(_, i)| Shape::Leaf(i)).collect());
    }
    if lvl > 0 && lvl.is_multiple_of(8) {
        for it in items.iter_mut() {
            it.0 = internal_hash(keys[it.1], lvl / 8);
        }
        items.sort_unstable_by_key(|&(h, i)| (reverse_nibbles(h), i));
    }
    let shift = 4 * (lvl % 8);
    let mut bitmap = 0;
    let mut children = Vec::new();
    let mut rest = items;
    while let Some(&(h, _)) = rest.first() {
        let nib = (h >> shift) & 0xF;
        let n = rest
            .iter()
            .take_while(|it| (it.0 >> shift) & 0xF == nib)
            .count();
        let (group, tail) = rest.split_at_mut(n);
        bitmap |= 1 << nib;
        children.push(if n == 1 {
            Shape::Leaf(group[0].1)
        } else {
            shape_node(keys, group, lvl + 1)
        });
        rest = tail;
    }
    Shape::Node(bitmap, children)
}

fn reverse_nibbles(h: u32) -> u32 {
    (0..8).fold(0, |r, i| (r << 4) | ((h >> (4 * i)) & 0xF))
}

/// A large map of distinct `keys` (more than 32) and their `values`.
pub fn build_large<H: Heap + ?Sized>(heap: &mut H, keys: &[Term], values: &[Term]) -> Term {
    fn alloc<H: Heap + ?Sized>(
        heap: &mut H,
        s: &Shape,
        keys: &[Term],
        values: &[Term],
        size: Option<usize>,
    ) -> Term {
        match s {
            Shape::Leaf(i) => term::cons(heap, keys[*i], values[*i]),
            Shape::Node(bitmap, children) => {
                let ch: Vec<Term> = children
                    .iter()
                    .map(|c| alloc(heap, c, keys, values, None))
                    .collect();
                alloc_node(heap, size, *bitmap, &ch)
            }
        }
    }
    let shape = hamt_shape(keys);
    alloc(heap, &shape, keys, values, Some(keys.len()))
}

/// Call `f` with each key and value of map `m` in BEAM's iteration order (nothing when
/// `m` is not a map).
pub fn for_each(m: Term, mut f: impl FnMut(Term, Term)) {
    fn walk(node: &Term, f: &mut dyn FnMut(Term, Term)) {
        for c in node_parts(node).1 {
            match c.cons_parts() {
                Some((k, v)) => f(k, v),
                None => walk(c, f),
            }
        }
    }
    match m.subtag() {
        Some(sub::MAP_FLAT) => {
            if let Some((ks, vs)) = m.flat_map_parts() {
                ks.iter().zip(vs).for_each(|(k, v)| f(*k, *v));
            }
        }
        Some(sub::MAP_LARGE) => walk(&m, &mut f),
        _ => {}
    }
}

/// The pairs of `m` in BEAM's iteration order (`maps:iterator/1`, `maps:fold/3`, printing).
pub fn entries(m: Term) -> Vec<(Term, Term)> {
    let mut v = Vec::with_capacity(m.map_size().unwrap_or(0));
    for_each(m, |k, val| v.push((k, val)));
    v
}

/// The pairs of `m` in the order of BEAM's `maps:to_list/1`, `maps:keys/1`,
/// `maps:values/1` and `term_to_binary`: iteration order backwards for large maps.
pub fn list_entries(m: Term) -> Vec<(Term, Term)> {
    let mut v = entries(m);
    if v.len() > MAP_FLAT_LIMIT {
        v.reverse();
    }
    v
}

/// The pairs of `m` sorted by key in map-key order (the order term comparison uses).
pub fn sorted_entries(m: Term) -> Vec<(Term, Term)> {
    let mut v = entries(m);
    if v.len() > MAP_FLAT_LIMIT {
        v.sort_by(|a, b| compare_exact(a.0, b.0));
    }
    v
}

/// `maps:merge(A, B)` for two maps (B's values win): None if either is not a map.
pub fn merge<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> Option<Term> {
    let (na, nb) = (a.map_size()?, b.map_size()?);
    if nb == 0 {
        return Some(a);
    }
    if na == 0 {
        return Some(b);
    }
    if na + nb <= 2 * MAP_FLAT_LIMIT {
        let mut pairs = entries(a);
        pairs.extend(entries(b));
        return Some(from_pairs(heap, &pairs));
    }
    // Insert the smaller map into the larger one.
    let mut m;
    if nb <= na {
        m = a;
        for (k, v) in entries(b) {
            m = put(heap, m, k, v)?;
        }
    } else {
        m = b;
        for (k, v) in entries(a) {
            if get(b, k).is_none() {
                m = put(heap, m, k, v)?;
            }
        }
    }
    Some(m)
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

    /// The tree of a large map as text (bitmaps and leaves), to compare shapes.
    fn tree(t: Term) -> String {
        match t.cons_parts() {
            Some(_) => to_string(t),
            None => {
                let (b, ch) = node_parts(&t);
                let inner: Vec<String> = ch.iter().map(|c| tree(*c)).collect();
                format!("<{b:x}>{{{}}}", inner.join(","))
            }
        }
    }

    #[test]
    fn hamt_is_canonical_and_persistent() {
        let mut h = FragHeap::new();
        let k = |i: i64| Term::small(i).unwrap();
        // 227569 and 399454 have the same 32-bit hash (erl's internal_hash): they part
        // only below level 8, with the salted hash.
        let mut keys: Vec<i64> = (0..500).map(|i| i * 7919 % 1000).collect();
        keys.extend([227569, 399454]);
        let mut m = from_pairs(&mut h, &[]);
        let mut versions = Vec::new();
        for &i in &keys {
            m = put(&mut h, m, k(i), k(i + 1)).unwrap();
            versions.push(m);
        }
        let pairs: Vec<(Term, Term)> = keys.iter().map(|&i| (k(i), k(i + 1))).collect();
        let bulk = from_pairs(&mut h, &pairs);
        assert_eq!(m.map_size(), Some(502));
        assert_eq!(tree(m), tree(bulk));
        assert_eq!(get(m, k(399454)), Some(k(399455)));
        assert_eq!(get(m, k(227569)), Some(k(227570)));
        assert_eq!(get(m, k(1000)), None);
        // older versions are untouched
        assert_eq!(versions[40].map_size(), Some(41));
        assert_eq!(get(versions[40], k(keys[41])), None);
        // removing keys gives the shape of a map built without them
        let mut r = m;
        for &i in keys.iter().step_by(3) {
            r = remove(&mut h, r, k(i)).unwrap();
        }
        let rest: Vec<(Term, Term)> = keys
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 3 != 0)
            .map(|(_, &i)| (k(i), k(i + 1)))
            .collect();
        assert_eq!(tree(r), tree(from_pairs(&mut h, &rest)));
        assert_eq!(remove(&mut h, r, k(5000)).unwrap().raw(), r.raw());
        assert_eq!(put(&mut h, r, rest[0].0, rest[0].1).unwrap().raw(), r.raw());
        // iteration orders
        let it: Vec<Term> = entries(m).iter().map(|p| p.0).collect();
        let mut li: Vec<Term> = list_entries(m).iter().map(|p| p.0).collect();
        li.reverse();
        assert_eq!(it, li);
        let sorted = sorted_entries(m);
        assert!(sorted
            .windows(2)
            .all(|w| compare_exact(w[0].0, w[1].0).is_lt()));
        let merged = merge(&mut h, r, m).unwrap();
        assert_eq!(tree(merged), tree(m));
    }

    #[test]
    fn collision_nodes() {
        let mut h = FragHeap::new();
        let k = |i: i64| Term::small(i).unwrap();
        let (la, lb) = (
            term::cons(&mut h, k(2), k(20)),
            term::cons(&mut h, k(1), k(10)),
        );
        let node = pair_node(
            &mut h,
            la,
            &mut KeyHash::new(k(2)),
            lb,
            &mut KeyHash::new(k(1)),
            MAX_DEPTH,
        );
        assert_eq!(tree(node), "<0>{[1|10],[2|20]}");
        let mut grew = false;
        let kh = |i: i64| KeyHash::new(k(i));
        let n3 = insert(&mut h, node, MAX_DEPTH, &mut kh(0), k(0), k(0), &mut grew).unwrap();
        assert!(grew);
        assert_eq!(tree(n3), "<0>{[0|0],[1|10],[2|20]}");
        assert!(insert(&mut h, n3, MAX_DEPTH, &mut kh(1), k(1), k(10), &mut grew).is_none());
        let n2 = delete(&mut h, n3, MAX_DEPTH, &mut kh(1), k(1)).unwrap();
        assert_eq!(tree(n2), "<0>{[0|0],[2|20]}");
        assert!(delete(&mut h, n2, MAX_DEPTH, &mut kh(7), k(7)).is_none());
    }
}
