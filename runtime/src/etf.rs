//! External Term Format: `term_to_binary/1` and `binary_to_term/1`, byte-compatible with
//! OTP 25's defaults (minor version 1: NEW_FLOAT_EXT, latin-1 atoms as ATOM_EXT, other
//! atoms as (SMALL_)ATOM_UTF8_EXT, STRING_EXT for byte lists, NEW_PID_EXT,
//! NEWER_REFERENCE_EXT).
//!
//! Owns: encoding and decoding. Both run iteratively (explicit work lists), so deep terms
//! cannot overflow the native stack; decoding never panics and rejects malformed input
//! with `badarg`.
//! Must not: know about processes beyond the local node `nonode@nohost`.
//! Also `term_to_binary/2`'s compression (zlib's `compress2`, BEAM's bytes) and minor
//! versions 0 and 2, compressed input (tag 80), and `binary_to_term/2`'s `safe`.
//! Maps are written in `map::list_entries` order (BEAM's HAMT order above 32 keys).
//! Known gaps: closures are encoded as NEW_FUN_EXT with the creator pid `<0.0.0>` and a
//! zero `Uniq` (BEAM writes the module's MD5); decoding finds the lambda by module and
//! index among the loaded modules (`native::loader::lookup_fun`), ignoring `Uniq`.

use crate::atom::{self, idx};
use crate::exception::Exception;
use crate::heap::Heap;
use crate::map;
use crate::term::{self, Kind, Term, NIL};
use num_bigint::{BigInt, BigUint, Sign};

const VERSION: u8 = 131;
const COMPRESSED: u8 = 80;
const NEW_FLOAT_EXT: u8 = 70;
const BIT_BINARY_EXT: u8 = 77;
const NEW_PID_EXT: u8 = 88;
const NEWER_REFERENCE_EXT: u8 = 90;
const SMALL_INTEGER_EXT: u8 = 97;
const INTEGER_EXT: u8 = 98;
const FLOAT_EXT: u8 = 99;
const ATOM_EXT: u8 = 100;
const PID_EXT: u8 = 103;
const SMALL_TUPLE_EXT: u8 = 104;
const LARGE_TUPLE_EXT: u8 = 105;
const NIL_EXT: u8 = 106;
const STRING_EXT: u8 = 107;
const LIST_EXT: u8 = 108;
const BINARY_EXT: u8 = 109;
const SMALL_BIG_EXT: u8 = 110;
const LARGE_BIG_EXT: u8 = 111;
const NEW_FUN_EXT: u8 = 112;
const EXPORT_EXT: u8 = 113;
const NEW_REFERENCE_EXT: u8 = 114;
const SMALL_ATOM_EXT: u8 = 115;
const MAP_EXT: u8 = 116;
const ATOM_UTF8_EXT: u8 = 118;
const SMALL_ATOM_UTF8_EXT: u8 = 119;

// ---- encoding -------------------------------------------------------------------------

/// `term_to_binary(T)`.
pub fn encode(t: Term) -> Vec<u8> {
    encode_with(t, EncodeOptions::default())
}

/// The options of `term_to_binary/2` that change the bytes.
#[derive(Clone, Copy, Debug)]
pub struct EncodeOptions {
    /// zlib level 1..=9 for `compressed` / `{compressed, N}`; 0 = not compressed.
    pub level: u32,
    /// `{minor_version, N}`: 0 writes floats as FLOAT_EXT text, 2 every atom as UTF-8.
    pub minor_version: u8,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            level: 0,
            minor_version: 1,
        }
    }
}

/// `term_to_binary(T, Options)`. Compression as BEAM: zlib (`compress2` at the level)
/// over the encoding without the version byte, used only when it is at most 5 bytes
/// shorter than that encoding (BEAM gives zlib exactly that much room); then the result
/// is `131, 80, UncompressedSize:32, ZlibStream`.
pub fn encode_with(t: Term, o: EncodeOptions) -> Vec<u8> {
    let mut body = Vec::new();
    encode_term(&mut body, t, o.minor_version);
    if o.level > 0 && body.len() >= 5 {
        let room = body.len() - 5;
        if let Some(z) = zlib_compress(&body, o.level, room) {
            let mut out = Vec::with_capacity(z.len() + 6);
            out.extend_from_slice(&[VERSION, COMPRESSED]);
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            out.extend_from_slice(&z);
            return out;
        }
    }
    let mut out = Vec::with_capacity(body.len() + 1);
    out.push(VERSION);
    out.extend_from_slice(&body);
    out
}

