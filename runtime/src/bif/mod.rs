//! The BIFs of module `erlang` (and `os:system_time`) that depend only on their arguments
//! and the global tables (atoms, clocks): type tests, tuples, lists, numbers and their
//! text forms, atoms, binaries and iolists, the external term format, `phash2`, time,
//! `node`, and the exception-raising BIFs; and the C-implemented BIFs of modules `maps`,
//! `math`, `binary` and `unicode`.
//!
//! Each family has one file; every BIF is a Rust function `fn(&mut dyn Heap, args...) ->
//! BifResult` raising BEAM's exact error (checked row by row against OTP 25 by
//! `runtime/tests/bif_table.rs`). `entry` holds the `extern "C"` entry points for
//! compiled code and the lookup table (`TABLE`, `lookup`) for dynamic calls.
//! Must not: touch process state (process BIFs live in `proc_bifs`/`entry.rs`), collect
//! garbage, or panic on any argument a program can build.

pub mod atoms;
pub mod binaries;
pub mod binmod;
pub mod checksum;
pub mod clock;
pub mod entry;
pub mod errors;
pub mod funs;
pub mod hash;
pub mod lists;
pub mod maps;
pub mod math;
pub mod numbers;
pub mod opaque;
pub mod system;
pub mod time;
pub mod tuples;
pub mod types;
pub mod unicode;

pub use entry::{lookup, BifDef, TABLE};

use crate::exception::Exception;
use crate::term::Term;

/// `Err(badarg)`.
pub(crate) fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

/// The elements of a proper list, or badarg.
pub(crate) fn proper(t: Term) -> Result<Vec<Term>, Exception> {
    t.list_to_vec().ok_or_else(Exception::badarg)
}

/// A small non-negative integer term for a count known to fit (sizes, lengths, bytes).
pub(crate) fn uint(n: usize) -> Term {
    Term::small(n as i64).unwrap_or(Term::NIL)
}

/// A proper list of Unicode code points as a string (None: not a list, improper, or an
/// element that is not a code point).
pub(crate) fn char_list(t: Term) -> Option<String> {
    let mut s = String::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.cons_parts() {
        let c = h.small_value().filter(|v| (0..=0x10FFFF).contains(v))?;
        s.push(char::from_u32(c as u32)?);
        cur = tl;
    }
    cur.is_nil().then_some(s)
}

/// A proper list of bytes (None: not a list, improper, or an element outside 0..=255).
pub(crate) fn byte_list(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = t;
    while let Some((h, tl)) = cur.cons_parts() {
        out.push(h.small_value().filter(|v| (0..=255).contains(v))? as u8);
        cur = tl;
    }
    cur.is_nil().then_some(out)
}
