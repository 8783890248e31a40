//! Bit syntax for compiled code: binary construction (`ferl_rt_bin_build`) and segment
//! extraction for matching (`ferl_rt_bs_get`, `ferl_rt_bs_end`), with BEAM's semantics
//! (sizes in units, integer/float/binary/bitstring/utf8/16/32 segments, signedness,
//! big/little/native endianness; construction errors are `badarg`).
//!
//! A match context is an ordinary bitstring term (the rest still to match: a sub-binary
//! of the original), so it is a valid GC root wherever compiled code keeps it.
//! Owns: the segment spec encoding shared with the code generator ([`spec`]).
//! Must not: collect (results are allocated with the process's `Heap`, in fragments when
//! the block is full), or unwind.

use crate::exception::Exception;
use crate::process::Process;
use crate::term::{self, Term, NON_VALUE};
use num_bigint::{BigInt, Sign};

/// Segment spec word: `ty | unit << 3 | signed << 12 | endian << 13`.
pub mod spec {
    #![allow(missing_docs)]
    pub const INTEGER: u64 = 0;
    pub const FLOAT: u64 = 1;
    pub const BINARY: u64 = 2;
    pub const BITSTRING: u64 = 3;
    pub const UTF8: u64 = 4;
    pub const UTF16: u64 = 5;
    pub const UTF32: u64 = 6;
    pub const BIG: u64 = 0;
    pub const LITTLE: u64 = 1;
    pub const NATIVE: u64 = 2;
    /// Encode a spec.
    pub const fn encode(ty: u64, unit: u64, signed: bool, endian: u64) -> u64 {
        ty | (unit & 0x1FF) << 3 | (signed as u64) << 12 | endian << 13
    }
}

struct Spec {
    ty: u64,
    unit: usize,
    signed: bool,
    little: bool,
}

fn decode(w: u64) -> Spec {
    let endian = (w >> 13) & 3;
    let little =
        endian == spec::LITTLE || (endian == spec::NATIVE && cfg!(target_endian = "little"));
    Spec {
        ty: w & 7,
        unit: ((w >> 3) & 0x1FF) as usize,
        signed: (w >> 12) & 1 != 0,
        little,
    }
}

/// A growing bitstring.
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    bits: usize,
}

impl Writer {
    fn push_bit(&mut self, b: bool) {
        if self.bits.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if b {
            let i = self.bits / 8;
            self.bytes[i] |= 0x80 >> (self.bits % 8);
        }
        self.bits += 1;
    }
    /// Append `n` bits of `packed` (first bit = high bit of packed[0]).
    fn push(&mut self, packed: &[u8], n: usize) {
        if self.bits.is_multiple_of(8) && n.is_multiple_of(8) {
            self.bytes.extend_from_slice(&packed[..n / 8]);
            self.bits += n;
            return;
        }
        for i in 0..n {
            self.push_bit((packed[i / 8] >> (7 - i % 8)) & 1 != 0);
        }
    }
    fn push_byte(&mut self, b: u8) {
        self.push(&[b], 8);
    }
}

/// Read `n` bits at bit `pos` of `b` as a packed vector (first bit high).
fn read_bits(b: &term::Bits, pos: usize, n: usize) -> Vec<u8> {
    let start = b.bit_off + pos;
    if start.is_multiple_of(8) && n.is_multiple_of(8) {
        return b.bytes[start / 8..start / 8 + n / 8].to_vec();
    }
    let mut out = vec![0u8; n.div_ceil(8)];
    for i in 0..n {
        let s = start + i;
        if (b.bytes[s / 8] >> (7 - s % 8)) & 1 != 0 {
            out[i / 8] |= 0x80 >> (i % 8);
        }
    }
    out
}

/// The low `n` bits of `v` (two's complement) as packed big-endian bits.
fn int_bits_be(v: &BigInt, n: usize) -> Vec<u8> {
    let nbytes = n.div_ceil(8);
    // v mod 2^n, non-negative, shifted so the n bits start at the high bit.
    let modulus = BigInt::from(1) << n;
    let mut m = v % &modulus;
    if m.sign() == Sign::Minus {
        m += &modulus;
    }
    let m = m << (nbytes * 8 - n);
    let (_, mut bytes) = m.to_bytes_be();
    if bytes.len() < nbytes {
        let mut pad = vec![0u8; nbytes - bytes.len()];
        pad.extend(bytes);
        bytes = pad;
    }
    let len = bytes.len();
    bytes[len - nbytes..].to_vec()
}

