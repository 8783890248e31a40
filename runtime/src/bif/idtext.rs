//! The text forms of pids, references, ports and funs: `pid_to_list/1`,
//! `erlang:ref_to_list/1`, `port_to_list/1`, `erlang:fun_to_list/1` (what `io_lib`'s
//! `~w`/`~p` print for them).
//!
//! Owns: argument checks (badarg for another type); the spelling is `print`'s.

use super::badarg;
use crate::exception::BifResult;
use crate::heap::Heap;
use crate::term::{self, Term};

fn text(h: &mut dyn Heap, t: Term) -> BifResult {
    let s = crate::print::to_string(t);
    Ok(term::string(h, &s))
}

/// `pid_to_list(Pid)`.
pub fn pid_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    if !t.is_pid() {
        return badarg();
    }
    text(h, t)
}

/// `erlang:ref_to_list(Ref)`.
pub fn ref_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    if !t.is_ref() {
        return badarg();
    }
    text(h, t)
}

/// `port_to_list(Port)`.
pub fn port_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    if crate::print::to_string(t).starts_with("#Port<") {
        text(h, t)
    } else {
        badarg()
    }
}

/// `erlang:fun_to_list(Fun)`.
pub fn fun_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    if !t.is_fun() && t.export_mfa().is_none() {
        return badarg();
    }
    text(h, t)
}
