//! The C-implemented BIFs of module `binary` (as on BEAM): `first/1`, `last/1`, `at/2`,
//! `part/2,3`, `bin_to_list/1,2,3`, `list_to_bin/1`, `copy/1,2`, `encode_unsigned/1,2`,
//! `decode_unsigned/1,2`, `longest_common_prefix/1`, `longest_common_suffix/1`,
//! `referenced_byte_size/1`, `compile_pattern/1`, `match/2,3`, `matches/2,3`.
//! `split` and `replace` are written in Erlang on top of `matches` (`stdlib/binary.erl`).
//!
//! Owns: pattern and `{scope, {Start, Length}}` option checking, leftmost-longest
//! search over one or several patterns (a plain scan: no Boyer-Moore / Aho-Corasick
//! tables); `part` and `referenced_byte_size` also take bitstrings (as BEAM). A compiled pattern is `{bm, Patterns}` / `{ac, Patterns}` holding the
//! pattern binaries (BEAM holds a reference to its tables there). Must not: recurse natively on
//! input size.

use super::{badarg, binaries, proper, uint};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Int, Term};
use num_bigint::{BigInt, Sign};

fn bytes(t: Term) -> Result<&'static [u8], Exception> {
    // SAFETY of the lifetime: the bytes live in the term's heap object, which the caller
    // keeps alive (a BIF argument) for the whole call; nothing here collects garbage.
    let b = t.binary_bytes().ok_or_else(Exception::badarg)?;
    Ok(unsafe { std::slice::from_raw_parts(b.as_ptr(), b.len()) })
}

fn atom(name: &str) -> Term {
    Term::intern(name).unwrap_or(Term::NIL)
}

/// `binary:first(Subject)`.
pub fn first(_h: &mut dyn Heap, b: Term) -> BifResult {
    match bytes(b)?.first() {
        Some(&x) => Ok(uint(x as usize)),
        None => badarg(),
    }
}

/// `binary:last(Subject)`.
pub fn last(_h: &mut dyn Heap, b: Term) -> BifResult {
    match bytes(b)?.last() {
        Some(&x) => Ok(uint(x as usize)),
        None => badarg(),
    }
}

/// `binary:at(Subject, Pos)` (0-based).
pub fn at(_h: &mut dyn Heap, b: Term, pos: Term) -> BifResult {
    let bs = bytes(b)?;
    match pos.small_value() {
        Some(p) if p >= 0 && (p as u64) < bs.len() as u64 => Ok(uint(bs[p as usize] as usize)),
        _ => badarg(),
    }
}

/// `binary:part(Subject, Pos, Len)`.
pub fn part3(h: &mut dyn Heap, b: Term, pos: Term, len: Term) -> BifResult {
    binaries::binary_part3(h, b, pos, len)
}

/// `binary:part(Subject, {Pos, Len})`.
pub fn part2(h: &mut dyn Heap, b: Term, pl: Term) -> BifResult {
    match pl.tuple_elements() {
        Some(&[p, l]) => part3(h, b, p, l),
        _ => badarg(),
    }
}

/// The byte range of `{Pos, Len}` (Len may be negative) in a subject of `size` bytes.
fn range(pos: Term, len: Term, size: usize) -> Result<(usize, usize), Exception> {
    let (Some(s), Some(l)) = (pos.small_value(), len.small_value()) else {
        return badarg();
    };
    let (s, l) = if l < 0 { (s + l, -l) } else { (s, l) };
    if s < 0 || s as u64 > size as u64 || l as u64 > (size as u64 - s as u64) {
        return badarg();
    }
    Ok((s as usize, l as usize))
}

fn byte_list(h: &mut dyn Heap, bs: &[u8]) -> Term {
    let elems: Vec<Term> = bs.iter().map(|&b| uint(b as usize)).collect();
    term::list_with_tail(h, &elems, Term::NIL)
}

/// `binary:bin_to_list(Subject)`.
pub fn bin_to_list1(h: &mut dyn Heap, b: Term) -> BifResult {
    let bs = bytes(b)?;
    Ok(byte_list(h, bs))
}

/// `binary:bin_to_list(Subject, {Pos, Len})`.
pub fn bin_to_list2(h: &mut dyn Heap, b: Term, pl: Term) -> BifResult {
    match pl.tuple_elements() {
        Some(&[p, l]) => bin_to_list3(h, b, p, l),
        _ => badarg(),
    }
}