fn put_int(w: &mut Writer, v: Term, n: usize, little: bool) -> Option<()> {
    let bi = v.to_bigint()?;
    if !little || n <= 8 {
        let bits = int_bits_be(&bi, n);
        w.push(&bits, n);
        return Some(());
    }
    // Little endian: whole bytes from the least significant, then the remaining high bits.
    let full = n / 8;
    let rest = n % 8;
    let be = int_bits_be(&bi, n);
    // `be` holds the n-bit value shifted left by (8*ceil - n); recover bytes of the value.
    let val = BigInt::from_bytes_be(Sign::Plus, &be) >> (be.len() * 8 - n);
    for k in 0..full {
        let byte: BigInt = (&val >> (8 * k)) & BigInt::from(0xFF);
        let (_, b) = byte.to_bytes_be();
        w.push_byte(*b.last().unwrap_or(&0));
    }
    if rest > 0 {
        let top: BigInt = (&val >> (8 * full)) & BigInt::from((1u32 << rest) - 1);
        let (_, b) = (top << (8 - rest)).to_bytes_be();
        w.push(&[*b.last().unwrap_or(&0)], rest);
    }
    Some(())
}

fn put_float(w: &mut Writer, v: Term, n: usize, little: bool) -> Option<()> {
    let f = match v.float_value() {
        Some(f) => f,
        None => {
            let i = v.to_bigint()?;
            let f: f64 = num_traits::ToPrimitive::to_f64(&i)?;
            if !f.is_finite() {
                return None;
            }
            f
        }
    };
    let mut bytes = match n {
        64 => f.to_be_bytes().to_vec(),
        32 => {
            let g = f as f32;
            if g.is_infinite() && f.is_finite() {
                return None;
            }
            g.to_be_bytes().to_vec()
        }
        16 => f16_bits(f)?.to_be_bytes().to_vec(),
        _ => return None,
    };
    if little {
        bytes.reverse();
    }
    w.push(&bytes, n);
    Some(())
}

/// IEEE half precision bits of `f` (round to nearest even); None if it overflows.
fn f16_bits(f: f64) -> Option<u16> {
    let x = f as f32;
    let b = x.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let exp = ((b >> 23) & 0xFF) as i32;
    let man = b & 0x7F_FFFF;
    if exp == 0xFF {
        return None;
    }
    let e = exp - 127 + 15;
    if e >= 31 {
        return None;
    }
    if e <= 0 {
        if e < -10 {
            return Some(sign);
        }
        let m = man | 0x80_0000;
        let shift = (14 - e) as u32;
        let mut h = m >> shift;
        let rem = m & ((1 << shift) - 1);
        let half = 1 << (shift - 1);
        if rem > half || (rem == half && h & 1 == 1) {
            h += 1;
        }
        return Some(sign | h as u16);
    }
    let mut h = ((e as u32) << 10) | (man >> 13);
    let rem = man & 0x1FFF;
    if rem > 0x1000 || (rem == 0x1000 && h & 1 == 1) {
        h += 1;
    }
    if h >= 0x7C00 {
        return None;
    }
    Some(sign | h as u16)
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1F) as i32;
    let m = (h & 0x3FF) as f64;
    match e {
        0 => sign * m * 2f64.powi(-24),
        31 => f64::NAN,
        _ => sign * (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}

fn code_point(v: Term) -> Option<u32> {
    let c = v.small_value()?;
    if (0..=0x10FFFF).contains(&c) && !(0xD800..=0xDFFF).contains(&c) {
        Some(c as u32)
    } else {
        None
    }
}

fn put_utf(w: &mut Writer, v: Term, ty: u64, little: bool) -> Option<()> {
    let c = code_point(v)?;
    match ty {
        spec::UTF8 => {
            let ch = char::from_u32(c)?;
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                w.push_byte(b);
            }
        }
        spec::UTF16 => {
            let ch = char::from_u32(c)?;
            let mut buf = [0u16; 2];
            for u in ch.encode_utf16(&mut buf).iter() {
                let b = if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                w.push(&b, 16);
            }
        }
        _ => {
            let b = if little {
                c.to_le_bytes()
            } else {
                c.to_be_bytes()
            };
            w.push(&b, 32);
        }
    }
    Some(())
}

