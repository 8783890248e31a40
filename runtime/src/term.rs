//! The tagged 64-bit term word: tags, header words, constructors and accessors.
//!
//! Owns: the bit-level encoding of every term (see `docs/runtime-abi.md`, which this
//! module is the source of truth for), building objects on a [`Heap`], and reading them.
//! Must not: decide where memory comes from (that is `heap`/`process`), compare or
//! print terms (`cmp`, `print`), or panic on any term a program can build.
//!
//! Validity invariant: a `Term` that is not an immediate points at a live object (on a
//! process heap, a heap fragment, or static literal data). Only `Term::from_raw` (unsafe)
//! can make an arbitrary word into a `Term`; the safe accessors rely on this invariant.
//! Derived `PartialEq` compares raw words (identity), not Erlang equality (`cmp`).

use crate::atom;
use crate::heap::Heap;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};
use std::sync::Arc;

/// One tagged term word.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term(u64);

// ---- primary tags -------------------------------------------------------------------
/// Mask of the primary tag.
pub const PRIMARY_MASK: u64 = 0b11;
/// Header word (never a term value).
pub const TAG_HEADER: u64 = 0b00;
/// Pointer to a cons cell.
pub const TAG_LIST: u64 = 0b01;
/// Pointer to a boxed object (its header).
pub const TAG_BOXED: u64 = 0b10;
/// Immediate.
pub const TAG_IMMED1: u64 = 0b11;

/// Mask of the first-level immediate tag.
pub const IMMED1_MASK: u64 = 0xF;
/// Local pid.
pub const IMMED1_PID: u64 = 0x3;
/// Local port (reserved).
pub const IMMED1_PORT: u64 = 0x7;
/// Second-level immediates follow.
pub const IMMED1_IMMED2: u64 = 0xB;
/// Small integer.
pub const IMMED1_SMALL: u64 = 0xF;
/// Mask of the second-level immediate tag.
pub const IMMED2_MASK: u64 = 0x3F;
/// Atom.
pub const IMMED2_ATOM: u64 = 0x0B;
/// Catch marker (reserved).
pub const IMMED2_CATCH: u64 = 0x1B;
/// Special values (NON_VALUE).
pub const IMMED2_SPECIAL: u64 = 0x2B;
/// `[]`.
pub const IMMED2_NIL: u64 = 0x3B;

/// Smallest small integer.
pub const SMALL_MIN: i64 = -(1 << 59);
/// Largest small integer.
pub const SMALL_MAX: i64 = (1 << 59) - 1;
/// Largest local pid serial.
pub const PID_MAX: u64 = (1 << 28) - 1;

// ---- header subtags -----------------------------------------------------------------
/// Subtags of header words (bits 5..2).
pub mod sub {
    #![allow(missing_docs)]
    pub const TUPLE: u64 = 0;
    pub const POS_BIG: u64 = 1;
    pub const NEG_BIG: u64 = 2;
    pub const REF: u64 = 3;
    pub const FUN: u64 = 4;
    pub const EXPORT: u64 = 5;
    pub const FLOAT: u64 = 6;
    pub const MAP_FLAT: u64 = 7;
    pub const MAP_LARGE: u64 = 8;
    pub const HEAP_BIN: u64 = 9;
    pub const REFC_BIN: u64 = 10;
    pub const SUB_BIN: u64 = 11;
    pub const EXTERNAL: u64 = 12;
    pub const MATCH_STATE: u64 = 13;
    pub const FRAME: u64 = 14;
    /// An inner node of a large map's HAMT (never a term by itself: `crate::map`).
    pub const MAP_NODE: u64 = 15;
}

/// Largest number of bytes stored in a HEAP_BIN on a process heap.
pub const HEAP_BIN_LIMIT: usize = 64;
/// Largest number of keys of a flat map.
pub const MAP_FLAT_LIMIT: usize = 32;

/// Make a header word.
#[inline]
pub const fn make_header(subtag: u64, arity: usize) -> u64 {
    ((arity as u64) << 6) | (subtag << 2)
}
/// Subtag of a header word.
#[inline]
pub const fn header_subtag(h: u64) -> u64 {
    (h >> 2) & 0xF
}
/// Arity (words after the header) of a header word.
#[inline]
pub const fn header_arity(h: u64) -> usize {
    (h >> 6) as usize
}
/// Is this word a header?
#[inline]
pub const fn is_header(w: u64) -> bool {
    w & PRIMARY_MASK == TAG_HEADER
}

/// Number of words an object needs for `n` bytes of payload.
#[inline]
pub const fn words_for_bytes(n: usize) -> usize {
    n.div_ceil(8)
}

/// Static description of a lambda, emitted by the compiler (layout in the ABI doc).
#[repr(C)]
#[derive(Debug)]
pub struct FunEntry {
    /// Compiled code of the lambda.
    pub code: *const u8,
    /// Module atom.
    pub module: Term,
    /// Name atom of the generated function (e.g. `'-main/0-fun-0-'`).
    pub name: Term,
    /// Number of arguments, excluding free variables.
    pub arity: u32,
    /// Number of free variables.
    pub num_free: u32,
    /// Index of the lambda in its module.
    pub index: u32,
    /// Old-style unique value.
    pub old_uniq: u32,
    /// Unique value (md5 of the module on BEAM).
    pub uniq: [u8; 16],
}