/// `binary:bin_to_list(Subject, Pos, Len)`.
pub fn bin_to_list3(h: &mut dyn Heap, b: Term, pos: Term, len: Term) -> BifResult {
    let bs = bytes(b)?;
    let (s, l) = range(pos, len, bs.len())?;
    Ok(byte_list(h, &bs[s..s + l]))
}

/// `binary:list_to_bin(ByteList)`.
pub fn list_to_bin(h: &mut dyn Heap, l: Term) -> BifResult {
    if !l.is_list() {
        return badarg();
    }
    binaries::list_to_binary(h, l)
}

/// `binary:copy(Subject)`.
pub fn copy1(h: &mut dyn Heap, b: Term) -> BifResult {
    let bs = bytes(b)?;
    Ok(term::binary(h, bs))
}

/// `binary:copy(Subject, N)`.
pub fn copy2(h: &mut dyn Heap, b: Term, n: Term) -> BifResult {
    let bs = bytes(b)?;
    let n = match n.small_value() {
        Some(n) if n >= 0 => n as usize,
        _ => return badarg(),
    };
    if bs.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
        return Err(Exception::error(atom("system_limit")));
    }
    Ok(term::binary(h, &bs.repeat(n)))
}

fn endian(t: Term) -> Result<bool, Exception> {
    match t.atom_name() {
        Some("big") => Ok(true),
        Some("little") => Ok(false),
        _ => badarg(),
    }
}

/// `binary:encode_unsigned(Unsigned)`.
pub fn encode_unsigned1(h: &mut dyn Heap, n: Term) -> BifResult {
    encode_unsigned(h, n, true)
}

/// `binary:encode_unsigned(Unsigned, Endianness)`.
pub fn encode_unsigned2(h: &mut dyn Heap, n: Term, e: Term) -> BifResult {
    let big = endian(e)?;
    encode_unsigned(h, n, big)
}

fn encode_unsigned(h: &mut dyn Heap, n: Term, big: bool) -> BifResult {
    let v = match n.int_value() {
        Some(Int::Small(i)) if i >= 0 => BigInt::from(i),
        Some(Int::Big(b)) if b.sign() != Sign::Minus => b,
        _ => return badarg(),
    };
    let mut bs = v.to_bytes_le().1;
    if bs.is_empty() {
        bs.push(0);
    }
    if big {
        bs.reverse();
    }
    Ok(term::binary(h, &bs))
}

/// `binary:decode_unsigned(Subject)`.
pub fn decode_unsigned1(h: &mut dyn Heap, b: Term) -> BifResult {
    let bs = bytes(b)?;
    Ok(term::bigint(h, &BigInt::from_bytes_be(Sign::Plus, bs)))
}

/// `binary:decode_unsigned(Subject, Endianness)`.
pub fn decode_unsigned2(h: &mut dyn Heap, b: Term, e: Term) -> BifResult {
    let bs = bytes(b)?;
    let v = if endian(e)? {
        BigInt::from_bytes_be(Sign::Plus, bs)
    } else {
        BigInt::from_bytes_le(Sign::Plus, bs)
    };
    Ok(term::bigint(h, &v))
}

fn binaries_of(l: Term) -> Result<Vec<&'static [u8]>, Exception> {
    let elems = proper(l)?;
    if elems.is_empty() {
        return badarg();
    }
    elems.into_iter().map(bytes).collect()
}

/// `binary:longest_common_prefix(Binaries)`.
pub fn longest_common_prefix(_h: &mut dyn Heap, l: Term) -> BifResult {
    let bs = binaries_of(l)?;
    let first = bs[0];
    let n = bs[1..].iter().fold(first.len(), |n, b| {
        first[..n]
            .iter()
            .zip(b.iter())
            .take_while(|(x, y)| x == y)
            .count()
    });
    Ok(uint(n))
}

/// `binary:longest_common_suffix(Binaries)`.
pub fn longest_common_suffix(_h: &mut dyn Heap, l: Term) -> BifResult {
    let bs = binaries_of(l)?;
    let first = bs[0];
    let n = bs[1..].iter().fold(first.len(), |n, b| {
        first[first.len() - n..]
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
    });
    Ok(uint(n))
}

/// Binaries up to this size live on BEAM's process heaps, and a part of one is a copy.
const ONHEAP_LIMIT: usize = 64;

/// `binary:referenced_byte_size(Binary)`: the size of the binary a sub-binary refers to
/// (BEAM's: a part of a binary of at most 64 bytes is a copy, so only its own size).
pub fn referenced_byte_size(_h: &mut dyn Heap, b: Term) -> BifResult {
    let own = b.bits().ok_or_else(Exception::badarg)?.bit_size.div_ceil(8);
    match b.bitstring_origin() {
        Some((orig, _, _)) => {
            let size = orig.bits().map_or(0, |x| x.bit_size.div_ceil(8));
            Ok(uint(if size <= ONHEAP_LIMIT { own } else { size }))
        }
        None => badarg(),
    }
}