/// zlib's `compress2(level)` output if it fits in `room` bytes.
fn zlib_compress(data: &[u8], level: u32, room: usize) -> Option<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut c = Compress::new(Compression::new(level), true);
    let mut out = Vec::with_capacity(room);
    match c.compress_vec(data, &mut out, FlushCompress::Finish) {
        Ok(Status::StreamEnd) => Some(out),
        _ => None,
    }
}

/// Inflate a COMPRESSED payload: exactly `size` bytes; returns them and the bytes of
/// `z` the zlib stream used.
fn zlib_uncompress(z: &[u8], size: usize) -> Result<(Vec<u8>, usize), Exception> {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut d = Decompress::new(true);
    let mut out = Vec::with_capacity(size);
    match d.decompress_vec(z, &mut out, FlushDecompress::Finish) {
        Ok(Status::StreamEnd) if out.len() == size => Ok((out, d.total_in() as usize)),
        _ => Err(Exception::badarg()),
    }
}

/// OTP's `%.20e` text of a float for FLOAT_EXT, NUL-padded to 31 bytes.
fn float_text(f: f64) -> [u8; 31] {
    let s = format!("{f:.20e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let text = format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    let mut out = [0u8; 31];
    let n = text.len().min(31);
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out
}

fn put_atom_v(out: &mut Vec<u8>, name: &str, minor: u8) {
    if minor < 2 && name.chars().all(|c| (c as u32) < 256) {
        out.push(ATOM_EXT);
        out.extend_from_slice(&(name.chars().count() as u16).to_be_bytes());
        out.extend(name.chars().map(|c| c as u8));
    } else if name.len() < 256 {
        out.push(SMALL_ATOM_UTF8_EXT);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(ATOM_UTF8_EXT);
        out.extend_from_slice(&(name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

fn put_big(out: &mut Vec<u8>, b: &BigInt) {
    let (sign, mag) = b.to_bytes_le();
    if mag.len() < 256 {
        out.push(SMALL_BIG_EXT);
        out.push(mag.len() as u8);
    } else {
        out.push(LARGE_BIG_EXT);
        out.extend_from_slice(&(mag.len() as u32).to_be_bytes());
    }
    out.push(u8::from(sign == Sign::Minus));
    out.extend_from_slice(&mag);
}

/// Is `t` a proper list of bytes shorter than 65536 (STRING_EXT)?
fn as_byte_string(t: Term) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.cons_parts() {
        let v = h.small_value().filter(|v| (0..256).contains(v))?;
        bytes.push(v as u8);
        if bytes.len() >= 65536 {
            return None;
        }
        cur = tl;
    }
    if cur.is_nil() {
        Some(bytes)
    } else {
        None
    }
}

/// Append the encoding of `t` (without the version byte).
pub fn encode_into(out: &mut Vec<u8>, t: Term) {
    encode_term(out, t, 1)
}

fn encode_term(out: &mut Vec<u8>, t: Term, minor: u8) {
    let put_atom = |out: &mut Vec<u8>, name: &str| put_atom_v(out, name, minor);
    let mut work = vec![t];
    while let Some(t) = work.pop() {
        match t.kind() {
            Kind::Small | Kind::Big => match t.int_value() {
                Some(term::Int::Small(v)) if (0..256).contains(&v) => {
                    out.push(SMALL_INTEGER_EXT);
                    out.push(v as u8);
                }
                Some(term::Int::Small(v)) if i32::try_from(v).is_ok() => {
                    out.push(INTEGER_EXT);
                    out.extend_from_slice(&(v as i32).to_be_bytes());
                }
                Some(i) => put_big(out, &i.to_bigint()),
                None => {}
            },
            Kind::Float if minor == 0 => {
                out.push(FLOAT_EXT);
                out.extend_from_slice(&float_text(t.float_value().unwrap_or(0.0)));
            }
            Kind::Float => {
                out.push(NEW_FLOAT_EXT);
                out.extend_from_slice(&t.float_value().unwrap_or(0.0).to_be_bytes());
            }
            Kind::Atom => put_atom(out, t.atom_name().unwrap_or("")),
            Kind::Nil => out.push(NIL_EXT),
            Kind::Pid => {
                out.push(NEW_PID_EXT);
                put_atom(out, atom::name(idx::NONODE));
                out.extend_from_slice(&(t.pid_serial().unwrap_or(0) as u32).to_be_bytes());
                out.extend_from_slice(&[0; 8]); // serial, creation
            }
            Kind::Port => {
                // Local ports (reserved): V4_PORT_EXT-free NEW_PORT_EXT layout.
                out.push(89);
                put_atom(out, atom::name(idx::NONODE));
                out.extend_from_slice(&((t.raw() >> 4) as u32).to_be_bytes());
                out.extend_from_slice(&[0; 4]);
            }
            Kind::Ref => {
                let ids = t.ref_ids().unwrap_or([0; 3]);
                out.push(NEWER_REFERENCE_EXT);
                out.extend_from_slice(&3u16.to_be_bytes());
                put_atom(out, atom::name(idx::NONODE));
                out.extend_from_slice(&[0; 4]);
                for id in ids {
                    out.extend_from_slice(&id.to_be_bytes());
                }
            }
            Kind::Export => {
                if let Some((m, f, a)) = t.export_mfa() {
                    out.push(EXPORT_EXT);
                    put_atom(out, m.atom_name().unwrap_or(""));
                    put_atom(out, f.atom_name().unwrap_or(""));
                    out.push(SMALL_INTEGER_EXT);
                    out.push(a as u8);
                }
            }
            Kind::Fun => {
                if let Some((e, env)) = t.closure_parts() {
                    // Size covers everything from the Size field on; patched below.
                    let start = out.len();
                    out.push(NEW_FUN_EXT);
                    out.extend_from_slice(&[0; 4]);
                    out.push(e.arity as u8);
                    out.extend_from_slice(&e.uniq);
                    out.extend_from_slice(&e.index.to_be_bytes());
                    out.extend_from_slice(&(env.len() as u32).to_be_bytes());
                    put_atom(out, e.module.atom_name().unwrap_or(""));
                    let mut tail = Vec::new();
                    encode_term(&mut tail, Term::small(e.index as i64).unwrap_or(NIL), minor);
                    encode_term(
                        &mut tail,
                        Term::small(e.old_uniq as i64).unwrap_or(NIL),
                        minor,
                    );
                    encode_term(&mut tail, Term::pid(0), minor);
                    for v in env {
                        encode_term(&mut tail, *v, minor);
                    }
                    out.extend_from_slice(&tail);
                    let size = (out.len() - start - 1) as u32;
                    out[start + 1..start + 5].copy_from_slice(&size.to_be_bytes());
                }
            }
            Kind::Tuple => {
                let el = t.tuple_elements().unwrap_or(&[]);
                if el.len() < 256 {
                    out.push(SMALL_TUPLE_EXT);
                    out.push(el.len() as u8);
                } else {
                    out.push(LARGE_TUPLE_EXT);
                    out.extend_from_slice(&(el.len() as u32).to_be_bytes());
                }
                work.extend(el.iter().rev());
            }
            Kind::Map => {
                let es = map::list_entries(t);
                out.push(MAP_EXT);
                out.extend_from_slice(&(es.len() as u32).to_be_bytes());
                for (k, v) in es.into_iter().rev() {
                    work.push(v);
                    work.push(k);
                }
            }
            Kind::Cons => {
                if let Some(bytes) = as_byte_string(t) {
                    out.push(STRING_EXT);
                    out.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
                    out.extend_from_slice(&bytes);
                    continue;
                }
                let mut elems = Vec::new();
                let mut cur = t;
                while let Some((h, tl)) = cur.cons_parts() {
                    elems.push(h);
                    cur = tl;
                }
                out.push(LIST_EXT);
                out.extend_from_slice(&(elems.len() as u32).to_be_bytes());
                work.push(cur);
                work.extend(elems.iter().rev());
            }
            Kind::Bits => {
                if let Some(b) = t.bits() {
                    let data = b.to_vec();
                    if b.bit_size % 8 == 0 {
                        out.push(BINARY_EXT);
                        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
                    } else {
                        out.push(BIT_BINARY_EXT);
                        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
                        out.push((b.bit_size % 8) as u8);
                    }
                    out.extend_from_slice(&data);
                }
            }
            Kind::Other => {}
        }
    }
}

// ---- decoding -------------------------------------------------------------------------

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    /// `binary_to_term(B, [safe])`: atoms must exist already.
    safe: bool,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], Exception> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(Exception::badarg)?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Exception> {
        Ok(self.bytes(1)?[0])
    }
    fn u16(&mut self) -> Result<usize, Exception> {
        let s = self.bytes(2)?;
        Ok(u16::from_be_bytes([s[0], s[1]]) as usize)
    }
    fn u32(&mut self) -> Result<u32, Exception> {
        let s = self.bytes(4)?;
        Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    }
    /// A length that must be plausible given the remaining input (each item >= `min` bytes).
    fn len32(&mut self, min: usize) -> Result<usize, Exception> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.b.len() - self.pos {
            return Err(Exception::badarg());
        }
        Ok(n)
    }
    /// An integer term written as SMALL_INTEGER_EXT or INTEGER_EXT.
    fn small_int(&mut self) -> Result<i64, Exception> {
        match self.u8()? {
            SMALL_INTEGER_EXT => Ok(self.u8()? as i64),
            INTEGER_EXT => Ok(self.u32()? as i32 as i64),
            _ => Err(Exception::badarg()),
        }
    }
    /// A local pid term (node `nonode@nohost`, serial 0).
    fn pid(&mut self) -> Result<Term, Exception> {
        let tag = self.u8()?;
        if tag != NEW_PID_EXT && tag != PID_EXT {
            return Err(Exception::badarg());
        }
        let node = self.atom()?;
        let id = self.u32()?;
        let serial = self.u32()?;
        if tag == NEW_PID_EXT {
            self.u32()?;
        } else {
            self.u8()?;
        }
        if node != Term::atom(idx::NONODE) || serial != 0 || id as u64 > term::PID_MAX {
            return Err(Exception::badarg());
        }
        Ok(Term::pid(id as u64))
    }
    fn atom(&mut self) -> Result<Term, Exception> {
        let tag = self.u8()?;
        self.atom_body(tag)
    }
    fn atom_body(&mut self, tag: u8) -> Result<Term, Exception> {
        let name: String = match tag {
            ATOM_EXT => {
                let n = self.u16()?;
                self.bytes(n)?.iter().map(|&c| c as char).collect()
            }
            SMALL_ATOM_EXT => {
                let n = self.u8()? as usize;
                self.bytes(n)?.iter().map(|&c| c as char).collect()
            }
            ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                let n = if tag == ATOM_UTF8_EXT {
                    self.u16()?
                } else {
                    self.u8()? as usize
                };
                std::str::from_utf8(self.bytes(n)?)
                    .map_err(|_| Exception::badarg())?
                    .to_owned()
            }
            _ => return Err(Exception::badarg()),
        };
        if self.safe {
            return atom::global()
                .lookup(&name)
                .map(Term::atom)
                .ok_or_else(Exception::badarg);
        }
        Term::intern(&name).map_err(|_| Exception::badarg())
    }
}