/// The size in bits of a segment: `size` (a term, or NON_VALUE for the default) times
/// the unit. None: not a non-negative integer.
fn seg_bits(size: Term, unit: usize) -> Option<Option<usize>> {
    if size.is_non_value() {
        return Some(None);
    }
    let n = size.small_value()?;
    if n < 0 {
        return None;
    }
    (n as usize).checked_mul(unit).map(Some)
}

fn put_segment(w: &mut Writer, v: Term, size: Term, sp: u64) -> Option<()> {
    let s = decode(sp);
    match s.ty {
        spec::INTEGER => {
            if !v.is_integer() {
                return None;
            }
            let n = seg_bits(size, s.unit)?.unwrap_or(8);
            put_int(w, v, n, s.little)
        }
        spec::FLOAT => {
            if !v.is_number() {
                return None;
            }
            let n = seg_bits(size, s.unit)?.unwrap_or(64);
            put_float(w, v, n, s.little)
        }
        spec::BINARY | spec::BITSTRING => {
            let b = v.bits()?;
            let n = match seg_bits(size, s.unit)? {
                Some(n) => {
                    if n > b.bit_size {
                        return None;
                    }
                    n
                }
                None => {
                    if s.unit > 1 && !b.bit_size.is_multiple_of(s.unit) {
                        return None;
                    }
                    b.bit_size
                }
            };
            let bits = read_bits(&b, 0, n);
            w.push(&bits, n);
            Some(())
        }
        _ => put_utf(w, v, s.ty, s.little),
    }
}

/// Build a bitstring from `n` segments in `xregs[0..3n]`: (value, size term or
/// NON_VALUE for the default, spec as a small integer, see [`spec`]). Raises `badarg`.
///
/// # Safety
/// `p` must be a valid process with 3n words in its x-registers as described.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_bin_build(p: *mut Process, n: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    let n = (n as usize).min(crate::process::MAX_XREGS / 3);
    let appending = n >= 1 && is_whole_binary_segment(p.x(1), p.x(2));
    if appending {
        if let Some(r) = append_in_place(p, n) {
            return r.raw();
        }
    }
    let mut w = Writer::default();
    for i in 0..n {
        let (v, size, sp) = (p.x(3 * i), p.x(3 * i + 1), p.x(3 * i + 2));
        let sp = sp.small_value().unwrap_or(0) as u64;
        if put_segment(&mut w, v, size, sp).is_none() {
            let e = Exception::badarg();
            return p.raise(e.class, e.reason).raw();
        }
    }
    if appending && w.bits.is_multiple_of(8) && w.bytes.len() > term::HEAP_BIN_LIMIT {
        return appendable(p, w.bytes).raw();
    }
    term::bitstring(p, &w.bytes, w.bits).raw()
}

// ---- appending in place ---------------------------------------------------------------
// `<<Acc/binary, ...>>` in a loop would copy Acc every time (quadratic). As BEAM does, an
// append whose result is a REFC_BIN-sized binary makes it *appendable*: a REFC_BIN whose
// buffer has spare capacity, returned through a SUB_BIN covering what is used. The next
// append to exactly that value writes after the used bytes instead of copying, grows the
// REFC_BIN's length, and returns a longer SUB_BIN. Older values keep their (shorter)
// views of bytes that never change; an append to one of them, or to a buffer another
// process shares (strong count > 1), copies as usual.

/// A first segment that takes the whole value: `V/binary` or `V/bitstring`, no size.
fn is_whole_binary_segment(size: Term, sp: Term) -> bool {
    let s = decode(sp.small_value().unwrap_or(0) as u64);
    size == crate::term::NON_VALUE
        && ((s.ty == spec::BINARY && matches!(s.unit, 0 | 8)) || (s.ty == spec::BITSTRING && matches!(s.unit, 0 | 1)))
}

/// A new appendable binary holding `bytes` (capacity for as much again, at least 256).
fn appendable(p: &mut Process, mut bytes: Vec<u8>) -> Term {
    let len = bytes.len();
    bytes.reserve((2 * len).max(256) - len);
    let r = term::refc_binary(p, std::sync::Arc::new(bytes));
    term::sub_binary(p, r, 0, len * 8).unwrap_or(r)
}

