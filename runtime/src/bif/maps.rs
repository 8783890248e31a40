//! Map BIFs: `erlang:map_size/1`, `map_get/2`, `is_map_key/2`, and the functions of
//! module `maps` that BEAM implements in C (or that are thin wrappers over them in
//! `maps.erl`): `get/2,3`, `find/2`, `put/3`, `update/3`, `remove/2`, `take/2`,
//! `is_key/2`, `keys/1`, `values/1`, `to_list/1`, `from_list/1`, `from_keys/2`,
//! `merge/2`, `new/0`, `size/1`. The rest of `maps` is Erlang (`stdlib/maps.erl`).
//!
//! Owns: BEAM's errors for these (`{badmap, M}` for a non-map, `{badkey, K}` for a
//! missing key, `badarg` for a bad list) and their order: `crate::map::list_entries`
//! (map-key term order up to 32 keys, BEAM's HAMT order above).
//! Must not: re-implement map layout or lookup (`crate::map` and `term` do).

use super::{badarg, uint};
use crate::atom::idx;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::map;
use crate::term::{self, Term};

fn badmap(h: &mut dyn Heap, m: Term) -> Exception {
    Exception::tagged(h, idx::BADMAP, m)
}

fn badkey(h: &mut dyn Heap, k: Term) -> Exception {
    Exception::tagged(h, idx::BADKEY, k)
}

/// Keys and values in the order of BEAM's `maps:to_list/1` (`map::list_entries`).
fn parts(h: &mut dyn Heap, m: Term) -> Result<(Vec<Term>, Vec<Term>), Exception> {
    if !m.is_map() {
        return Err(badmap(h, m));
    }
    Ok(map::list_entries(m).into_iter().unzip())
}

fn need_map(h: &mut dyn Heap, m: Term) -> Result<(), Exception> {
    if m.is_map() {
        Ok(())
    } else {
        Err(badmap(h, m))
    }
}

/// `map_size(Map)` / `maps:size(Map)`.
pub fn map_size(h: &mut dyn Heap, m: Term) -> BifResult {
    match m.map_size() {
        Some(n) => Ok(uint(n)),
        None => Err(badmap(h, m)),
    }
}

/// `map_get(Key, Map)` / `maps:get(Key, Map)`.
pub fn get(h: &mut dyn Heap, k: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    map::get(m, k).ok_or_else(|| badkey(h, k))
}

/// `maps:get(Key, Map, Default)`.
pub fn get3(h: &mut dyn Heap, k: Term, m: Term, default: Term) -> BifResult {
    need_map(h, m)?;
    Ok(map::get(m, k).unwrap_or(default))
}

/// `is_map_key(Key, Map)` / `maps:is_key(Key, Map)`.
pub fn is_key(h: &mut dyn Heap, k: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    Ok(Term::bool(map::get(m, k).is_some()))
}

/// `maps:find(Key, Map)`: `{ok, Value}` or `error`.
pub fn find(h: &mut dyn Heap, k: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    Ok(match map::get(m, k) {
        Some(v) => term::tuple(h, &[Term::atom(idx::OK), v]),
        None => Term::atom(idx::ERROR),
    })
}

/// `maps:put(Key, Value, Map)`.
pub fn put(h: &mut dyn Heap, k: Term, v: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    map::put(h, m, k, v).ok_or_else(Exception::badarg)
}

/// `maps:update(Key, Value, Map)`.
pub fn update(h: &mut dyn Heap, k: Term, v: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    map::update(h, m, k, v).ok_or_else(|| badkey(h, k))
}

/// `maps:remove(Key, Map)`.
pub fn remove(h: &mut dyn Heap, k: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    map::remove(h, m, k).ok_or_else(Exception::badarg)
}