/// `binary_to_term(Bin)`: decode onto `heap`; `badarg` for any malformed input.
pub fn decode<H: Heap + ?Sized>(heap: &mut H, bytes: &[u8]) -> Result<Term, Exception> {
    let (t, used) = decode_prefix(heap, bytes)?;
    if used != bytes.len() {
        return Err(Exception::badarg());
    }
    Ok(t)
}

/// Decode one term from the start of `bytes`; returns it and the bytes consumed
/// (`binary_to_term(Bin, [used])`).
pub fn decode_prefix<H: Heap + ?Sized>(
    heap: &mut H,
    bytes: &[u8],
) -> Result<(Term, usize), Exception> {
    decode_prefix_with(heap, bytes, false)
}

/// `decode_prefix` with `binary_to_term/2`'s `safe` (no new atoms). Compressed input
/// (tag 80) is inflated first; the bytes used then count the zlib stream.
pub fn decode_prefix_with<H: Heap + ?Sized>(
    heap: &mut H,
    bytes: &[u8],
    safe: bool,
) -> Result<(Term, usize), Exception> {
    if bytes.len() >= 6 && bytes[0] == VERSION && bytes[1] == COMPRESSED {
        let size = u32::from_be_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]) as usize;
        let (plain, used) = zlib_uncompress(&bytes[6..], size)?;
        let mut r = Reader {
            b: &plain,
            pos: 0,
            safe,
        };
        let t = decode_body(heap, &mut r)?;
        if r.pos != plain.len() {
            return Err(Exception::badarg());
        }
        return Ok((t, 6 + used));
    }
    let mut r = Reader {
        b: bytes,
        pos: 0,
        safe,
    };
    if r.u8()? != VERSION {
        return Err(Exception::badarg());
    }
    let t = decode_body(heap, &mut r)?;
    Ok((t, r.pos))
}

