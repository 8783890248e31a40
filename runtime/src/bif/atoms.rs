//! Atom BIFs: `atom_to_list/1`, `list_to_atom/1`, `list_to_existing_atom/1`,
//! `atom_to_binary/1,2`, `binary_to_atom/1,2`, `binary_to_existing_atom/1,2`.
//!
//! Owns: the encodings (`latin1`, `unicode`, `utf8`), the 255-character limit and a
//! full table as `system_limit`, "not existing" as badarg.
//! Must not: create atoms in the `*_existing_*` BIFs.

use super::{badarg, char_list};
use crate::atom::{self, AtomError};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term};

fn name_of(a: Term) -> Result<&'static str, Exception> {
    a.atom_name().ok_or_else(Exception::badarg)
}

fn make_atom(name: &str) -> BifResult {
    match atom::intern(name) {
        Ok(i) => Ok(Term::atom(i)),
        Err(AtomError::TooLong | AtomError::TableFull) => Err(Exception::system_limit()),
    }
}

fn existing_atom(name: &str) -> BifResult {
    atom::global()
        .lookup(name)
        .map(Term::atom)
        .ok_or_else(Exception::badarg)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Enc {
    Latin1,
    Utf8,
}

fn encoding(e: Term) -> Result<Enc, Exception> {
    match e.atom_name() {
        Some("latin1") => Ok(Enc::Latin1),
        Some("unicode" | "utf8") => Ok(Enc::Utf8),
        _ => badarg(),
    }
}

/// The atom text of binary `b` in encoding `enc` (None: not a binary, or bad UTF-8).
fn binary_text(b: Term, enc: Enc) -> Option<String> {
    let bytes = b.binary_bytes()?;
    match enc {
        Enc::Latin1 => Some(bytes.iter().map(|&c| c as char).collect()),
        Enc::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
    }
}

/// `atom_to_list(Atom)`.
pub fn atom_to_list(h: &mut dyn Heap, a: Term) -> BifResult {
    Ok(term::string(h, name_of(a)?))
}

/// `list_to_atom(String)`.
pub fn list_to_atom(_h: &mut dyn Heap, l: Term) -> BifResult {
    make_atom(&char_list(l).ok_or_else(Exception::badarg)?)
}

/// `list_to_existing_atom(String)`.
pub fn list_to_existing_atom(_h: &mut dyn Heap, l: Term) -> BifResult {
    existing_atom(&char_list(l).ok_or_else(Exception::badarg)?)
}

/// `atom_to_binary(Atom)` (UTF-8).
pub fn atom_to_binary(h: &mut dyn Heap, a: Term) -> BifResult {
    Ok(term::binary(h, name_of(a)?.as_bytes()))
}

/// `atom_to_binary(Atom, Encoding)`.
pub fn atom_to_binary2(h: &mut dyn Heap, a: Term, e: Term) -> BifResult {
    let name = name_of(a)?;
    match encoding(e)? {
        Enc::Utf8 => Ok(term::binary(h, name.as_bytes())),
        Enc::Latin1 => {
            let bytes: Option<Vec<u8>> =
                name.chars().map(|c| u8::try_from(c as u32).ok()).collect();
            match bytes {
                Some(b) => Ok(term::binary(h, &b)),
                None => badarg(),
            }
        }
    }
}

/// `binary_to_atom(Binary)` (UTF-8).
pub fn binary_to_atom(_h: &mut dyn Heap, b: Term) -> BifResult {
    make_atom(&binary_text(b, Enc::Utf8).ok_or_else(Exception::badarg)?)
}

/// `binary_to_atom(Binary, Encoding)`.
pub fn binary_to_atom2(_h: &mut dyn Heap, b: Term, e: Term) -> BifResult {
    let enc = encoding(e)?;
    make_atom(&binary_text(b, enc).ok_or_else(Exception::badarg)?)
}

/// `binary_to_existing_atom(Binary)` (UTF-8).
pub fn binary_to_existing_atom(_h: &mut dyn Heap, b: Term) -> BifResult {
    existing_atom(&binary_text(b, Enc::Utf8).ok_or_else(Exception::badarg)?)
}

/// `binary_to_existing_atom(Binary, Encoding)`.
pub fn binary_to_existing_atom2(_h: &mut dyn Heap, b: Term, e: Term) -> BifResult {
    let enc = encoding(e)?;
    existing_atom(&binary_text(b, enc).ok_or_else(Exception::badarg)?)
}
