//! `erlang:phash2/1,2`: the portable term hash, bit-for-bit equal to BEAM's (Bob
//! Jenkins' mix over 32-bit words, as erts' `make_hash2`), so hashes agree with `erl`;
//! and `erlang:phash/2`, erts' older `make_hash` (dict and sets place keys with it).
//!
//! Owns: the hash of every term kind, including atoms (erts' hashpjw over the name) and
//! maps (order-independent: pair hashes xor-ed). Iterative: deep terms cannot overflow
//! the native stack. Must not: allocate on a heap (only the result), or depend on the
//! term's address or representation beyond what BEAM's value depends on.

use super::badarg;
use crate::exception::BifResult;
use crate::heap::Heap;
use crate::term::{Int, Kind, Term};

const HCONST: u32 = 0x9e37_79b9;
const HCONST_2: u32 = 0x3c6e_f372;
const HCONST_3: u32 = 0xdaa6_6d2b;
const HCONST_4: u32 = 0x78dd_e6e4;
const HCONST_5: u32 = 0x1715_609d;
const HCONST_7: u32 = 0x5384_540f;
const HCONST_9: u32 = 0x8ff3_4781;
const HCONST_10: u32 = 0x2e2a_c13a;
const HCONST_11: u32 = 0xcc62_3af3;
const HCONST_12: u32 = 0x6a99_b4ac;
const HCONST_13: u32 = 0x08d1_2e65;
const HCONST_14: u32 = 0xa708_a81e;
const HCONST_15: u32 = 0x4540_21d7;
const HCONST_16: u32 = 0xe377_9b90;
const HCONST_19: u32 = 0xbe1e_08bb;
/// erts' tag value of `[]` (`NIL_DEF`), mixed in for a non-initial `[]`.
const NIL_DEF: u32 = 0x2;

#[inline]
fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    macro_rules! step {
        ($x:ident, $y:ident, $z:ident, $op:tt, $n:expr) => {
            *$x = $x.wrapping_sub(*$y).wrapping_sub(*$z);
            *$x ^= *$z $op $n;
        };
    }
    step!(a, b, c, >>, 13);
    step!(b, c, a, <<, 8);
    step!(c, a, b, >>, 13);
    step!(a, b, c, >>, 12);
    step!(b, c, a, <<, 16);
    step!(c, a, b, >>, 5);
    step!(a, b, c, >>, 3);
    step!(b, c, a, <<, 10);
    step!(c, a, b, >>, 15);
}