/// Decode the term at the reader's position (after the version byte).
fn decode_body<H: Heap + ?Sized>(heap: &mut H, r: &mut Reader<'_>) -> Result<Term, Exception> {
    let mut result: u64 = NIL.raw();
    // Destinations to fill, in stream order when popped.
    let mut slots: Vec<*mut u64> = vec![&mut result as *mut u64];
    // Maps are decoded into a scratch tuple of 2n slots and built at the end.
    let mut maps: Vec<(Term, *mut u64)> = Vec::new();
    while let Some(dst) = slots.pop() {
        let Some((t, is_map)) = decode_one(heap, r, &mut slots)? else {
            // An empty LIST_EXT: its tail goes to the same destination.
            slots.push(dst);
            continue;
        };
        if is_map {
            maps.push((t, dst));
        }
        // SAFETY: every destination is either `result` or a slot of an object allocated
        // by decode_one on `heap`, which stays alive and unmoved during decoding.
        unsafe { *dst = t.raw() };
    }
    for (scratch, dst) in maps.into_iter().rev() {
        let kv = scratch.tuple_elements().unwrap_or(&[]);
        let pairs: Vec<(Term, Term)> = kv.chunks(2).map(|c| (c[0], c[1])).collect();
        let m = map::from_pairs(heap, &pairs);
        if m.map_size() != Some(pairs.len()) {
            return Err(Exception::badarg()); // duplicate keys
        }
        // SAFETY: as above.
        unsafe { *dst = m.raw() };
    }
    // SAFETY: `result` was written with a valid term built on `heap`.
    Ok(unsafe { Term::from_raw(result) })
}