// SAFETY: a FunEntry is immutable static data; the code pointer is never written.
unsafe impl Sync for FunEntry {}
// SAFETY: as above, sharing between threads is read-only.
unsafe impl Send for FunEntry {}

/// A decoded integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Int {
    /// Fits in a small.
    Small(i64),
    /// A bignum (never fits in a small).
    Big(BigInt),
}

impl Int {
    /// As a BigInt.
    pub fn to_bigint(&self) -> BigInt {
        match self {
            Int::Small(i) => BigInt::from(*i),
            Int::Big(b) => b.clone(),
        }
    }
}

/// A view of a bitstring's bits: `bit_size` bits starting `bit_off` bits into `bytes`.
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The underlying bytes, starting at the byte holding the first bit.
    pub bytes: &'a [u8],
    /// Bit offset (0..8) of the first bit in `bytes[0]`.
    pub bit_off: usize,
    /// Number of bits.
    pub bit_size: usize,
}

impl<'a> Bits<'a> {
    /// Byte-aligned whole-byte data, without copying.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.bit_off == 0 && self.bit_size.is_multiple_of(8) {
            Some(&self.bytes[..self.bit_size / 8])
        } else {
            None
        }
    }
    /// The bits packed from bit 0: whole bytes, then the last partial byte's bits in its
    /// high bits (as BEAM stores them).
    pub fn to_vec(&self) -> Vec<u8> {
        if let Some(b) = self.as_bytes() {
            return b.to_vec();
        }
        let n = self.bit_size.div_ceil(8);
        let mut out = vec![0u8; n];
        for i in 0..self.bit_size {
            let src = self.bit_off + i;
            let bit = (self.bytes[src / 8] >> (7 - src % 8)) & 1;
            out[i / 8] |= bit << (7 - i % 8);
        }
        out
    }
}

/// The type of a term, as far as comparison, printing and encoding care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Small integer.
    Small,
    /// Bignum.
    Big,
    /// Float.
    Float,
    /// Atom.
    Atom,
    /// Reference.
    Ref,
    /// Closure.
    Fun,
    /// `fun M:F/A`.
    Export,
    /// Port.
    Port,
    /// Local pid.
    Pid,
    /// Tuple.
    Tuple,
    /// Map.
    Map,
    /// `[]`.
    Nil,
    /// Cons cell.
    Cons,
    /// Binary or bitstring.
    Bits,
    /// Anything else (NON_VALUE, reserved objects).
    Other,
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Term({:#x}: {})", self.0, crate::print::to_string(*self))
    }
}

/// The "no value" marker.
pub const NON_VALUE: Term = Term(IMMED2_SPECIAL);
/// `[]`.
pub const NIL: Term = Term(IMMED2_NIL);

impl Term {
    /// The "no value" marker.
    pub const NON_VALUE: Term = NON_VALUE;
    /// `[]`.
    pub const NIL: Term = NIL;

    /// A term from its raw word.
    ///
    /// # Safety
    /// `w` must be an immediate, or a correctly tagged pointer to a live object.
    #[inline]
    pub const unsafe fn from_raw(w: u64) -> Term {
        Term(w)
    }
    /// The raw word.
    #[inline]
    pub const fn raw(self) -> u64 {
        self.0
    }

    // ---- immediates ---------------------------------------------------------------
    /// A small integer; None if `i` does not fit in 60 bits.
    #[inline]
    pub const fn small(i: i64) -> Option<Term> {
        if i >= SMALL_MIN && i <= SMALL_MAX {
            Some(Term(((i as u64) << 4) | IMMED1_SMALL))
        } else {
            None
        }
    }
    /// An atom by index.
    #[inline]
    pub const fn atom(index: u32) -> Term {
        Term(((index as u64) << 6) | IMMED2_ATOM)
    }
    /// The boolean atoms.
    #[inline]
    pub const fn bool(b: bool) -> Term {
        if b {
            Term::atom(atom::idx::TRUE)
        } else {
            Term::atom(atom::idx::FALSE)
        }
    }
    /// Intern `name` and return the atom (Err = `system_limit`).
    pub fn intern(name: &str) -> Result<Term, atom::AtomError> {
        atom::intern(name).map(Term::atom)
    }
    /// A local pid.
    #[inline]
    pub const fn pid(serial: u64) -> Term {
        Term(((serial & PID_MAX) << 4) | IMMED1_PID)
    }