/// The pattern binaries of a pattern argument (a binary, a non-empty list of binaries,
/// or a compiled pattern); none may be empty.
fn patterns(p: Term) -> Result<Vec<&'static [u8]>, Exception> {
    if let Some(&[tag, inner]) = p.tuple_elements() {
        if matches!(tag.atom_name(), Some("bm") | Some("ac")) {
            return patterns(inner);
        }
        return badarg();
    }
    let ps = if p.is_binary() {
        vec![bytes(p)?]
    } else {
        binaries_of(p)?
    };
    if ps.iter().any(|x| x.is_empty()) {
        return badarg();
    }
    Ok(ps)
}

/// `binary:compile_pattern(Pattern)`: `{bm, Binary}` for one pattern, `{ac, [Binary]}`
/// for several.
pub fn compile_pattern(h: &mut dyn Heap, p: Term) -> BifResult {
    let ps = patterns(p)?;
    if ps.len() == 1 && p.is_binary() {
        Ok(term::tuple(h, &[atom("bm"), p]))
    } else if let Some(&[_, _]) = p.tuple_elements() {
        Ok(p)
    } else if ps.len() == 1 {
        let b = term::binary(h, ps[0]);
        Ok(term::tuple(h, &[atom("bm"), b]))
    } else {
        Ok(term::tuple(h, &[atom("ac"), p]))
    }
}

/// The searched byte range from match options: `[]` or `[{scope, {Start, Length}}]`.
fn scope(opts: Term, size: usize) -> Result<(usize, usize), Exception> {
    let mut r = (0, size);
    for o in proper(opts)? {
        match o.tuple_elements() {
            Some(&[k, v]) if k.atom_name() == Some("scope") => match v.tuple_elements() {
                Some(&[s, l]) => r = range(s, l, size)?,
                _ => return badarg(),
            },
            _ => return badarg(),
        }
    }
    Ok(r)
}

/// Leftmost-longest match at or after `from`, ending by `end`.
fn find(subject: &[u8], ps: &[&[u8]], from: usize, end: usize) -> Option<(usize, usize)> {
    (from..end).find_map(|i| {
        ps.iter()
            .filter(|p| i + p.len() <= end && &subject[i..i + p.len()] == **p)
            .map(|p| p.len())
            .max()
            .map(|l| (i, l))
    })
}

fn pos_len(h: &mut dyn Heap, (s, l): (usize, usize)) -> Term {
    term::tuple(h, &[uint(s), uint(l)])
}

/// `binary:match(Subject, Pattern)`.
pub fn match2(h: &mut dyn Heap, b: Term, p: Term) -> BifResult {
    match3(h, b, p, Term::NIL)
}

/// `binary:match(Subject, Pattern, Options)`.
pub fn match3(h: &mut dyn Heap, b: Term, p: Term, opts: Term) -> BifResult {
    let bs = bytes(b)?;
    let (s, l) = scope(opts, bs.len())?;
    if s == 0 && l == 0 {
        // as BEAM: an empty scope at 0 (an empty subject) never matches, and the
        // pattern is not checked
        return Ok(atom("nomatch"));
    }
    let ps = patterns(p)?;
    Ok(match find(bs, &ps, s, s + l) {
        Some(m) => pos_len(h, m),
        None => atom("nomatch"),
    })
}

/// `binary:matches(Subject, Pattern)`.
pub fn matches2(h: &mut dyn Heap, b: Term, p: Term) -> BifResult {
    matches3(h, b, p, Term::NIL)
}

/// `binary:matches(Subject, Pattern, Options)`: every non-overlapping match.
pub fn matches3(h: &mut dyn Heap, b: Term, p: Term, opts: Term) -> BifResult {
    let bs = bytes(b)?;
    let (s, l) = scope(opts, bs.len())?;
    if s == 0 && l == 0 {
        return Ok(Term::NIL);
    }
    let ps = patterns(p)?;
    let mut found = Vec::new();
    let mut at = s;
    while let Some((i, n)) = find(bs, &ps, at, s + l) {
        found.push((i, n));
        at = i + n;
    }
    let elems: Vec<Term> = found.into_iter().map(|m| pos_len(h, m)).collect();
    Ok(term::list_with_tail(h, &elems, Term::NIL))
}
