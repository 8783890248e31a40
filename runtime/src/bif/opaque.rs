//! Opaque terms (pids, references, ports): their text forms `pid_to_list/1`,
//! `erlang:ref_to_list/1`, `port_to_list/1` (what `io_lib` prints for these terms). Funs
//! are `funs.rs`.
//!
//! Owns: nothing but the spelling, which is `print::write_term`'s (`<0.N.0>`,
//! `#Ref<0.A.B.C>`, `#Fun<M.I.U>`, `fun M:F/A`).

use super::badarg;
use crate::exception::BifResult;
use crate::heap::Heap;
use crate::print;
use crate::term::{self, Kind, Term};

fn text_of(h: &mut dyn Heap, t: Term, kinds: &[Kind]) -> BifResult {
    if !kinds.contains(&t.kind()) {
        return badarg();
    }
    Ok(term::string(h, &print::to_string(t)))
}

/// `pid_to_list(Pid)`.
pub fn pid_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    text_of(h, t, &[Kind::Pid])
}

/// `erlang:ref_to_list(Ref)`.
pub fn ref_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    text_of(h, t, &[Kind::Ref])
}

/// `port_to_list(Port)`.
pub fn port_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    text_of(h, t, &[Kind::Port])
}