    /// Is a small integer.
    #[inline]
    pub const fn is_small(self) -> bool {
        self.0 & IMMED1_MASK == IMMED1_SMALL
    }
    /// Value of a small integer.
    #[inline]
    pub const fn small_value(self) -> Option<i64> {
        if self.is_small() {
            Some((self.0 as i64) >> 4)
        } else {
            None
        }
    }
    /// Is an atom.
    #[inline]
    pub const fn is_atom(self) -> bool {
        self.0 & IMMED2_MASK == IMMED2_ATOM
    }
    /// Atom index.
    #[inline]
    pub const fn atom_index(self) -> Option<u32> {
        if self.is_atom() {
            Some((self.0 >> 6) as u32)
        } else {
            None
        }
    }
    /// Atom text.
    pub fn atom_name(self) -> Option<&'static str> {
        self.atom_index().map(atom::name)
    }
    /// Is a local pid.
    #[inline]
    pub const fn is_pid(self) -> bool {
        self.0 & IMMED1_MASK == IMMED1_PID
    }
    /// Serial of a local pid.
    #[inline]
    pub const fn pid_serial(self) -> Option<u64> {
        if self.is_pid() {
            Some(self.0 >> 4)
        } else {
            None
        }
    }
    /// Is `[]`.
    #[inline]
    pub const fn is_nil(self) -> bool {
        self.0 == IMMED2_NIL
    }
    /// Is NON_VALUE.
    #[inline]
    pub const fn is_non_value(self) -> bool {
        self.0 == IMMED2_SPECIAL
    }
    /// Is an immediate (no pointer).
    #[inline]
    pub const fn is_immediate(self) -> bool {
        self.0 & PRIMARY_MASK == TAG_IMMED1
    }
    /// Is a cons pointer.
    #[inline]
    pub const fn is_cons(self) -> bool {
        self.0 & PRIMARY_MASK == TAG_LIST
    }
    /// Is `[]` or a cons.
    #[inline]
    pub const fn is_list(self) -> bool {
        self.is_cons() || self.is_nil()
    }
    /// Is a boxed pointer.
    #[inline]
    pub const fn is_boxed(self) -> bool {
        self.0 & PRIMARY_MASK == TAG_BOXED
    }
    /// Is `true` or `false`.
    pub const fn is_boolean(self) -> bool {
        self.0 == Term::bool(true).0 || self.0 == Term::bool(false).0
    }

    // ---- pointers -----------------------------------------------------------------
    /// Make a boxed term pointing at `hdr`.
    ///
    /// # Safety
    /// `hdr` must be 8-byte aligned and point at a valid, initialized object header.
    #[inline]
    pub unsafe fn from_boxed_ptr(hdr: *const u64) -> Term {
        Term(hdr as u64 | TAG_BOXED)
    }
    /// Make a cons term pointing at a two-word cell.
    ///
    /// # Safety
    /// `cell` must be 8-byte aligned and point at two initialized term words.
    #[inline]
    pub unsafe fn from_cons_ptr(cell: *const u64) -> Term {
        Term(cell as u64 | TAG_LIST)
    }
    /// Address of a boxed object's header.
    #[inline]
    pub const fn boxed_ptr(self) -> *mut u64 {
        (self.0 & !PRIMARY_MASK) as *mut u64
    }
    /// Address of a cons cell.
    #[inline]
    pub const fn cons_ptr(self) -> *mut u64 {
        (self.0 & !PRIMARY_MASK) as *mut u64
    }
    /// Header word of a boxed term.
    #[inline]
    pub fn header(self) -> Option<u64> {
        if self.is_boxed() {
            // SAFETY: validity invariant: a boxed term points at a live header.
            Some(unsafe { *self.boxed_ptr() })
        } else {
            None
        }
    }
    /// Subtag of a boxed term.
    #[inline]
    pub fn subtag(self) -> Option<u64> {
        self.header().map(header_subtag)
    }
    /// The words after the header of a boxed term.
    fn payload(&self) -> &[u64] {
        match self.header() {
            // SAFETY: validity invariant: the object has `arity` words after its header.
            Some(h) => unsafe {
                std::slice::from_raw_parts(self.boxed_ptr().add(1), header_arity(h))
            },
            None => &[],
        }
    }
    fn payload_terms(&self) -> &[Term] {
        let p = self.payload();
        // SAFETY: Term is repr(transparent) over u64; callers only use this on objects
        // whose payload words are terms.
        unsafe { std::slice::from_raw_parts(p.as_ptr() as *const Term, p.len()) }
    }

    /// The kind of this term.
    pub fn kind(self) -> Kind {
        match self.0 & PRIMARY_MASK {
            TAG_LIST => Kind::Cons,
            TAG_BOXED => match self.subtag().unwrap_or(15) {
                sub::TUPLE => Kind::Tuple,
                sub::POS_BIG | sub::NEG_BIG => Kind::Big,
                sub::REF => Kind::Ref,
                sub::FUN => Kind::Fun,
                sub::EXPORT => Kind::Export,
                sub::FLOAT => Kind::Float,
                sub::MAP_FLAT | sub::MAP_LARGE => Kind::Map,
                sub::HEAP_BIN | sub::REFC_BIN | sub::SUB_BIN => Kind::Bits,
                _ => Kind::Other,
            },
            TAG_IMMED1 => match self.0 & IMMED1_MASK {
                IMMED1_SMALL => Kind::Small,
                IMMED1_PID => Kind::Pid,
                IMMED1_PORT => Kind::Port,
                _ => match self.0 & IMMED2_MASK {
                    IMMED2_ATOM => Kind::Atom,
                    IMMED2_NIL => Kind::Nil,
                    _ => Kind::Other,
                },
            },
            _ => Kind::Other,
        }
    }

    // ---- numbers ------------------------------------------------------------------
    /// Is a small or a bignum.
    pub fn is_integer(self) -> bool {
        self.is_small() || matches!(self.subtag(), Some(sub::POS_BIG | sub::NEG_BIG))
    }
    /// Is a float.
    pub fn is_float(self) -> bool {
        self.subtag() == Some(sub::FLOAT)
    }
    /// Is a number.
    pub fn is_number(self) -> bool {
        self.is_integer() || self.is_float()
    }
    /// Value of a float.
    pub fn float_value(self) -> Option<f64> {
        if self.is_float() {
            Some(f64::from_bits(self.payload()[0]))
        } else {
            None
        }
    }
    /// Value of an integer.
    pub fn int_value(self) -> Option<Int> {
        if let Some(i) = self.small_value() {
            return Some(Int::Small(i));
        }
        let sign = match self.subtag()? {
            sub::POS_BIG => Sign::Plus,
            sub::NEG_BIG => Sign::Minus,
            _ => return None,
        };
        let mut digits = Vec::with_capacity(self.payload().len() * 2);
        for &limb in self.payload() {
            digits.push(limb as u32);
            digits.push((limb >> 32) as u32);
        }
        Some(Int::Big(BigInt::from_biguint(sign, BigUint::new(digits))))
    }
    /// Value of an integer as a BigInt.
    pub fn to_bigint(self) -> Option<BigInt> {
        self.int_value().map(|i| i.to_bigint())
    }
    /// Value of a number as f64 (integers rounded; None when not a number).
    pub fn number_to_f64(self) -> Option<f64> {
        if let Some(f) = self.float_value() {
            return Some(f);
        }
        match self.int_value()? {
            Int::Small(i) => Some(i as f64),
            Int::Big(b) => b.to_f64(),
        }
    }
    /// Negative bignum limbs / sign: (negative, magnitude limbs).
    pub fn big_limbs(&self) -> Option<(bool, &[u64])> {
        match self.subtag()? {
            sub::POS_BIG => Some((false, self.payload())),
            sub::NEG_BIG => Some((true, self.payload())),
            _ => None,
        }
    }

    // ---- tuples and lists ---------------------------------------------------------
    /// Is a tuple.
    pub fn is_tuple(self) -> bool {
        self.subtag() == Some(sub::TUPLE)
    }
    /// Elements of a tuple.
    pub fn tuple_elements(&self) -> Option<&[Term]> {
        if self.is_tuple() {
            Some(self.payload_terms())
        } else {
            None
        }
    }
    /// Head and tail of a cons.
    #[inline]
    pub fn cons_parts(self) -> Option<(Term, Term)> {
        if self.is_cons() {
            let p = self.cons_ptr();
            // SAFETY: validity invariant: a cons term points at two term words.
            unsafe { Some((Term(*p), Term(*p.add(1)))) }
        } else {
            None
        }
    }
    /// Elements of a proper list (None if not a proper list).
    pub fn list_to_vec(self) -> Option<Vec<Term>> {
        let mut out = Vec::new();
        let mut t = self;
        while let Some((h, tl)) = t.cons_parts() {
            out.push(h);
            t = tl;
        }
        if t.is_nil() {
            Some(out)
        } else {
            None
        }
    }

    // ---- binaries -----------------------------------------------------------------
    /// Is a binary or bitstring.
    pub fn is_bitstring(self) -> bool {
        matches!(
            self.subtag(),
            Some(sub::HEAP_BIN | sub::REFC_BIN | sub::SUB_BIN)
        )
    }
    /// Is a binary (whole bytes).
    pub fn is_binary(self) -> bool {
        self.bits().is_some_and(|b| b.bit_size % 8 == 0)
    }
    /// The bits of a binary or bitstring.
    pub fn bits(&self) -> Option<Bits<'_>> {
        match self.subtag()? {
            sub::HEAP_BIN | sub::REFC_BIN => {
                let bytes = self.binary_base_bytes()?;
                Some(Bits {
                    bytes,
                    bit_off: 0,
                    bit_size: bytes.len() * 8,
                })
            }
            sub::SUB_BIN => {
                let p = self.payload();
                let (size, off) = (p[0] as usize, p[1] as usize);
                let orig = Term(p[2]);
                let base = orig.binary_base_bytes()?;
                let start = off / 8;
                let end = (off + size).div_ceil(8).min(base.len());
                // SAFETY (lifetime): the original binary is kept alive by this sub-binary,
                // which lives at least as long as `self`'s borrow.
                let bytes: &[u8] =
                    unsafe { std::slice::from_raw_parts(base.as_ptr().add(start), end - start) };
                Some(Bits {
                    bytes,
                    bit_off: off % 8,
                    bit_size: size,
                })
            }
            _ => None,
        }
    }
    /// A bitstring as (original HEAP_BIN/REFC_BIN, bit offset into it, bit size): the
    /// parts bit-syntax matching needs to make sub-binaries without copying.
    pub fn bitstring_origin(self) -> Option<(Term, usize, usize)> {
        match self.subtag()? {
            sub::HEAP_BIN | sub::REFC_BIN => Some((self, 0, self.bits()?.bit_size)),
            sub::SUB_BIN => {
                let p = self.payload();
                Some((Term(p[2]), p[1] as usize, p[0] as usize))
            }
            _ => None,
        }
    }
    /// Bytes of a whole-byte binary.
    pub fn binary_bytes(&self) -> Option<&[u8]> {
        self.bits()?.as_bytes()
    }
    fn binary_base_bytes(&self) -> Option<&[u8]> {
        match self.subtag()? {
            sub::HEAP_BIN => {
                let p = self.payload();
                let n = p[0] as usize;
                // SAFETY: a heap binary stores n bytes in the words after its size word.
                Some(unsafe { std::slice::from_raw_parts(p.as_ptr().add(1) as *const u8, n) })
            }
            sub::REFC_BIN => {
                let p = self.payload();
                let inner = p[1] as *const Vec<u8>;
                // SAFETY: the REFC_BIN holds one strong count of this Arc<Vec<u8>> for as
                // long as the object is alive, so the Vec is live.
                let v: &Vec<u8> = unsafe { &*inner };
                Some(&v[..(p[0] as usize).min(v.len())])
            }
            _ => None,
        }
    }

    // ---- maps ---------------------------------------------------------------------
    /// Is a map.
    pub fn is_map(self) -> bool {
        matches!(self.subtag(), Some(sub::MAP_FLAT | sub::MAP_LARGE))
    }
    /// Sorted keys and their values of a flat map (<= 32 keys); None for anything else,
    /// including large maps (iterate those with `crate::map::for_each` and friends).
    pub fn flat_map_parts(&self) -> Option<(&[Term], &[Term])> {
        if self.subtag() == Some(sub::MAP_FLAT) {
            let all = self.payload_terms();
            let n = all.len() / 2;
            Some((&all[..n], &all[n..]))
        } else {
            None
        }
    }
    /// The payload words of a large map's root (`[size, bitmap, children..]`) or of a
    /// HAMT node (`[bitmap, children..]`): layout in `crate::map`.
    pub(crate) fn hamt_words(&self) -> &[Term] {
        match self.subtag() {
            Some(sub::MAP_LARGE | sub::MAP_NODE) => self.payload_terms(),
            _ => &[],
        }
    }
    /// Number of keys of a map.
    pub fn map_size(self) -> Option<usize> {
        match self.subtag()? {
            sub::MAP_FLAT => Some(self.payload().len() / 2),
            sub::MAP_LARGE => self.payload_terms()[0].small_value().map(|n| n as usize),
            _ => None,
        }
    }

    // ---- funs, refs ---------------------------------------------------------------
    /// Is a fun (closure or export).
    pub fn is_fun(self) -> bool {
        matches!(self.subtag(), Some(sub::FUN | sub::EXPORT))
    }
    /// The FunEntry and the captured values of a closure.
    pub fn closure_parts(&self) -> Option<(&FunEntry, &[Term])> {
        if self.subtag()? != sub::FUN {
            return None;
        }
        let t = self.payload_terms();
        // SAFETY: word 1 of a FUN is a pointer to a static FunEntry (ABI), which lives
        // for the whole program.
        let entry = unsafe { &*(t[0].0 as *const FunEntry) };
        Some((entry, &t[1..]))
    }
    /// Module, function and arity of an export fun.
    pub fn export_mfa(self) -> Option<(Term, Term, u32)> {
        if self.subtag()? != sub::EXPORT {
            return None;
        }
        let t = self.payload_terms();
        Some((t[0], t[1], t[2].small_value().unwrap_or(0) as u32))
    }
    /// Arity of any fun.
    pub fn fun_arity(self) -> Option<u32> {
        if let Some((_, _, a)) = self.export_mfa() {
            return Some(a);
        }
        self.closure_parts().map(|(e, _)| e.arity)
    }
    /// Is a reference.
    pub fn is_ref(self) -> bool {
        self.subtag() == Some(sub::REF)
    }
    /// The three id words of a local reference.
    pub fn ref_ids(self) -> Option<[u32; 3]> {
        if !self.is_ref() {
            return None;
        }
        let p = self.payload();
        Some([p[0] as u32, (p[0] >> 32) as u32, p[1] as u32])
    }
}