fn block_hash(k: &[u8], initval: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, initval);
    let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let mut chunks = k.chunks_exact(12);
    for ch in &mut chunks {
        a = a.wrapping_add(word(&ch[0..4]));
        b = b.wrapping_add(word(&ch[4..8]));
        c = c.wrapping_add(word(&ch[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    let mut tail = [0u8; 12];
    tail[..rest.len()].copy_from_slice(rest);
    // The first byte of c is reserved for the length.
    a = a.wrapping_add(word(&tail[0..4]));
    b = b.wrapping_add(word(&tail[4..8]));
    c = c.wrapping_add(u32::from_le_bytes([0, tail[8], tail[9], tail[10]]));
    mix(&mut a, &mut b, &mut c);
    c
}

/// erts' atom hash (hashpjw over the UTF-8 name, two-byte Latin-1 sequences folded).
pub fn atom_hash(name: &str) -> u32 {
    let p = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < p.len() {
        let mut v = p[i] as u32;
        i += 1;
        if i < p.len() && (v & 0xFE) == 0xC2 && (p[i] & 0xC0) == 0x80 {
            v = ((v << 6) | (p[i] as u32 & 0x3F)) & 0xFF;
            i += 1;
        }
        h = (h << 4).wrapping_add(v);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

enum Op {
    Term(Term),
    MapTail { saved_hash: u32, saved_xor: u32 },
    MapPair,
}

struct Hasher {
    hash: u32,
    xor_pairs: u32,
}

impl Hasher {
    fn mix2(&mut self, x: u32, y: u32, k: u32) {
        let (mut a, mut b) = (k.wrapping_add(x), k.wrapping_add(y));
        mix(&mut a, &mut b, &mut self.hash);
    }
    fn mix1(&mut self, x: u32, k: u32) {
        self.mix2(x, 0, k);
    }
    fn limbs(&mut self, neg: bool, mag: &[u64]) {
        let k = if neg { HCONST_10 } else { HCONST_11 };
        for &l in mag {
            self.mix2(l as u32, (l >> 32) as u32, k);
        }
    }
}

/// BEAM's `make_hash2` of `t` (the full 32-bit value).
pub fn make_hash2(t: Term) -> u32 {
    if let Some(name) = t.atom_name() {
        return atom_hash(name);
    }
    let mut hs = Hasher {
        hash: 0,
        xor_pairs: 0,
    };
    let mut stack = vec![Op::Term(t)];
    while let Some(op) = stack.pop() {
        let t = match op {
            Op::Term(t) => t,
            Op::MapTail {
                saved_hash,
                saved_xor,
            } => {
                let pairs = hs.xor_pairs;
                hs.hash = saved_hash;
                hs.mix1(pairs, HCONST_19);
                hs.xor_pairs = saved_xor;
                continue;
            }
            Op::MapPair => {
                hs.xor_pairs ^= hs.hash;
                hs.hash = 0;
                continue;
            }
        };
        match t.kind() {
            Kind::Cons => {
                // Runs of bytes are hashed four at a time.
                let (mut c, mut sh) = (0u32, 0u32);
                let mut cur = t;
                while let Some((h, tl)) = cur.cons_parts() {
                    match h.small_value().filter(|v| (0..256).contains(v)) {
                        Some(b) => {
                            sh = (sh << 8).wrapping_add(b as u32);
                            if c == 3 {
                                hs.mix1(sh, HCONST_4);
                                c = 0;
                                sh = 0;
                            } else {
                                c += 1;
                            }
                            cur = tl;
                        }
                        None => break,
                    }
                }
                if c > 0 {
                    hs.mix1(sh, HCONST_4);
                }
                match cur.cons_parts() {
                    Some((h, tl)) => {
                        stack.push(Op::Term(tl));
                        stack.push(Op::Term(h));
                    }
                    None => stack.push(Op::Term(cur)),
                }
            }
            Kind::Tuple => {
                let e = t.tuple_elements().unwrap_or(&[]);
                hs.mix1(e.len() as u32, HCONST_9);
                for &x in e.iter().rev() {
                    stack.push(Op::Term(x));
                }
            }
            Kind::Map => {
                let es = crate::map::sorted_entries(t);
                hs.mix1(es.len() as u32, HCONST_16);
                if !es.is_empty() {
                    stack.push(Op::MapTail {
                        saved_hash: hs.hash,
                        saved_xor: hs.xor_pairs,
                    });
                    hs.hash = 0;
                    hs.xor_pairs = 0;
                    for (k, v) in es.into_iter().rev() {
                        stack.push(Op::MapPair);
                        stack.push(Op::Term(v));
                        stack.push(Op::Term(k));
                    }
                }
            }
            Kind::Export => {
                let (m, f, a) = t.export_mfa().unwrap_or((Term::NIL, Term::NIL, 0));
                hs.mix2(a, atom_hash(m.atom_name().unwrap_or("")), HCONST);
                hs.mix1(atom_hash(f.atom_name().unwrap_or("")), HCONST_14);
            }
            Kind::Fun => {
                if let Some((e, env)) = t.closure_parts() {
                    hs.mix2(
                        env.len() as u32,
                        atom_hash(e.module.atom_name().unwrap_or("")),
                        HCONST,
                    );
                    hs.mix2(e.index, e.old_uniq, HCONST);
                    for &x in env.iter().rev() {
                        stack.push(Op::Term(x));
                    }
                }
            }
            Kind::Bits => {
                if let Some(b) = t.bits() {
                    let packed = b.to_vec();
                    let sz = b.bit_size / 8;
                    let rest = (b.bit_size % 8) as u32;
                    let con = HCONST_13.wrapping_add(hs.hash);
                    if b.bit_size == 0 {
                        hs.hash = con;
                    } else {
                        // erts truncates the byte size to 32 bits.
                        hs.hash = block_hash(&packed[..sz & 0xFFFF_FFFF], con);
                        if rest > 0 {
                            hs.mix2(rest, (packed[sz] >> (8 - rest)) as u32, HCONST_15);
                        }
                    }
                }
            }
            Kind::Big | Kind::Small => match t.int_value() {
                Some(Int::Small(x)) if (-(1 << 27)..(1 << 27)).contains(&x) => {
                    let y = x as i32;
                    if y < 0 {
                        hs.mix1(y.wrapping_neg() as u32, HCONST);
                    }
                    hs.mix1(y as u32, HCONST);
                }
                Some(Int::Small(x)) => hs.limbs(x < 0, &[x.unsigned_abs()]),
                _ => {
                    if let Some((neg, mag)) = t.big_limbs() {
                        hs.limbs(neg, mag);
                    }
                }
            },
            Kind::Float => {
                let f = t.float_value().unwrap_or(0.0);
                let f = if f == 0.0 { 0.0f64 } else { f };
                let bits = f.to_bits();
                hs.mix2((bits >> 32) as u32, bits as u32, HCONST_12);
            }
            Kind::Ref => {
                let ids = t.ref_ids().unwrap_or([0; 3]);
                hs.mix1(ids[0], HCONST_7);
            }
            Kind::Pid => hs.mix1(t.pid_serial().unwrap_or(0) as u32, HCONST_5),
            Kind::Port => hs.mix2(
                (t.raw() >> 4) as u32,
                (t.raw() >> 36) as u32,
                HCONST_5.wrapping_add(1),
            ),
            Kind::Atom => {
                let h = atom_hash(t.atom_name().unwrap_or(""));
                if hs.hash == 0 {
                    hs.hash = h;
                } else {
                    hs.mix1(h, HCONST_3);
                }
            }
            Kind::Nil => {
                if hs.hash == 0 {
                    hs.hash = 3_468_870_702;
                } else {
                    hs.mix1(NIL_DEF, HCONST_2);
                }
            }
            Kind::Other => {}
        }
    }
    hs.hash
}

/// erts' `INTERNAL_HASH_SALT` (a 32-bit prime the internal hash starts from).
const INTERNAL_HASH_SALT: u32 = 3_432_918_353;
const HCONST_17: u32 = 0x81af_1549;
const HCONST_18: u32 = 0x1fe6_8f02;
const HCONST_22: u32 = 0x98c4_75e6;
/// BEAM's small integers are 60-bit: others are hashed as bignums.
const BEAM_SMALL: std::ops::RangeInclusive<i64> = -(1 << 59)..=(1 << 59) - 1;

/// The 64-bit word BEAM would use for an immediate term (small integer, atom, `[]`,
/// pid, port); `None` for boxed terms and lists. Atoms use a hash of their text (so
/// the compiler, which lays out literal maps, and every run agree) and pids ferl's
/// serial: BEAM hashes its own atom-table index and pid number, which depend on the
/// VM's history, so maps keyed by these can iterate differently from BEAM.
fn beam_immediate(t: Term) -> Option<u64> {
    match t.kind() {
        Kind::Small => match t.small_value() {
            Some(v) if BEAM_SMALL.contains(&v) => Some(((v as u64) << 4) | 0xF),
            _ => None,
        },
        Kind::Atom => Some(((atom_hash(t.atom_name().unwrap_or("")) as u64) << 6) | 0xB),
        Kind::Nil => Some(0x3B),
        Kind::Pid => Some(((t.pid_serial().unwrap_or(0) as u64) << 4) | 0x3),
        Kind::Port => Some(((t.raw() >> 4) << 4) | 0x7),
        _ => None,
    }
}

enum IOp {
    Term(Term),
    Cdr,
}

/// erts' `make_internal_hash(Term, Salt)` (64-bit build, Jenkins mix): the hash BEAM's
/// HAMT maps (more than 32 keys) place keys by, so `crate::map`'s HAMT (same shape)
/// iterates in their order. Bit-equal to OTP 25 for integers, floats, `[]`,
/// binaries, lists, tuples and flat maps; atoms, pids, ports, references, funs and
/// HAMT maps nested as keys hash ferl's own representation (see `beam_immediate`).
pub fn internal_hash(t: Term, salt: u32) -> u32 {
    let mut hs = Hasher {
        hash: salt ^ INTERNAL_HASH_SALT,
        xor_pairs: 0,
    };
    let mut stack: Vec<IOp> = Vec::new();
    let mut next = Some(t);
    loop {
        let t = match next.take() {
            Some(t) => t,
            None => match stack.pop() {
                None => return hs.hash,
                Some(IOp::Cdr) => {
                    hs.hash ^= HCONST_18;
                    hs.hash = hs.hash.rotate_left(17);
                    continue;
                }
                Some(IOp::Term(t)) => t,
            },
        };
        if let Some(w) = beam_immediate(t) {
            hs.mix2(w as u32, (w >> 32) as u32, HCONST);
            continue;
        }
        match t.kind() {
            Kind::Cons => {
                let (mut c, mut sh) = (0u32, 0u32);
                let mut cur = t;
                while let Some((h, tl)) = cur.cons_parts() {
                    let Some(b) = h.small_value().filter(|v| (0..256).contains(v)) else {
                        break;
                    };
                    sh = (sh << 8).wrapping_add(b as u32);
                    if c == 3 {
                        hs.mix1(sh, HCONST_4);
                        c = 0;
                        sh = 0;
                    } else {
                        c += 1;
                    }
                    cur = tl;
                }
                if c > 0 {
                    hs.mix2(sh, c, HCONST_22);
                }
                match cur.cons_parts() {
                    Some((h, tl)) => {
                        hs.hash ^= HCONST_17;
                        hs.hash = hs.hash.rotate_left(17);
                        stack.push(IOp::Term(tl));
                        if tl.cons_parts().is_none() {
                            stack.push(IOp::Cdr);
                        }
                        next = Some(h);
                    }
                    None => next = Some(cur),
                }
            }
            Kind::Tuple => {
                let e = t.tuple_elements().unwrap_or(&[]);
                hs.mix1(e.len() as u32, HCONST_9);
                for &x in e.iter().rev() {
                    stack.push(IOp::Term(x));
                }
            }
            Kind::Map => {
                let es = crate::map::sorted_entries(t);
                hs.mix1(es.len() as u32, HCONST_16);
                for (k, v) in es.into_iter().rev() {
                    stack.push(IOp::Term(v));
                    stack.push(IOp::Term(k));
                }
            }
            Kind::Bits => {
                if let Some(b) = t.bits() {
                    let packed = b.to_vec();
                    let sz = b.bit_size / 8;
                    let rest = (b.bit_size % 8) as u32;
                    let con = HCONST_13.wrapping_add(hs.hash);
                    if b.bit_size == 0 {
                        hs.hash = con;
                    } else {
                        hs.hash = block_hash(&packed[..sz], con);
                        if rest > 0 {
                            hs.mix2(rest, (packed[sz] >> (8 - rest)) as u32, HCONST_15);
                        }
                    }
                }
            }
            Kind::Small | Kind::Big => {
                let (neg, mag): (bool, Vec<u64>) = match t.int_value() {
                    Some(Int::Small(x)) => (x < 0, vec![x.unsigned_abs()]),
                    _ => match t.big_limbs() {
                        Some((n, m)) => (n, m.to_vec()),
                        None => (false, vec![0]),
                    },
                };
                hs.limbs(neg, &mag);
            }
            Kind::Float => {
                let f = t.float_value().unwrap_or(0.0);
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                hs.mix2(bits as u32, (bits >> 32) as u32, HCONST_12);
            }
            Kind::Ref => {
                let ids = t.ref_ids().unwrap_or([0; 3]);
                hs.mix1(ids[0], HCONST_7);
                hs.mix2(ids[1], ids[2], 0xf1bb_cdc8);
            }
            Kind::Export => {
                let (m, f, a) = t.export_mfa().unwrap_or((Term::NIL, Term::NIL, 0));
                let mi = atom_hash(m.atom_name().unwrap_or(""));
                let fi = atom_hash(f.atom_name().unwrap_or(""));
                hs.mix2(mi ^ (a << 24), fi, HCONST_14);
            }
            Kind::Fun => {
                if let Some((e, env)) = t.closure_parts() {
                    let mi = atom_hash(e.module.atom_name().unwrap_or(""));
                    hs.mix2(env.len() as u32, mi, 0x5c55_8274);
                    hs.mix2(e.index, e.old_uniq, 0xfa8c_fc2d);
                    for &x in env.iter().rev() {
                        stack.push(IOp::Term(x));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The primes of erts' old `make_hash` (`erlang:phash/2`).
const FUNNY: [u32; 15] = [
    0,
    268_440_163,
    268_439_161,
    268_435_459,
    268_436_141,
    268_438_633,
    268_437_017,
    268_438_039,
    268_437_511,
    268_439_627,
    268_440_479,
    268_440_577,
    268_440_581,
    268_440_593,
    268_440_611,
];

enum OldOp {
    Term(Term),
    /// the tail of a list cell: continue the list, or hash it and multiply
    Cdr(Term),
    /// after a non-list tail
    CdrPost,
    /// after a tuple's elements
    TupleEnd(u32),
}

/// BEAM's old `make_hash` (the hash of `erlang:phash/2`, which `dict` and `sets` use
/// for their slots), bit-for-bit for numbers, atoms, lists, tuples and bitstrings:
/// integers hash their magnitude's bytes (little-endian, in whole 32-bit groups) with
/// the sign in the final factor, a list element that is a byte is added directly, a
/// non-`[]` list tail is hashed then multiplied. Maps, funs, pids, ports and
/// references are hashed with `make_hash2` instead (BEAM's values differ).
pub fn make_hash(t: Term) -> u32 {
    let f = &FUNNY;
    let mut hash: u32 = 0;
    let mut stack = vec![OldOp::Term(t)];
    let step = |hash: u32, x: u32, p: u32| {
        let mut h = hash;
        for i in 0..4 {
            h = h.wrapping_mul(p).wrapping_add((x >> (8 * i)) & 0xFF);
        }
        h
    };
    while let Some(op) = stack.pop() {
        let t = match op {
            OldOp::Term(t) => t,
            OldOp::CdrPost => {
                hash = hash.wrapping_mul(f[8]);
                continue;
            }
            OldOp::TupleEnd(n) => {
                hash = hash.wrapping_mul(f[9]).wrapping_add(n);
                continue;
            }
            OldOp::Cdr(tl) => {
                if tl.cons_parts().is_some() {
                    tl
                } else {
                    stack.push(OldOp::CdrPost);
                    tl
                }
            }
        };
        match t.kind() {
            Kind::Nil => hash = hash.wrapping_mul(f[3]).wrapping_add(1),
            Kind::Atom => {
                hash = hash
                    .wrapping_mul(f[1])
                    .wrapping_add(atom_hash(t.atom_name().unwrap_or("")))
            }
            Kind::Cons => {
                if let Some((h, tl)) = t.cons_parts() {
                    stack.push(OldOp::Cdr(tl));
                    match h.small_value().filter(|v| (0..256).contains(v)) {
                        Some(b) => hash = hash.wrapping_mul(f[2]).wrapping_add(b as u32),
                        None => stack.push(OldOp::Term(h)),
                    }
                }
            }
            Kind::Tuple => {
                let e = t.tuple_elements().unwrap_or(&[]);
                stack.push(OldOp::TupleEnd(e.len() as u32));
                for &x in e.iter().rev() {
                    stack.push(OldOp::Term(x));
                }
            }
            Kind::Small | Kind::Big => {
                let (neg, mag): (bool, Vec<u64>) = match t.int_value() {
                    Some(Int::Small(x)) => (x < 0, vec![x.unsigned_abs()]),
                    _ => match t.big_limbs() {
                        Some((neg, m)) => (neg, m.to_vec()),
                        None => (false, vec![0]),
                    },
                };
                let mut words: Vec<u32> = mag
                    .iter()
                    .flat_map(|&d| [d as u32, (d >> 32) as u32])
                    .collect();
                while words.len() > 1 && *words.last().unwrap_or(&1) == 0 {
                    words.pop();
                }
                for w in words {
                    hash = step(hash, w, f[2]);
                }
                hash = hash.wrapping_mul(if neg { f[4] } else { f[3] });
            }
            Kind::Float => {
                let x = t.float_value().unwrap_or(0.0);
                let bits = if x == 0.0 { 0 } else { x.to_bits() };
                hash = hash
                    .wrapping_mul(f[6])
                    .wrapping_add((bits as u32) ^ ((bits >> 32) as u32));
            }
            Kind::Bits => {
                if let Some(b) = t.bits() {
                    let packed = b.to_vec();
                    let sz = b.bit_size / 8;
                    for &byte in &packed[..sz] {
                        hash = hash.wrapping_mul(f[1]).wrapping_add(byte as u32);
                    }
                    let rest = (b.bit_size % 8) as u32;
                    if rest > 0 {
                        let last = (packed[sz] >> (8 - rest)) as u32;
                        hash = hash
                            .wrapping_mul(f[1])
                            .wrapping_add(last)
                            .wrapping_mul(f[12])
                            .wrapping_add(rest);
                    }
                    hash = hash.wrapping_mul(f[4]).wrapping_add(sz as u32);
                }
            }
            _ => hash = hash.wrapping_mul(f[7]).wrapping_add(make_hash2(t)),
        }
    }
    hash
}

/// `phash(Term, Range)`: in 1..=Range, Range in 1..=2^32.
pub fn phash(h: &mut dyn Heap, t: Term, range: Term) -> BifResult {
    let r = match range.small_value() {
        Some(r) if (1..=1 << 32).contains(&r) => r as u64,
        _ => return badarg(),
    };
    let v = make_hash(t) as u64 % r + 1;
    Ok(crate::term::int(h, v as i64))
}

/// `phash2(Term)`: in 0..2^27.
pub fn phash2(_h: &mut dyn Heap, t: Term) -> BifResult {
    Ok(Term::small((make_hash2(t) & ((1 << 27) - 1)) as i64).unwrap_or(Term::NIL))
}

/// `phash2(Term, Range)`: in 0..Range, Range in 1..=2^32.
pub fn phash2_2(h: &mut dyn Heap, t: Term, range: Term) -> BifResult {
    let r = match range.small_value() {
        Some(r) if (1..=1 << 32).contains(&r) => r as u64,
        _ => return badarg(),
    };
    let v = make_hash2(t) as u64 % r;
    Ok(crate::term::int(h, v as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_and_nil_as_erl() {
        // erl: erlang:phash2(a) = 97, phash2('é') = 233, phash2([]) = 113427502.
        assert_eq!(make_hash2(Term::intern("a").unwrap()), 97);
        assert_eq!(make_hash2(Term::intern("\u{e9}").unwrap()), 233);
        assert_eq!(make_hash2(Term::NIL) & ((1 << 27) - 1), 113427502);
    }

    #[test]
    fn old_hash_as_erl() {
        // erl: erlang:phash(X, 1 bsl 32) - 1
        assert_eq!(make_hash(Term::NIL), 1);
        assert_eq!(make_hash(Term::intern("abc").unwrap()), 26499);
        assert_eq!(make_hash(Term::small(1).unwrap()), 2788898427);
        assert_eq!(make_hash(Term::small(-1).unwrap()), 1680185269);
        assert_eq!(make_hash(Term::small(1 << 40).unwrap()), 1920229267);
    }

    #[test]
    fn internal_hash_as_erl() {
        use crate::heap::FragHeap;
        use crate::term;
        // erl: erts_debug:get_internal_state({internal_hash, T}) (OTP 25.2, x86_64).
        let mut h = FragHeap::new();
        let s = |v: i64| Term::small(v).unwrap();
        let big = |h: &mut FragHeap, v: i128| term::int128(h, v);
        let cases: Vec<(Term, u32)> = vec![
            (s(0), 3620831944),
            (s(1), 2441450838),
            (s(2), 1268203079),
            (s(-1), 559702020),
            (s(1 << 40), 1309661989),
            (big(&mut h, 1 << 70), 1532645093),
            (big(&mut h, -(1 << 70)), 3667445918),
            (Term::NIL, 2464209347),
            (term::tuple(&mut h, &[]), 904478834),
            (term::tuple(&mut h, &[s(1), s(2)]), 240741374),
            (term::binary(&mut h, b""), 3580844982),
            (term::binary(&mut h, b"abc"), 298319117),
            (term::float(&mut h, 1.0), 1476340101),
            (term::float(&mut h, 0.5), 4010048147),
        ];
        for (t, want) in cases {
            assert_eq!(internal_hash(t, 0), want, "{}", crate::print::to_string(t));
        }
        let l12 = term::list(&mut h, &[s(1), s(2)]);
        assert_eq!(internal_hash(l12, 0), 2125191709);
        let abcde: Vec<Term> = b"abcde".iter().map(|&c| s(c as i64)).collect();
        let l = term::list(&mut h, &abcde);
        assert_eq!(internal_hash(l, 0), 513042836);
        let empty = crate::map::from_pairs(&mut h, &[]);
        assert_eq!(internal_hash(empty, 0), 4050418618);
    }
}
