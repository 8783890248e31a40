//! Binary and iolist BIFs: `list_to_binary/1`, `iolist_to_binary/1`, `iolist_size/1`,
//! `list_to_bitstring/1`, `binary_to_list/1,3`, `bitstring_to_list/1`, `binary_part/2,3`,
//! `split_binary/2`, `byte_size/1`, `bit_size/1`, `term_to_binary/1,2`,
//! `binary_to_term/1,2`.
//!
//! Owns: iolist flattening (iterative: bytes, binaries, nested lists, binary tails),
//! range checks, and the option lists of the ETF BIFs. Must not: encode or decode terms
//! itself (`etf` does), or recurse natively on input depth.

use super::{badarg, proper, uint};
use crate::etf;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Bits, Term};

/// Packed bits being appended to.
#[derive(Default)]
struct BitBuf {
    bytes: Vec<u8>,
    bits: usize,
}

impl BitBuf {
    fn push_byte(&mut self, b: u8) {
        if self.bits.is_multiple_of(8) {
            self.bytes.push(b);
            self.bits += 8;
        } else {
            self.push_bits(&[b], 0, 8);
        }
    }
    fn push(&mut self, b: Bits<'_>) {
        if self.bits.is_multiple_of(8) {
            if let Some(whole) = b.as_bytes() {
                self.bytes.extend_from_slice(whole);
                self.bits += whole.len() * 8;
                return;
            }
        }
        self.push_bits(b.bytes, b.bit_off, b.bit_size);
    }
    fn push_bits(&mut self, src: &[u8], off: usize, n: usize) {
        for i in 0..n {
            let s = off + i;
            let bit = (src[s / 8] >> (7 - s % 8)) & 1;
            if self.bits.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let d = self.bits;
            self.bytes[d / 8] |= bit << (7 - d % 8);
            self.bits += 1;
        }
    }
}

/// Flatten an iolist (or, with `bits`, a bitstring list) into `buf`. None: badarg.
fn flatten(t: Term, bits: bool, buf: &mut BitBuf) -> Option<()> {
    // (term, is_tail): a tail may be [] / a list / a binary, not a byte.
    let mut stack = vec![(t, true)];
    while let Some((t, is_tail)) = stack.pop() {
        if let Some((h, tl)) = t.cons_parts() {
            stack.push((tl, true));
            stack.push((h, false));
        } else if t.is_nil() {
        } else if let Some(b) = t.bits() {
            if !bits && b.bit_size % 8 != 0 {
                return None;
            }
            buf.push(b);
        } else if let (Some(v), false) = (t.small_value(), is_tail) {
            buf.push_byte(u8::try_from(v).ok()?);
        } else {
            return None;
        }
    }
    Some(())
}

pub(crate) fn iolist_bytes(t: Term) -> Result<Vec<u8>, Exception> {
    if !t.is_list() {
        return badarg();
    }
    let mut buf = BitBuf::default();
    flatten(t, false, &mut buf).ok_or_else(Exception::badarg)?;
    Ok(buf.bytes)
}

/// `list_to_binary(IoList)`.
pub fn list_to_binary(h: &mut dyn Heap, l: Term) -> BifResult {
    let b = iolist_bytes(l)?;
    Ok(term::binary(h, &b))
}

/// `iolist_to_binary(IoListOrBinary)`.
pub fn iolist_to_binary(h: &mut dyn Heap, l: Term) -> BifResult {
    if l.is_binary() {
        return Ok(l);
    }
    list_to_binary(h, l)
}

/// `iolist_size(IoListOrBinary)`.
pub fn iolist_size(h: &mut dyn Heap, l: Term) -> BifResult {
    if let Some(b) = l.binary_bytes() {
        return Ok(uint(b.len()));
    }
    let n = iolist_bytes(l)?.len();
    Ok(term::int(h, n as i64))
}

/// `list_to_bitstring(BitstringList)`.
pub fn list_to_bitstring(h: &mut dyn Heap, l: Term) -> BifResult {
    if !l.is_list() {
        return badarg();
    }
    let mut buf = BitBuf::default();
    flatten(l, true, &mut buf).ok_or_else(Exception::badarg)?;
    Ok(term::bitstring(h, &buf.bytes, buf.bits))
}

fn bytes_list(h: &mut dyn Heap, bytes: &[u8], tail: Term) -> Term {
    let elems: Vec<Term> = bytes.iter().map(|&b| uint(b as usize)).collect();
    term::list_with_tail(h, &elems, tail)
}

/// `binary_to_list(Binary)`.
pub fn binary_to_list(h: &mut dyn Heap, b: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?.to_vec();
    Ok(bytes_list(h, &bytes, Term::NIL))
}

/// `binary_to_list(Binary, Start, Stop)` (1-based, inclusive).
pub fn binary_to_list3(h: &mut dyn Heap, b: Term, start: Term, stop: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?.to_vec();
    let (Some(s), Some(e)) = (start.small_value(), stop.small_value()) else {
        return badarg();
    };
    if s < 1 || e < s || e as u64 > bytes.len() as u64 {
        return badarg();
    }
    Ok(bytes_list(h, &bytes[s as usize - 1..e as usize], Term::NIL))
}