/// `<<Acc/binary, Segs...>>` (segments in `xregs[0..3n]`, the first is Acc) in place when
/// Acc is the current end of an appendable binary of this process only and the other
/// segments make whole bytes; None (nothing changed) otherwise, or when a segment is
/// bad (the general path raises).
fn append_in_place(p: &mut Process, n: usize) -> Option<Term> {
    let acc = p.x(0);
    if acc.subtag() != Some(term::sub::SUB_BIN) {
        return None;
    }
    let (orig, off, bits) = acc.bitstring_origin()?;
    if off != 0 || !bits.is_multiple_of(8) || orig.subtag() != Some(term::sub::REFC_BIN) {
        return None;
    }
    let r = orig.boxed_ptr();
    // SAFETY: `orig` is a live REFC_BIN: header, length, Arc<Vec<u8>> raw pointer, link.
    let (len, raw) = unsafe { (*r.add(1) as usize, *r.add(2) as *const Vec<u8>) };
    if len * 8 != bits {
        return None;
    }
    let mut w = Writer::default();
    for i in 1..n {
        let (v, size, sp) = (p.x(3 * i), p.x(3 * i + 1), p.x(3 * i + 2));
        put_segment(&mut w, v, size, sp.small_value().unwrap_or(0) as u64)?;
    }
    if !w.bits.is_multiple_of(8) {
        return None;
    }
    // SAFETY: the REFC_BIN owns one strong count of this Arc; borrowing it without
    // taking that count (ManuallyDrop) leaves the count as it is.
    let mut arc = std::mem::ManuallyDrop::new(unsafe { std::sync::Arc::from_raw(raw) });
    // Unique: no other REFC_BIN (in any process) shares the buffer, so this process's
    // views of it are the only readers, and none of them sees bytes past `len`.
    let v = std::sync::Arc::get_mut(&mut arc)?;
    if v.len() != len {
        return None;
    }
    v.extend_from_slice(&w.bytes);
    let new_len = v.len();
    // SAFETY: as above; the REFC_BIN's length grows to what its buffer now holds.
    unsafe { *r.add(1) = new_len as u64 };
    term::sub_binary(p, orig, 0, new_len * 8)
}

fn get_int(b: &term::Bits, n: usize, s: &Spec) -> BigInt {
    let raw = read_bits(b, 0, n);
    let nbytes = raw.len();
    let val = if n == 0 {
        BigInt::from(0)
    } else if !s.little || n <= 8 {
        BigInt::from_bytes_be(Sign::Plus, &raw) >> (nbytes * 8 - n)
    } else {
        let full = n / 8;
        let rest = n % 8;
        let mut v = BigInt::from(0);
        for (k, byte) in raw.iter().take(full).enumerate() {
            v += BigInt::from(*byte) << (8 * k);
        }
        if rest > 0 {
            let top = raw[full] >> (8 - rest);
            v += BigInt::from(top) << (8 * full);
        }
        v
    };
    if s.signed && n > 0 && (&val >> (n - 1)) & BigInt::from(1) == BigInt::from(1) {
        val - (BigInt::from(1) << n)
    } else {
        val
    }
}