/// `maps:take(Key, Map)`: `{Value, Map2}` or `error`.
pub fn take(h: &mut dyn Heap, k: Term, m: Term) -> BifResult {
    need_map(h, m)?;
    match map::get(m, k) {
        Some(v) => {
            let rest = map::remove(h, m, k).ok_or_else(Exception::badarg)?;
            Ok(term::tuple(h, &[v, rest]))
        }
        None => Ok(Term::atom(idx::ERROR)),
    }
}

/// `maps:keys(Map)`.
pub fn keys(h: &mut dyn Heap, m: Term) -> BifResult {
    let (k, _) = parts(h, m)?;
    Ok(term::list(h, &k))
}

/// `maps:values(Map)`.
pub fn values(h: &mut dyn Heap, m: Term) -> BifResult {
    let (_, v) = parts(h, m)?;
    Ok(term::list(h, &v))
}

/// `maps:to_list(Map)`: `[{K, V}]` in iteration order.
pub fn to_list(h: &mut dyn Heap, m: Term) -> BifResult {
    let (k, v) = parts(h, m)?;
    let pairs: Vec<Term> = k
        .iter()
        .zip(&v)
        .map(|(&k, &v)| term::tuple(h, &[k, v]))
        .collect();
    Ok(term::list(h, &pairs))
}

/// `maps:from_list([{K, V}])`: later keys win; badarg for anything else.
pub fn from_list(h: &mut dyn Heap, l: Term) -> BifResult {
    let elems = l.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut pairs = Vec::with_capacity(elems.len());
    for e in elems {
        match e.tuple_elements() {
            Some(&[k, v]) => pairs.push((k, v)),
            _ => return badarg(),
        }
    }
    Ok(map::from_pairs(h, &pairs))
}

/// `maps:from_keys(Keys, Value)`.
pub fn from_keys(h: &mut dyn Heap, l: Term, v: Term) -> BifResult {
    let keys = l.list_to_vec().ok_or_else(Exception::badarg)?;
    let pairs: Vec<(Term, Term)> = keys.into_iter().map(|k| (k, v)).collect();
    Ok(map::from_pairs(h, &pairs))
}

/// `maps:merge(Map1, Map2)`: Map2's values win.
pub fn merge(h: &mut dyn Heap, a: Term, b: Term) -> BifResult {
    map::merge(h, a, b).ok_or_else(|| {
        let bad = if a.is_map() { b } else { a };
        badmap(h, bad)
    })
}

/// `maps:new()`.
pub fn new(h: &mut dyn Heap) -> BifResult {
    Ok(term::map_from_sorted(h, &[], &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;

    fn show(r: BifResult) -> String {
        match r {
            Ok(t) => to_string(t),
            Err(e) => to_string(e.reason),
        }
    }

    #[test]
    fn errors_and_order_as_erl() {
        let mut h = FragHeap::new();
        let a = Term::intern("a").unwrap();
        let x = Term::intern("x").unwrap();
        let i = |n: i64| Term::small(n).unwrap();
        let e = new(&mut h).unwrap();
        assert_eq!(show(get(&mut h, a, x)), "{badmap,x}");
        assert_eq!(show(get(&mut h, a, e)), "{badkey,a}");
        assert_eq!(show(map_size(&mut h, x)), "{badmap,x}");
        assert_eq!(show(update(&mut h, a, i(1), e)), "{badkey,a}");
        assert_eq!(show(take(&mut h, a, e)), "error");
        assert_eq!(show(from_list(&mut h, x)), "badarg");
        let m = put(&mut h, i(2), a, e).unwrap();
        let m = put(&mut h, a, i(1), m).unwrap();
        let m = put(&mut h, i(1), x, m).unwrap();
        assert_eq!(show(to_list(&mut h, m)), "[{1,x},{2,a},{a,1}]");
        assert_eq!(show(take(&mut h, a, m)), "{1,#{1 => x,2 => a}}");
        assert_eq!(show(merge(&mut h, a, e)), "{badmap,a}");
        assert_eq!(show(merge(&mut h, e, x)), "{badmap,x}");
    }
}
