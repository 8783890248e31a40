//! Erlang exceptions raised by runtime code: class + reason, never Rust panics.
//!
//! Owns: the `Exception` value BIF helpers return, and constructors for BEAM's standard
//! error reasons. Must not: unwind, or build stack traces (the caller's job).

use crate::atom::idx;
use crate::heap::Heap;
use crate::term::{self, Term};

/// An exception: class (`error`/`exit`/`throw`) and reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    /// `error`, `exit` or `throw`.
    pub class: Term,
    /// The reason term.
    pub reason: Term,
}

/// Result of a BIF helper.
pub type BifResult = Result<Term, Exception>;

impl Exception {
    /// `error:Reason`.
    pub const fn error(reason: Term) -> Exception {
        Exception {
            class: Term::atom(idx::ERROR),
            reason,
        }
    }
    /// `error:badarg`.
    pub const fn badarg() -> Exception {
        Exception::error(Term::atom(idx::BADARG))
    }
    /// `error:badarith`.
    pub const fn badarith() -> Exception {
        Exception::error(Term::atom(idx::BADARITH))
    }
    /// `error:system_limit`.
    pub const fn system_limit() -> Exception {
        Exception::error(Term::atom(idx::SYSTEM_LIMIT))
    }
    /// `error:{Tag, Value}` (e.g. `{badmatch, V}`, `{badkey, K}`).
    pub fn tagged<H: Heap + ?Sized>(heap: &mut H, tag: u32, value: Term) -> Exception {
        Exception::error(term::tuple(heap, &[Term::atom(tag), value]))
    }
}
