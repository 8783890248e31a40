//! Tuple BIFs: `element/2`, `setelement/3`, `tuple_size/1`, `size/1`, `make_tuple/2,3`,
//! `append_element/2`, `list_to_tuple/1`, `tuple_to_list/1`, `insert_element/3`,
//! `delete_element/2`.
//!
//! Owns: index checking (1-based, badarg outside) and BEAM's tuple arity limit.
//! Must not: mutate a tuple in place (terms are immutable; setelement copies).

use super::{badarg, proper, uint};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term};

/// Largest tuple arity (BEAM: 2^24 - 1).
pub const MAX_TUPLE_ARITY: usize = (1 << 24) - 1;

fn index(n: Term, len: usize) -> Result<usize, Exception> {
    match n.small_value() {
        Some(i) if i >= 1 && (i as u64) <= len as u64 => Ok(i as usize - 1),
        _ => badarg(),
    }
}

fn arity(n: Term) -> Result<usize, Exception> {
    match n.small_value() {
        Some(i) if i >= 0 && (i as u64) <= MAX_TUPLE_ARITY as u64 => Ok(i as usize),
        _ => badarg(),
    }
}

/// `element(N, Tuple)`.
pub fn element(_h: &mut dyn Heap, n: Term, t: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?;
    Ok(e[index(n, e.len())?])
}

/// `setelement(N, Tuple, Value)`.
pub fn setelement(h: &mut dyn Heap, n: Term, t: Term, v: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?;
    let i = index(n, e.len())?;
    let mut v2 = e.to_vec();
    v2[i] = v;
    Ok(term::tuple(h, &v2))
}

/// `tuple_size(Tuple)`.
pub fn tuple_size(_h: &mut dyn Heap, t: Term) -> BifResult {
    Ok(uint(
        t.tuple_elements().ok_or_else(Exception::badarg)?.len(),
    ))
}

/// `size(Tuple | Binary)`: the arity, or the byte size rounded down.
pub fn size(_h: &mut dyn Heap, t: Term) -> BifResult {
    if let Some(e) = t.tuple_elements() {
        return Ok(uint(e.len()));
    }
    match t.bits() {
        Some(b) => Ok(uint(b.bit_size / 8)),
        None => badarg(),
    }
}

/// `make_tuple(N, Value)`.
pub fn make_tuple2(h: &mut dyn Heap, n: Term, v: Term) -> BifResult {
    let n = arity(n)?;
    Ok(term::tuple(h, &vec![v; n]))
}

/// `make_tuple(N, Default, [{Pos, Value}])`.
pub fn make_tuple3(h: &mut dyn Heap, n: Term, d: Term, init: Term) -> BifResult {
    let n = arity(n)?;
    let init = proper(init)?;
    let mut v = vec![d; n];
    for p in init {
        match p.tuple_elements() {
            Some(&[pos, val]) => v[index(pos, n)?] = val,
            _ => return badarg(),
        }
    }
    Ok(term::tuple(h, &v))
}

/// `append_element(Tuple, Value)`.
pub fn append_element(h: &mut dyn Heap, t: Term, v: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?;
    if e.len() >= MAX_TUPLE_ARITY {
        return badarg();
    }
    let mut v2 = e.to_vec();
    v2.push(v);
    Ok(term::tuple(h, &v2))
}

/// `list_to_tuple(List)`.
pub fn list_to_tuple(h: &mut dyn Heap, l: Term) -> BifResult {
    let v = proper(l)?;
    if v.len() > MAX_TUPLE_ARITY {
        return badarg();
    }
    Ok(term::tuple(h, &v))
}

/// `tuple_to_list(Tuple)`.
pub fn tuple_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?.to_vec();
    Ok(term::list(h, &e))
}

/// `erlang:insert_element(Index, Tuple, Value)`: Index in 1..=tuple_size + 1.
pub fn insert_element(h: &mut dyn Heap, n: Term, t: Term, v: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?;
    let i = index(n, e.len() + 1)?;
    if e.len() + 1 > MAX_TUPLE_ARITY {
        return badarg();
    }
    let mut v2 = e.to_vec();
    v2.insert(i, v);
    Ok(term::tuple(h, &v2))
}

/// `erlang:delete_element(Index, Tuple)`.
pub fn delete_element(h: &mut dyn Heap, n: Term, t: Term) -> BifResult {
    let e = t.tuple_elements().ok_or_else(Exception::badarg)?;
    let i = index(n, e.len())?;
    let mut v2 = e.to_vec();
    v2.remove(i);
    Ok(term::tuple(h, &v2))
}