fn get_segment(p: &mut Process, ctx: Term, size: Term, sp: u64) -> Option<(Term, Term)> {
    let s = decode(sp);
    let (orig, off, total) = ctx.bitstring_origin()?;
    let b = ctx.bits()?;
    let (value, used) = match s.ty {
        spec::INTEGER => {
            let n = seg_bits(size, s.unit)?.unwrap_or(8);
            if n > total {
                return None;
            }
            let v = get_int(&b, n, &s);
            (term::bigint(p, &v), n)
        }
        spec::FLOAT => {
            let n = seg_bits(size, s.unit)?.unwrap_or(64);
            if n > total {
                return None;
            }
            let mut raw = read_bits(&b, 0, n);
            if s.little {
                raw.reverse();
            }
            let f = match n {
                64 => f64::from_be_bytes(raw.try_into().ok()?),
                32 => f32::from_be_bytes(raw.try_into().ok()?) as f64,
                16 => f16_to_f64(u16::from_be_bytes(raw.try_into().ok()?)),
                _ => return None,
            };
            if !f.is_finite() {
                return None;
            }
            (term::float(p, f), n)
        }
        spec::BINARY | spec::BITSTRING => {
            let n = match seg_bits(size, s.unit)? {
                Some(n) => n,
                None => {
                    if s.unit > 1 && !total.is_multiple_of(s.unit) {
                        return None;
                    }
                    total
                }
            };
            if n > total {
                return None;
            }
            if !off.is_multiple_of(8) && n.is_multiple_of(8) {
                // A binary at an unaligned bit offset is copied: the binary BIFs (and
                // `Term::binary_bytes`) read whole-byte binaries as aligned byte slices.
                (term::binary(p, &read_bits(&b, 0, n)), n)
            } else {
                (term::sub_binary(p, orig, off, n)?, n)
            }
        }
        spec::UTF8 => {
            let first = *read_bits(&b, 0, 8.min(total)).first()?;
            if total < 8 {
                return None;
            }
            let len = match first {
                0x00..=0x7F => 1,
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return None,
            };
            if total < 8 * len {
                return None;
            }
            let bytes = read_bits(&b, 0, 8 * len);
            let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
            (Term::small(c as i64)?, 8 * len)
        }
        spec::UTF16 => {
            if total < 16 {
                return None;
            }
            let rd = |pos: usize| {
                let r = read_bits(&b, pos, 16);
                if s.little {
                    u16::from_le_bytes([r[0], r[1]])
                } else {
                    u16::from_be_bytes([r[0], r[1]])
                }
            };
            let u = rd(0);
            if (0xD800..0xDC00).contains(&u) {
                if total < 32 {
                    return None;
                }
                let l = rd(16);
                if !(0xDC00..0xE000).contains(&l) {
                    return None;
                }
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((l as u32) - 0xDC00);
                (Term::small(c as i64)?, 32)
            } else if (0xDC00..0xE000).contains(&u) {
                return None;
            } else {
                (Term::small(u as i64)?, 16)
            }
        }
        _ => {
            if total < 32 {
                return None;
            }
            let r = read_bits(&b, 0, 32);
            let c = if s.little {
                u32::from_le_bytes([r[0], r[1], r[2], r[3]])
            } else {
                u32::from_be_bytes([r[0], r[1], r[2], r[3]])
            };
            let v = Term::small(c as i64)?;
            code_point(v)?;
            (v, 32)
        }
    };
    let rest = term::sub_binary(p, orig, off + used, total - used)?;
    Some((value, rest))
}

/// Extract one segment from match context `ctx` (a bitstring): returns the rest (a
/// bitstring) and puts the value in `xregs[0]`, or returns NON_VALUE when the segment
/// does not match (too few bits, bad size, invalid utf, non-finite float). `size` is a
/// term or NON_VALUE (the type's default); `spec` as in [`spec`] (raw, not a term).
///
/// # Safety
/// `p` must be a valid process whose x-registers are set; `ctx` a bitstring.
#[no_mangle]
pub unsafe extern "C" fn ferl_rt_bs_get(p: *mut Process, ctx: u64, size: u64, sp: u64) -> u64 {
    // SAFETY: caller guarantees a valid, exclusively accessed process.
    let p = unsafe { &mut *p };
    // SAFETY: compiled code passes valid terms (or NON_VALUE for `size`).
    let (ctx, size) = unsafe { (Term::from_raw(ctx), Term::from_raw(size)) };
    match get_segment(p, ctx, size, sp) {
        Some((v, rest)) => {
            p.set_x(0, v);
            rest.raw()
        }
        None => NON_VALUE.raw(),
    }
}

/// 1 when match context `ctx` has no bits left, else 0.
#[no_mangle]
pub extern "C" fn ferl_rt_bs_end(ctx: u64) -> u64 {
    // SAFETY: compiled code passes a valid bitstring term.
    let ctx = unsafe { Term::from_raw(ctx) };
    ctx.bits().is_some_and(|b| b.bit_size == 0) as u64
}

pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
    vec![
        ("ferl_rt_bin_build", ferl_rt_bin_build as *const u8),
        ("ferl_rt_bs_get", ferl_rt_bs_get as *const u8),
        ("ferl_rt_bs_end", ferl_rt_bs_end as *const u8),
    ]
}