// ---- constructors (allocate on a heap) ----------------------------------------------

/// Write `words` as a fresh object on `heap` and return a pointer to its first word.
fn alloc_init<H: Heap + ?Sized>(heap: &mut H, words: &[u64]) -> *mut u64 {
    let p = heap.alloc(words.len());
    // SAFETY: `alloc` returns `words.len()` writable, aligned, unaliased words.
    unsafe { std::ptr::copy_nonoverlapping(words.as_ptr(), p, words.len()) };
    p
}

/// A tuple.
pub fn tuple<H: Heap + ?Sized>(heap: &mut H, elems: &[Term]) -> Term {
    let p = heap.alloc(elems.len() + 1);
    // SAFETY: p has elems.len()+1 fresh words; we initialize all of them before use.
    unsafe {
        *p = make_header(sub::TUPLE, elems.len());
        std::ptr::copy_nonoverlapping(elems.as_ptr() as *const u64, p.add(1), elems.len());
        Term::from_boxed_ptr(p)
    }
}

/// A cons cell `[head | tail]`.
pub fn cons<H: Heap + ?Sized>(heap: &mut H, head: Term, tail: Term) -> Term {
    let p = alloc_init(heap, &[head.0, tail.0]);
    // SAFETY: p points at two initialized term words.
    unsafe { Term::from_cons_ptr(p) }
}