/// `bitstring_to_list(Bitstring)`: bytes, then the trailing bits as a bitstring.
pub fn bitstring_to_list(h: &mut dyn Heap, b: Term) -> BifResult {
    let bits = b.bits().ok_or_else(Exception::badarg)?;
    let packed = bits.to_vec();
    let whole = bits.bit_size / 8;
    let rest = bits.bit_size % 8;
    let tail = if rest == 0 {
        Term::NIL
    } else {
        let last = term::bitstring(h, &packed[whole..], rest);
        term::cons(h, last, Term::NIL)
    };
    Ok(bytes_list(h, &packed[..whole], tail))
}

/// `nbits` bits of bitstring `b` from bit `off`, sharing the original when possible.
fn part(h: &mut dyn Heap, b: Term, off: usize, nbits: usize) -> Term {
    if let Some(t) = term::sub_binary(h, b, off, nbits) {
        return t;
    }
    let packed = b.bits().map(|x| x.to_vec()).unwrap_or_default();
    let mut out = BitBuf::default();
    out.push_bits(&packed, off, nbits);
    term::bitstring(h, &out.bytes, out.bits)
}

/// `binary_part(Bitstring, Start, Length)` (a negative Length counts back from Start;
/// the range must lie within the whole bytes).
pub fn binary_part3(h: &mut dyn Heap, b: Term, start: Term, len: Term) -> BifResult {
    let size = (b.bits().ok_or_else(Exception::badarg)?.bit_size / 8) as i64;
    let (Some(s), Some(l)) = (start.small_value(), len.small_value()) else {
        return badarg();
    };
    let (s, l) = if l < 0 { (s + l, -l) } else { (s, l) };
    if s < 0 || s > size || l > size - s {
        return badarg();
    }
    Ok(part(h, b, s as usize * 8, l as usize * 8))
}

/// `binary_part(Bitstring, {Start, Length})`.
pub fn binary_part2(h: &mut dyn Heap, b: Term, pos: Term) -> BifResult {
    match pos.tuple_elements() {
        Some(&[s, l]) => binary_part3(h, b, s, l),
        _ => badarg(),
    }
}

/// `split_binary(Bitstring, Pos)`: the first Pos bytes and the rest (with any trailing bits).
pub fn split_binary(h: &mut dyn Heap, b: Term, pos: Term) -> BifResult {
    let bits = b.bits().ok_or_else(Exception::badarg)?.bit_size;
    let p = match pos.small_value() {
        Some(p) if p >= 0 && (p as u64) <= (bits / 8) as u64 => p as usize * 8,
        _ => return badarg(),
    };
    let a = part(h, b, 0, p);
    let c = part(h, b, p, bits - p);
    Ok(term::tuple(h, &[a, c]))
}

/// `byte_size(Bitstring)` (rounded up).
pub fn byte_size(_h: &mut dyn Heap, b: Term) -> BifResult {
    let bits = b.bits().ok_or_else(Exception::badarg)?;
    Ok(uint(bits.bit_size.div_ceil(8)))
}

/// `bit_size(Bitstring)`.
pub fn bit_size(h: &mut dyn Heap, b: Term) -> BifResult {
    let bits = b.bits().ok_or_else(Exception::badarg)?;
    Ok(term::int(h, bits.bit_size as i64))
}

/// `term_to_binary(Term)`.
pub fn term_to_binary(h: &mut dyn Heap, t: Term) -> BifResult {
    let bytes = etf::encode(t);
    Ok(term::binary(h, &bytes))
}

/// `term_to_binary(Term, Options)`: `compressed` (zlib level 6), `{compressed, 0..9}`,
/// `{minor_version, 0..2}` and `deterministic` (ferl's encoding is always deterministic),
/// checked as OTP 25 does; the last of repeated options wins.
pub fn term_to_binary2(h: &mut dyn Heap, t: Term, opts: Term) -> BifResult {
    let mut o = etf::EncodeOptions::default();
    for opt in proper(opts)? {
        let ok = match opt.atom_name() {
            Some("compressed") => {
                o.level = 6;
                true
            }
            Some("deterministic") => true,
            Some(_) => false,
            None => match opt.tuple_elements() {
                Some(&[k, v]) => match (k.atom_name(), v.small_value()) {
                    (Some("compressed"), Some(n)) if (0..=9).contains(&n) => {
                        o.level = n as u32;
                        true
                    }
                    (Some("minor_version"), Some(n)) if (0..=2).contains(&n) => {
                        o.minor_version = n as u8;
                        true
                    }
                    _ => false,
                },
                _ => false,
            },
        };
        if !ok {
            return badarg();
        }
    }
    Ok(term::binary(h, &etf::encode_with(t, o)))
}

/// `binary_to_term(Binary)` (bytes after the term are ignored, as on BEAM).
pub fn binary_to_term(h: &mut dyn Heap, b: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?;
    etf::decode_prefix(h, bytes).map(|(t, _)| t)
}

/// `binary_to_term(Binary, Options)`: `used` returns `{Term, BytesUsed}`; `safe` refuses
/// to create atoms (badarg for an atom that does not exist yet).
pub fn binary_to_term2(h: &mut dyn Heap, b: Term, opts: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?;
    let (mut used, mut safe) = (false, false);
    for o in proper(opts)? {
        match o.atom_name() {
            Some("used") => used = true,
            Some("safe") => safe = true,
            _ => return badarg(),
        }
    }
    let (t, n) = etf::decode_prefix_with(h, bytes, safe)?;
    if used {
        let n = term::int(h, n as i64);
        Ok(term::tuple(h, &[t, n]))
    } else {
        Ok(t)
    }
}
