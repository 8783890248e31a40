//! Checksums and digests of `erlang`: `crc32/1,2`, `crc32_combine/3`, `adler32/1,2`,
//! `adler32_combine/3`, `md5/1`, `md5_init/0`, `md5_update/2`, `md5_final/1`.
//!
//! Owns: argument checking as BEAM (iodata: a whole-byte binary or an iolist; checksums
//! are integers in 0..2^32; sizes non-negative) and the MD5 context binary. The
//! arithmetic is the `crc32fast`, `adler2` and `md-5` crates'; only `adler32_combine`
//! (which `adler2` lacks) is computed here. The MD5 context is an 88-byte binary laid out
//! as BEAM's, so contexts move between the two: the four state words (little-endian),
//! the message length in bits (64-bit little-endian), and the 64-byte partial block
//! (BEAM leaves garbage after the buffered bytes; ferl writes zeros).
//! Must not: keep state outside the terms (contexts are plain binaries).

use super::{badarg, binaries::iolist_bytes};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term};
use md5::digest::common::hazmat::{SerializableState, SerializedState};
use md5::{Digest, Md5};

/// The bytes of iodata (a whole-byte binary, or an iolist).
fn iodata(t: Term) -> Result<Vec<u8>, Exception> {
    if let Some(b) = t.binary_bytes() {
        return Ok(b.to_vec());
    }
    iolist_bytes(t)
}

/// A checksum argument: an integer in 0..2^32.
fn u32_arg(t: Term) -> Result<u32, Exception> {
    match t.small_value() {
        Some(v) if (0..=u32::MAX as i64).contains(&v) => Ok(v as u32),
        _ => badarg(),
    }
}

/// A size argument of the `_combine` BIFs: an integer in 0..2^32 (as BEAM).
fn size_arg(t: Term) -> Result<u64, Exception> {
    u32_arg(t).map(u64::from)
}

fn int(h: &mut dyn Heap, v: u32) -> BifResult {
    Ok(term::int(h, v as i64))
}

/// `crc32(Data)`.
pub fn crc32(h: &mut dyn Heap, data: Term) -> BifResult {
    let b = iodata(data)?;
    int(h, crc32fast::hash(&b))
}

/// `crc32(OldCrc, Data)`: the CRC continued over `Data`.
pub fn crc32_2(h: &mut dyn Heap, old: Term, data: Term) -> BifResult {
    let old = u32_arg(old)?;
    let b = iodata(data)?;
    let mut c = crc32fast::Hasher::new_with_initial(old);
    c.update(&b);
    int(h, c.finalize())
}

/// `crc32_combine(FirstCrc, SecondCrc, SecondSize)`.
pub fn crc32_combine(h: &mut dyn Heap, a: Term, b: Term, n: Term) -> BifResult {
    let (a, b, n) = (u32_arg(a)?, u32_arg(b)?, size_arg(n)?);
    if n == 0 {
        // BEAM (zlib >= 1.2.12) combines with an empty second part as `a xor b`.
        return int(h, a ^ b);
    }
    let mut first = crc32fast::Hasher::new_with_initial(a);
    first.combine(&crc32fast::Hasher::new_with_initial_len(b, n));
    int(h, first.finalize())
}

/// `adler32(Data)`.
pub fn adler32(h: &mut dyn Heap, data: Term) -> BifResult {
    let b = iodata(data)?;
    int(h, adler2::adler32_slice(&b))
}

/// `adler32(OldAdler, Data)`.
pub fn adler32_2(h: &mut dyn Heap, old: Term, data: Term) -> BifResult {
    let old = u32_arg(old)?;
    let b = iodata(data)?;
    let mut a = adler2::Adler32::from_checksum(old);
    a.write_slice(&b);
    int(h, a.checksum())
}

const ADLER_MOD: u64 = 65521;

/// `adler32_combine(FirstAdler, SecondAdler, SecondSize)`: with A = 1 + sum of bytes and
/// B = sum of the A's after each byte (both mod 65521), appending a block of `n` bytes
/// whose own sums are (a2, b2) gives A = a1 + a2 - 1 and B = b1 + b2 + n * (a1 - 1).
pub fn adler32_combine(h: &mut dyn Heap, a: Term, b: Term, n: Term) -> BifResult {
    let (first, second, n) = (u32_arg(a)?, u32_arg(b)?, size_arg(n)?);
    if n == 0 {
        return int(h, first);
    }
    let (a1, b1) = ((first & 0xFFFF) as u64, (first >> 16) as u64);
    let (a2, b2) = ((second & 0xFFFF) as u64, (second >> 16) as u64);
    let n = n % ADLER_MOD;
    let a = (a1 + a2 + ADLER_MOD - 1) % ADLER_MOD;
    let b = (b1 + b2 + n * ((a1 + ADLER_MOD - 1) % ADLER_MOD)) % ADLER_MOD;
    int(h, ((b << 16) | a) as u32)
}

/// `md5(Data)`: the 16-byte digest.
pub fn md5(h: &mut dyn Heap, data: Term) -> BifResult {
    let b = iodata(data)?;
    Ok(term::binary(h, &Md5::digest(&b)))
}

const MD5_CTX_BYTES: usize = 88;

/// BEAM's context layout from the `md-5` hasher's serialized state (16 state bytes, the
/// number of whole blocks as a u64, then the buffered length byte and the 63 bytes).
fn context(h: &mut dyn Heap, m: &Md5) -> Term {
    let st = m.serialize();
    let mut out = [0u8; MD5_CTX_BYTES];
    out[..16].copy_from_slice(&st[..16]);
    let blocks = u64::from_le_bytes(st[16..24].try_into().unwrap_or_default());
    let pos = st[24] as usize;
    let bits = (blocks * 64 + pos as u64).wrapping_mul(8);
    out[16..24].copy_from_slice(&bits.to_le_bytes());
    out[24..24 + pos].copy_from_slice(&st[25..25 + pos]);
    term::binary(h, &out)
}

fn from_context(t: Term) -> Result<Md5, Exception> {
    let b = t.binary_bytes().ok_or_else(Exception::badarg)?;
    if b.len() != MD5_CTX_BYTES {
        return badarg();
    }
    let bits = u64::from_le_bytes(b[16..24].try_into().map_err(|_| Exception::badarg())?);
    let bytes = bits / 8;
    let pos = (bytes % 64) as usize;
    let mut st = SerializedState::<Md5>::default();
    st[..16].copy_from_slice(&b[..16]);
    st[16..24].copy_from_slice(&(bytes / 64).to_le_bytes());
    st[24] = pos as u8;
    st[25..25 + pos].copy_from_slice(&b[24..24 + pos]);
    Md5::deserialize(&st).map_err(|_| Exception::badarg())
}

/// `md5_init()`: a fresh context.
pub fn md5_init(h: &mut dyn Heap) -> BifResult {
    Ok(context(h, &Md5::new()))
}

/// `md5_update(Context, Data)`.
pub fn md5_update(h: &mut dyn Heap, ctx: Term, data: Term) -> BifResult {
    let mut m = from_context(ctx)?;
    m.update(iodata(data)?);
    Ok(context(h, &m))
}

/// `md5_final(Context)`: the digest of everything given to the context.
pub fn md5_final(h: &mut dyn Heap, ctx: Term) -> BifResult {
    let m = from_context(ctx)?;
    Ok(term::binary(h, &m.finalize()))
}