/// A list of `elems` ending in `tail`.
pub fn list_with_tail<H: Heap + ?Sized>(heap: &mut H, elems: &[Term], tail: Term) -> Term {
    let mut t = tail;
    for &e in elems.iter().rev() {
        t = cons(heap, e, t);
    }
    t
}

/// A proper list.
pub fn list<H: Heap + ?Sized>(heap: &mut H, elems: &[Term]) -> Term {
    list_with_tail(heap, elems, NIL)
}

/// A string as a list of code points.
pub fn string<H: Heap + ?Sized>(heap: &mut H, s: &str) -> Term {
    let elems: Vec<Term> = s.chars().map(|c| small_u(c as u64)).collect();
    list(heap, &elems)
}

#[inline]
fn small_u(v: u64) -> Term {
    Term(((v) << 4) | IMMED1_SMALL)
}

/// A float.
pub fn float<H: Heap + ?Sized>(heap: &mut H, f: f64) -> Term {
    let p = alloc_init(heap, &[make_header(sub::FLOAT, 1), f.to_bits()]);
    // SAFETY: p is an initialized FLOAT object.
    unsafe { Term::from_boxed_ptr(p) }
}

/// An integer from an i64 (small or bignum).
pub fn int<H: Heap + ?Sized>(heap: &mut H, i: i64) -> Term {
    match Term::small(i) {
        Some(t) => t,
        None => bigint(heap, &BigInt::from(i)),
    }
}

