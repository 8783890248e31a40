//! Opaque terms (pids, references, funs): their text forms `pid_to_list/1`,
//! `erlang:ref_to_list/1`, `erlang:fun_to_list/1` (what `io_lib` prints for these terms),
//! `erlang:make_fun/3` (`fun M:F/A` with variable parts) and `erlang:fun_info/2`.
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

/// `erlang:fun_to_list(Fun)`.
pub fn fun_to_list(h: &mut dyn Heap, t: Term) -> BifResult {
    text_of(h, t, &[Kind::Fun, Kind::Export])
}

/// `erlang:make_fun(Module, Function, Arity)`: an export fun (arity 0..=255).
pub fn make_fun(h: &mut dyn Heap, m: Term, f: Term, a: Term) -> BifResult {
    match (m.atom_name(), f.atom_name(), a.small_value()) {
        (Some(_), Some(_), Some(n)) if (0..=255).contains(&n) => Ok(term::export_fun(h, m, f, n as u32)),
        _ => badarg(),
    }
}

/// `erlang:fun_info(Fun, Item)` for the items that do not depend on the process:
/// `arity`, `module`, `name`, `type`, `env`, `index`, `new_index`, `uniq`.
pub fn fun_info(h: &mut dyn Heap, f: Term, item: Term) -> BifResult {
    let atom = |s: &str| Term::intern(s).map_err(|_| crate::exception::Exception::badarg());
    let value = if let Some((m, name, arity)) = f.export_mfa() {
        match item.atom_name() {
            Some("arity") => super::uint(arity as usize),
            Some("module") => m,
            Some("name") => name,
            Some("type") => atom("external")?,
            Some("env") => Term::NIL,
            Some("index" | "new_index" | "uniq" | "new_uniq" | "pid") => atom("undefined")?,
            _ => return badarg(),
        }
    } else if let Some((e, free)) = f.closure_parts() {
        match item.atom_name() {
            Some("arity") => super::uint(e.arity as usize),
            Some("module") => e.module,
            Some("name") => e.name,
            Some("type") => atom("local")?,
            Some("env") => {
                let free = free.to_vec();
                term::list(h, &free)
            }
            Some("index" | "new_index") => super::uint(e.index as usize),
            Some("uniq") => super::uint(e.old_uniq as usize),
            _ => return badarg(),
        }
    } else {
        return badarg();
    };
    Ok(term::tuple(h, &[item, value]))
}