/// Decode one item; compound items push their slots. Returns None for an empty
/// LIST_EXT (the tail follows), and marks map scratch tuples with `true`.
fn decode_one<H: Heap + ?Sized>(
    heap: &mut H,
    r: &mut Reader<'_>,
    slots: &mut Vec<*mut u64>,
) -> Result<Option<(Term, bool)>, Exception> {
    let tag = r.u8()?;
    Ok(Some((
        match tag {
            SMALL_INTEGER_EXT => Term::small(r.u8()? as i64).unwrap_or(NIL),
            INTEGER_EXT => Term::small(r.u32()? as i32 as i64).unwrap_or(NIL),
            SMALL_BIG_EXT | LARGE_BIG_EXT => {
                let n = if tag == SMALL_BIG_EXT {
                    r.u8()? as usize
                } else {
                    r.len32(1)?
                };
                let sign = r.u8()?;
                let mag = BigUint::from_bytes_le(r.bytes(n)?);
                let b = BigInt::from_biguint(if sign != 0 { Sign::Minus } else { Sign::Plus }, mag);
                term::bigint(heap, &b)
            }
            NEW_FLOAT_EXT => {
                let s = r.bytes(8)?;
                let f = f64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
                if !f.is_finite() {
                    return Err(Exception::badarg());
                }
                term::float(heap, f)
            }
            FLOAT_EXT => {
                let s = r.bytes(31)?;
                let text = std::str::from_utf8(s).map_err(|_| Exception::badarg())?;
                let f: f64 = text
                    .trim_end_matches('\0')
                    .trim()
                    .parse()
                    .map_err(|_| Exception::badarg())?;
                if !f.is_finite() {
                    return Err(Exception::badarg());
                }
                term::float(heap, f)
            }
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => r.atom_body(tag)?,
            NIL_EXT => NIL,
            STRING_EXT => {
                let n = r.u16()?;
                let bytes = r.bytes(n)?;
                let elems: Vec<Term> = bytes
                    .iter()
                    .map(|&b| Term::small(b as i64).unwrap_or(NIL))
                    .collect();
                term::list(heap, &elems)
            }
            SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
                let n = if tag == SMALL_TUPLE_EXT {
                    r.u8()? as usize
                } else {
                    r.len32(1)?
                };
                let t = term::tuple(heap, &vec![NIL; n]);
                let base = t.boxed_ptr();
                for i in (0..n).rev() {
                    // SAFETY: element i of the tuple just allocated.
                    slots.push(unsafe { base.add(1 + i) });
                }
                t
            }
            LIST_EXT => {
                let n = r.len32(1)?;
                if n == 0 {
                    return Ok(None);
                }
                let cells = heap.alloc(2 * n);
                for i in 0..n {
                    // SAFETY: 2n fresh words; cell i is at cells + 2i; cdrs link to the next cell.
                    unsafe {
                        *cells.add(2 * i) = NIL.raw();
                        *cells.add(2 * i + 1) = if i + 1 < n {
                            cells.add(2 * i + 2) as u64 | term::TAG_LIST
                        } else {
                            NIL.raw()
                        };
                    }
                }
                // SAFETY: slot addresses inside the cells just built.
                unsafe {
                    slots.push(cells.add(2 * n - 1)); // tail
                    for i in (0..n).rev() {
                        slots.push(cells.add(2 * i));
                    }
                    Term::from_cons_ptr(cells)
                }
            }
            BINARY_EXT => {
                let n = r.len32(1)?;
                term::binary(heap, r.bytes(n)?)
            }
            BIT_BINARY_EXT => {
                let n = r.len32(1)?;
                let bits = r.u8()? as usize;
                if n == 0 || bits == 0 || bits > 8 {
                    if n == 0 && bits == 0 {
                        return Ok(Some((term::binary(heap, &[]), false)));
                    }
                    return Err(Exception::badarg());
                }
                let data = r.bytes(n)?;
                term::bitstring(heap, data, (n - 1) * 8 + bits)
            }
            MAP_EXT => {
                let n = r.len32(2)?;
                let scratch = term::tuple(heap, &vec![NIL; 2 * n]);
                let base = scratch.boxed_ptr();
                for i in (0..2 * n).rev() {
                    // SAFETY: element i of the scratch tuple just allocated.
                    slots.push(unsafe { base.add(1 + i) });
                }
                return Ok(Some((scratch, true)));
            }
            NEW_PID_EXT | PID_EXT => {
                r.pos -= 1;
                r.pid()?
            }
            NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT => {
                let n = r.u16()?;
                let node = r.atom()?;
                if tag == NEWER_REFERENCE_EXT {
                    r.u32()?;
                } else {
                    r.u8()?;
                }
                let mut ids = [0u32; 3];
                for i in 0..n {
                    let v = r.u32()?;
                    if let Some(slot) = ids.get_mut(i) {
                        *slot = v;
                    }
                }
                if node != Term::atom(idx::NONODE) || n == 0 || n > 3 {
                    return Err(Exception::badarg());
                }
                term::reference(heap, ids)
            }
            NEW_FUN_EXT => {
                r.u32()?; // Size (the free variables are read through the slots)
                let arity = r.u8()? as u32;
                r.bytes(16)?; // Uniq: ferl identifies a lambda by module and index
                let index = r.u32()?;
                let num_free = r.u32()? as usize;
                let module = r.atom()?;
                r.small_int()?; // OldIndex
                r.small_int()?; // OldUniq
                r.pid()?;
                let entry = crate::native::loader::lookup_fun(module, index)
                    .filter(|e| e.arity == arity && e.num_free as usize == num_free)
                    .ok_or_else(Exception::badarg)?;
                if num_free > r.b.len() - r.pos {
                    return Err(Exception::badarg());
                }
                let f = term::closure(heap, entry, &vec![NIL; num_free]);
                let base = f.boxed_ptr();
                for i in (0..num_free).rev() {
                    // SAFETY: environment word i of the closure just allocated.
                    slots.push(unsafe { base.add(2 + i) });
                }
                f
            }
            EXPORT_EXT => {
                let m = r.atom()?;
                let f = r.atom()?;
                if r.u8()? != SMALL_INTEGER_EXT {
                    return Err(Exception::badarg());
                }
                let a = r.u8()?;
                term::export_fun(heap, m, f, a as u32)
            }
            _ => return Err(Exception::badarg()),
        },
        false,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;

    /// (the `~w` text erl printed, the bytes erl's term_to_binary produced)
    const FROM_ERL: &[(&str, &[u8])] = &[
        (
            "{a,1,[120],<<1,2>>,#{k => v},1.5,123456789012345678901234567890}",
            &[
                131, 104, 7, 100, 0, 1, 97, 97, 1, 107, 0, 1, 120, 109, 0, 0, 0, 2, 1, 2, 116, 0,
                0, 0, 1, 100, 0, 1, 107, 100, 0, 1, 118, 70, 63, 248, 0, 0, 0, 0, 0, 0, 110, 13, 0,
                210, 10, 63, 78, 238, 224, 115, 195, 246, 15, 233, 142, 1,
            ],
        ),
        ("[1,2|3]", &[131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3]),
        ("-1", &[131, 98, 255, 255, 255, 255]),
        ("255", &[131, 97, 255]),
        ("256", &[131, 98, 0, 0, 1, 0]),
        ("-134217728", &[131, 98, 248, 0, 0, 0]),
        ("134217728", &[131, 98, 8, 0, 0, 0]),
        ("-134217729", &[131, 98, 247, 255, 255, 255]),
        (
            "576460752303423488",
            &[131, 110, 8, 0, 0, 0, 0, 0, 0, 0, 0, 8],
        ),
        (
            "-18446744073709551616",
            &[131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        ),
        ("0.1", &[131, 70, 63, 185, 153, 153, 153, 153, 153, 154]),
        ("-0.0", &[131, 70, 128, 0, 0, 0, 0, 0, 0, 0]),
        ("''", &[131, 100, 0, 0]),
        ("hello", &[131, 100, 0, 5, 104, 101, 108, 108, 111]),
        ("h\u{e9}llo", &[131, 100, 0, 5, 104, 233, 108, 108, 111]),
        ("'\\x{1F600}'", &[131, 119, 4, 240, 159, 152, 128]),
        ("[]", &[131, 106]),
        ("[97,98,99]", &[131, 107, 0, 3, 97, 98, 99]),
        (
            "[256,1]",
            &[131, 108, 0, 0, 0, 2, 98, 0, 0, 1, 0, 97, 1, 106],
        ),
        ("{}", &[131, 104, 0]),
        ("<<>>", &[131, 109, 0, 0, 0, 0]),
        ("<<1,2,3:4>>", &[131, 77, 0, 0, 0, 3, 4, 1, 2, 48]),
        ("#{}", &[131, 116, 0, 0, 0, 0]),
        (
            "#{a => 1,b => 2}",
            &[
                131, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 97, 2,
            ],
        ),
        (
            "<0.9.0>",
            &[
                131, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115,
                116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
            ],
        ),
        (
            "#Ref<0.54958200.2702966785.124427>",
            &[
                131, 90, 0, 3, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111,
                115, 116, 0, 0, 0, 0, 0, 1, 230, 11, 161, 28, 0, 1, 3, 70, 152, 120,
            ],
        ),
        (
            "fun lists:map/2",
            &[
                131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2,
            ],
        ),
        ("1.0e300", &[131, 70, 126, 55, 228, 60, 136, 0, 117, 156]),
        ("123.456", &[131, 70, 64, 94, 221, 47, 26, 159, 190, 119]),
    ];

    #[test]
    fn decode_then_encode_matches_erl() {
        for (text, bytes) in FROM_ERL {
            let mut h = FragHeap::new();
            let t = decode(&mut h, bytes).unwrap_or_else(|e| panic!("decoding {text}: {e:?}"));
            assert_eq!(to_string(t), *text);
            assert_eq!(encode(t), bytes.to_vec(), "encoding {text}");
        }
    }

    #[test]
    fn big_values_match_erl() {
        let mut h = FragHeap::new();
        // erl: term_to_binary(1 bsl 2048) = <<131,111,0,0,1,1,0,...,0,1>>
        let b =
            crate::arith::bsl(&mut h, Term::small(1).unwrap(), Term::small(2048).unwrap()).unwrap();
        let mut expect = vec![131, 111, 0, 0, 1, 1, 0];
        expect.extend(std::iter::repeat_n(0u8, 256));
        expect.push(1);
        assert_eq!(encode(b), expect);
        let back = decode(&mut h, &expect).unwrap();
        assert!(crate::cmp::exact_eq(back, b));
        // erl: a 300-tuple uses LARGE_TUPLE_EXT; 100 bytes of 7 is a BINARY_EXT (refc)
        let el: Vec<Term> = (1..=300).map(|i| Term::small(i).unwrap()).collect();
        let t = term::tuple(&mut h, &el);
        let enc = encode(t);
        assert_eq!(&enc[..6], &[131, 105, 0, 0, 1, 44]);
        assert_eq!(&enc[enc.len() - 5..], &[98, 0, 0, 1, 44]);
        assert_eq!(to_string(decode(&mut h, &enc).unwrap()), to_string(t));
        let bin = term::binary(&mut h, &[7u8; 100]);
        let enc = encode(bin);
        assert_eq!(&enc[..6], &[131, 109, 0, 0, 0, 100]);
        let back = decode(&mut h, &enc).unwrap();
        assert_eq!(back.subtag(), Some(term::sub::REFC_BIN));
        assert_eq!(back.binary_bytes(), Some(&[7u8; 100][..]));
    }

    #[test]
    fn nested_maps_and_deep_terms() {
        let mut h = FragHeap::new();
        let inner = map::from_pairs(
            &mut h,
            &[
                (Term::small(2).unwrap(), NIL),
                (Term::small(1).unwrap(), NIL),
            ],
        );
        let k = term::tuple(&mut h, &[inner]);
        let outer = map::from_pairs(&mut h, &[(k, inner), (Term::intern("z").unwrap(), inner)]);
        let enc = encode(outer);
        let back = decode(&mut h, &enc).unwrap();
        assert_eq!(
            to_string(back),
            "#{z => #{1 => [],2 => []},{#{1 => [],2 => []}} => #{1 => [],2 => []}}"
        );
        // 100k-deep nesting: no native recursion in encode or decode
        let mut t = NIL;
        for _ in 0..100_000 {
            t = term::tuple(&mut h, &[t]);
        }
        let enc = encode(t);
        let back = decode(&mut h, &enc).unwrap();
        assert!(crate::cmp::exact_eq(back, t));
    }

    #[test]
    fn malformed_input_is_badarg() {
        let mut h = FragHeap::new();
        let bad: &[&[u8]] = &[
            &[],
            &[130, 106],
            &[131],
            &[131, 104, 2, 97],
            &[131, 108, 255, 255, 255, 255, 106],
            &[131, 109, 0, 0, 0, 5, 1],
            &[131, 100, 0, 2, 97],
            &[131, 119, 2, 0xC3, 0x28],
            &[131, 70, 127, 240, 0, 0, 0, 0, 0, 0],
            &[131, 106, 106],
            &[131, 200],
            &[131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2],
            &[131, 77, 0, 0, 0, 1, 9, 0],
        ];
        for b in bad {
            assert!(decode(&mut h, b).is_err(), "{b:?} should be rejected");
        }
        // every prefix of a valid encoding is rejected, never a panic
        let t = {
            let s = term::string(&mut h, "abc");
            let f = term::float(&mut h, 2.5);
            let m = map::from_pairs(&mut h, &[(s, f)]);
            term::tuple(&mut h, &[m, s, f, Term::pid(3)])
        };
        let enc = encode(t);
        for n in 0..enc.len() {
            assert!(decode(&mut h, &enc[..n]).is_err());
        }
        assert!(decode(&mut h, &enc).is_ok());
    }
}