/// An integer from an i128 (small or bignum).
pub fn int128<H: Heap + ?Sized>(heap: &mut H, i: i128) -> Term {
    match i64::try_from(i).ok().and_then(Term::small) {
        Some(t) => t,
        None => bigint(heap, &BigInt::from(i)),
    }
}

/// An integer from a BigInt, demoted to a small when it fits.
pub fn bigint<H: Heap + ?Sized>(heap: &mut H, b: &BigInt) -> Term {
    if let Some(t) = b.to_i64().and_then(Term::small) {
        return t;
    }
    let limbs = b.magnitude().to_u64_digits();
    let subtag = if b.sign() == Sign::Minus {
        sub::NEG_BIG
    } else {
        sub::POS_BIG
    };
    let p = heap.alloc(limbs.len() + 1);
    // SAFETY: p has limbs.len()+1 fresh words, all initialized here.
    unsafe {
        *p = make_header(subtag, limbs.len());
        std::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), limbs.len());
        Term::from_boxed_ptr(p)
    }
}

/// Build an integer from an `Int`.
pub fn int_term<H: Heap + ?Sized>(heap: &mut H, i: &Int) -> Term {
    match i {
        Int::Small(v) => int(heap, *v),
        Int::Big(b) => bigint(heap, b),
    }
}

/// A binary with a copy of `bytes`: a HEAP_BIN up to 64 bytes, else a shared REFC_BIN.
pub fn binary<H: Heap + ?Sized>(heap: &mut H, bytes: &[u8]) -> Term {
    if bytes.len() <= HEAP_BIN_LIMIT {
        heap_binary(heap, bytes)
    } else {
        refc_binary(heap, Arc::new(bytes.to_vec()))
    }
}

/// A HEAP_BIN of any size (literals may exceed 64 bytes; process code uses `binary`).
pub fn heap_binary<H: Heap + ?Sized>(heap: &mut H, bytes: &[u8]) -> Term {
    let nw = words_for_bytes(bytes.len());
    let p = heap.alloc(nw + 2);
    // SAFETY: p has nw+2 fresh words: header, size, then the zero-padded bytes.
    unsafe {
        *p = make_header(sub::HEAP_BIN, nw + 1);
        *p.add(1) = bytes.len() as u64;
        std::ptr::write_bytes(p.add(2), 0, nw);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, bytes.len());
        Term::from_boxed_ptr(p)
    }
}

/// A REFC_BIN sharing `data` (takes one strong count), linked into the heap's off-heap list.
pub fn refc_binary<H: Heap + ?Sized>(heap: &mut H, data: Arc<Vec<u8>>) -> Term {
    let len = data.len() as u64;
    let raw = Arc::into_raw(data) as u64;
    let p = alloc_init(heap, &[make_header(sub::REFC_BIN, 3), len, raw, 0]);
    // SAFETY: p is the REFC_BIN object just allocated on `heap`, in no list yet.
    unsafe { heap.link_off_heap(p) };
    // SAFETY: p is an initialized REFC_BIN object.
    unsafe { Term::from_boxed_ptr(p) }
}

/// A bitstring of `bit_size` bits taken from the start of `packed` (last byte's bits high).
pub fn bitstring<H: Heap + ?Sized>(heap: &mut H, packed: &[u8], bit_size: usize) -> Term {
    let nbytes = bit_size.div_ceil(8).min(packed.len());
    if bit_size.is_multiple_of(8) {
        return binary(heap, &packed[..nbytes]);
    }
    let mut data = packed[..nbytes].to_vec();
    if let Some(last) = data.last_mut() {
        let keep = bit_size % 8;
        *last &= 0xFFu8 << (8 - keep);
    }
    let orig = binary(heap, &data);
    // The range is within `orig` by construction, so this cannot fail.
    sub_binary(heap, orig, 0, bit_size).unwrap_or(orig)
}

/// A sub-binary of `orig` (a HEAP_BIN or REFC_BIN): `bit_size` bits from `bit_off`.
/// Returns None if `orig` is not a whole binary object or the range is out of bounds.
pub fn sub_binary<H: Heap + ?Sized>(
    heap: &mut H,
    orig: Term,
    bit_off: usize,
    bit_size: usize,
) -> Option<Term> {
    if !matches!(orig.subtag(), Some(sub::HEAP_BIN | sub::REFC_BIN)) {
        return None;
    }
    let total = orig.bits()?.bit_size;
    if bit_off.checked_add(bit_size)? > total {
        return None;
    }
    let p = alloc_init(
        heap,
        &[
            make_header(sub::SUB_BIN, 3),
            bit_size as u64,
            bit_off as u64,
            orig.0,
        ],
    );
    // SAFETY: p is an initialized SUB_BIN object.
    Some(unsafe { Term::from_boxed_ptr(p) })
}

/// A map from already sorted, duplicate-free keys (map-key order) and their values: a
/// flat map up to `MAP_FLAT_LIMIT` keys, a HAMT above (`crate::map::build_large`).
pub fn map_from_sorted<H: Heap + ?Sized>(heap: &mut H, keys: &[Term], values: &[Term]) -> Term {
    let n = keys.len().min(values.len());
    if n > MAP_FLAT_LIMIT {
        return crate::map::build_large(heap, &keys[..n], &values[..n]);
    }
    let p = heap.alloc(2 * n + 1);
    // SAFETY: p has 2n+1 fresh words; header, n keys, n values are written.
    unsafe {
        *p = make_header(sub::MAP_FLAT, 2 * n);
        std::ptr::copy_nonoverlapping(keys.as_ptr() as *const u64, p.add(1), n);
        std::ptr::copy_nonoverlapping(values.as_ptr() as *const u64, p.add(1 + n), n);
        Term::from_boxed_ptr(p)
    }
}

/// An export fun `fun M:F/A`.
pub fn export_fun<H: Heap + ?Sized>(heap: &mut H, m: Term, f: Term, arity: u32) -> Term {
    let p = alloc_init(
        heap,
        &[
            make_header(sub::EXPORT, 3),
            m.0,
            f.0,
            small_u(arity as u64).0,
        ],
    );
    // SAFETY: p is an initialized EXPORT object.
    unsafe { Term::from_boxed_ptr(p) }
}

/// A closure over `entry` capturing `env`.
pub fn closure<H: Heap + ?Sized>(heap: &mut H, entry: &'static FunEntry, env: &[Term]) -> Term {
    let p = heap.alloc(env.len() + 2);
    // SAFETY: p has env.len()+2 fresh words, all initialized here.
    unsafe {
        *p = make_header(sub::FUN, env.len() + 1);
        *p.add(1) = entry as *const FunEntry as u64;
        std::ptr::copy_nonoverlapping(env.as_ptr() as *const u64, p.add(2), env.len());
        Term::from_boxed_ptr(p)
    }
}

/// A reference with the given id words.
pub fn reference<H: Heap + ?Sized>(heap: &mut H, ids: [u32; 3]) -> Term {
    let w1 = ids[0] as u64 | ((ids[1] as u64) << 32);
    let p = alloc_init(heap, &[make_header(sub::REF, 2), w1, ids[2] as u64]);
    // SAFETY: p is an initialized REF object.
    unsafe { Term::from_boxed_ptr(p) }
}

static REF_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A fresh unique reference (`make_ref()`).
pub fn make_ref<H: Heap + ?Sized>(heap: &mut H) -> Term {
    let n = REF_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // BEAM's first id word has 18 significant bits.
    let ids = [(n & 0x3FFFF) as u32, (n >> 18) as u32, (n >> 50) as u32];
    reference(heap, ids)
}

/// Is `b` zero-valued (helper for tests and arithmetic).
pub fn is_zero(b: &BigInt) -> bool {
    b.is_zero()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;

    #[test]
    fn immediates() {
        assert_eq!(NIL.raw(), 0x3B);
        assert_eq!(NON_VALUE.raw(), 0x2B);
        assert_eq!(Term::bool(true).raw(), 0x4B);
        assert_eq!(Term::bool(false).raw(), 0x0B);
        assert_eq!(Term::small(0).unwrap().raw(), 0xF);
        assert_eq!(Term::small(-1).unwrap().raw(), 0xFFFF_FFFF_FFFF_FFFF);
        assert_eq!(
            Term::small(SMALL_MAX).unwrap().small_value(),
            Some(SMALL_MAX)
        );
        assert_eq!(
            Term::small(SMALL_MIN).unwrap().small_value(),
            Some(SMALL_MIN)
        );
        assert!(Term::small(SMALL_MAX + 1).is_none());
        assert!(Term::small(SMALL_MIN - 1).is_none());
        assert_eq!(Term::pid(9).pid_serial(), Some(9));
        assert_eq!(Term::intern("ok").unwrap(), Term::atom(atom::idx::OK));
        assert_eq!(Term::atom(atom::idx::OK).atom_name(), Some("ok"));
        assert_eq!(Term::small(5).unwrap().kind(), Kind::Small);
        assert_eq!(NIL.kind(), Kind::Nil);
        assert_eq!(Term::pid(1).kind(), Kind::Pid);
        assert_eq!(NON_VALUE.kind(), Kind::Other);
    }

    #[test]
    fn fun_entry_layout_is_abi() {
        use std::mem::offset_of;
        assert_eq!(offset_of!(FunEntry, code), 0);
        assert_eq!(offset_of!(FunEntry, module), 8);
        assert_eq!(offset_of!(FunEntry, name), 16);
        assert_eq!(offset_of!(FunEntry, arity), 24);
        assert_eq!(offset_of!(FunEntry, num_free), 28);
        assert_eq!(offset_of!(FunEntry, index), 32);
        assert_eq!(offset_of!(FunEntry, old_uniq), 36);
        assert_eq!(offset_of!(FunEntry, uniq), 40);
        assert_eq!(std::mem::size_of::<FunEntry>(), 56);
    }

    #[test]
    fn small_tag_arithmetic_trick() {
        // (a - 0xF) + b is the tagged sum, as the ABI document tells the code generator.
        let (a, b) = (Term::small(40).unwrap(), Term::small(-2).unwrap());
        let r = a.raw().wrapping_sub(0xF).wrapping_add(b.raw());
        assert_eq!(Term(r).small_value(), Some(38));
        // Overflow of the 64-bit add is exactly overflow of the 60-bit small.
        let m = Term::small(SMALL_MAX).unwrap();
        let one = Term::small(1).unwrap();
        assert!((m.raw() as i64 - 0xF)
            .checked_add(one.raw() as i64)
            .is_none());
    }

    #[test]
    fn boxed_objects() {
        let mut h = FragHeap::new();
        let t = tuple(&mut h, &[Term::small(1).unwrap(), NIL]);
        assert_eq!(t.kind(), Kind::Tuple);
        assert_eq!(t.tuple_elements().unwrap().len(), 2);
        assert_eq!(t.header().map(header_arity), Some(2));
        let l = list(&mut h, &[t, t]);
        assert_eq!(l.list_to_vec().unwrap(), vec![t, t]);
        let f = float(&mut h, 1.5);
        assert_eq!(f.float_value(), Some(1.5));
        let big = bigint(&mut h, &(BigInt::from(1) << 100));
        assert_eq!(big.kind(), Kind::Big);
        assert_eq!(big.to_bigint().unwrap(), BigInt::from(1) << 100);
        let neg = int128(&mut h, -(1i128 << 70));
        assert_eq!(neg.to_bigint().unwrap(), BigInt::from(-(1i128 << 70)));
        // demotion: a BigInt that fits becomes a small
        assert!(bigint(&mut h, &BigInt::from(SMALL_MAX)).is_small());
        assert!(!bigint(&mut h, &(BigInt::from(SMALL_MAX) + 1)).is_small());
        assert!(!int(&mut h, SMALL_MIN - 1).is_small());
        assert_eq!(
            int(&mut h, i64::MIN).to_bigint().unwrap(),
            BigInt::from(i64::MIN)
        );
    }

    #[test]
    fn binaries() {
        let mut h = FragHeap::new();
        let b = binary(&mut h, &[1, 2, 3]);
        assert_eq!(b.subtag(), Some(sub::HEAP_BIN));
        assert_eq!(b.binary_bytes(), Some(&[1u8, 2, 3][..]));
        let big: Vec<u8> = (0..200u32).map(|i| i as u8).collect();
        let rb = binary(&mut h, &big);
        assert_eq!(rb.subtag(), Some(sub::REFC_BIN));
        assert_eq!(rb.binary_bytes(), Some(&big[..]));
        let s = sub_binary(&mut h, rb, 8 * 10, 8 * 5).unwrap();
        assert_eq!(s.binary_bytes(), Some(&big[10..15]));
        let odd = sub_binary(&mut h, rb, 4, 12).unwrap();
        assert!(!odd.is_binary() && odd.is_bitstring());
        assert_eq!(odd.bits().unwrap().to_vec(), vec![0x00, 0x10]);
        let bs = bitstring(&mut h, &[1, 2, 0x3F], 20);
        assert_eq!(bs.bits().unwrap().bit_size, 20);
        assert_eq!(bs.bits().unwrap().to_vec(), vec![1, 2, 0x30]);
        assert!(sub_binary(&mut h, b, 0, 25).is_none());
        assert!(sub_binary(&mut h, NIL, 0, 0).is_none());
    }

    #[test]
    fn refs_funs_maps() {
        let mut h = FragHeap::new();
        let r = reference(&mut h, [124427, 2702966785, 54958200]);
        assert_eq!(r.ref_ids(), Some([124427, 2702966785, 54958200]));
        let r2 = make_ref(&mut h);
        assert_ne!(r2.ref_ids(), make_ref(&mut h).ref_ids());
        let e = export_fun(
            &mut h,
            Term::atom(atom::idx::LISTS),
            Term::intern("map").unwrap(),
            2,
        );
        assert_eq!(e.fun_arity(), Some(2));
        assert_eq!(e.kind(), Kind::Export);
        static ENTRY: FunEntry = FunEntry {
            code: std::ptr::null(),
            module: Term::atom(atom::idx::LISTS),
            name: Term::atom(atom::idx::OK),
            arity: 1,
            num_free: 1,
            index: 0,
            old_uniq: 0,
            uniq: [0; 16],
        };
        let c = closure(&mut h, &ENTRY, &[Term::small(7).unwrap()]);
        let (ent, env) = c.closure_parts().unwrap();
        assert_eq!(ent.arity, 1);
        assert_eq!(env, &[Term::small(7).unwrap()]);
        let m = map_from_sorted(&mut h, &[Term::small(1).unwrap()], &[NIL]);
        assert_eq!(m.map_size(), Some(1));
        assert_eq!(m.kind(), Kind::Map);
    }
}
