//! Fun BIFs of module `erlang`: `make_fun/3`, `fun_info/1,2`, `fun_to_list/1`,
//! `fun_info_mfa/1`, and `function_exported/3` (the export table's answer).
//!
//! Owns: the items `fun_info` reports for export funs (`module name arity env type`)
//! and closures (also `index new_index uniq new_uniq pid`). Must not: look funs up in
//! the export table when making them (a `make_fun` of an undefined function is valid, as
//! on BEAM: the call fails later with undef). Known difference: a closure's `pid` item is
//! `undefined` (ferl does not record the creating process).

use super::{badarg, uint};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term};

fn atom(name: &str) -> Term {
    Term::intern(name).unwrap_or(Term::NIL)
}

/// `erlang:make_fun(Module, Function, Arity)`.
pub fn make_fun(h: &mut dyn Heap, m: Term, f: Term, a: Term) -> BifResult {
    match (m.atom_name(), f.atom_name(), a.small_value()) {
        (Some(_), Some(_), Some(n)) if (0..=255).contains(&n) => {
            Ok(term::export_fun(h, m, f, n as u32))
        }
        _ => badarg(),
    }
}

/// `erlang:function_exported(Module, Function, Arity)`: whether `M:F/A` is in the
/// export table (the modules linked into the program and the BIFs, as on BEAM).
pub fn function_exported(_h: &mut dyn Heap, m: Term, f: Term, a: Term) -> BifResult {
    match (m.atom_name(), f.atom_name(), a.small_value()) {
        (Some(_), Some(_), Some(n)) if n >= 0 => {
            let found = u32::try_from(n)
                .ok()
                .and_then(|n| crate::native::rt::lookup_export(m, f, n))
                .is_some();
            Ok(Term::bool(found))
        }
        _ => badarg(),
    }
}

/// The value of one item, None when the item is unknown.
fn item(h: &mut dyn Heap, fun: Term, it: &str) -> Option<Term> {
    if let Some((m, f, a)) = fun.export_mfa() {
        return Some(match it {
            "module" => m,
            "name" => f,
            "arity" => uint(a as usize),
            "env" => Term::NIL,
            "type" => atom("external"),
            "pid" | "index" | "new_index" | "uniq" | "new_uniq" => atom("undefined"),
            _ => return None,
        });
    }
    let (e, env) = fun.closure_parts()?;
    Some(match it {
        "module" => e.module,
        "name" => e.name,
        "arity" => uint(e.arity as usize),
        "env" => {
            let env = env.to_vec();
            term::list_with_tail(h, &env, Term::NIL)
        }
        "type" => atom("local"),
        "pid" => atom("undefined"),
        "index" | "new_index" => uint(e.index as usize),
        "uniq" => term::int(h, e.old_uniq as i64),
        "new_uniq" => term::binary(h, &e.uniq),
        _ => return None,
    })
}

/// `erlang:fun_info(Fun, Item)`.
pub fn fun_info2(h: &mut dyn Heap, fun: Term, it: Term) -> BifResult {
    if !fun.is_fun() {
        return badarg();
    }
    let Some(name) = it.atom_name() else {
        return badarg();
    };
    match item(h, fun, name) {
        Some(v) => Ok(term::tuple(h, &[it, v])),
        None => badarg(),
    }
}

/// `erlang:fun_info(Fun)`: BEAM's item list and order.
pub fn fun_info1(h: &mut dyn Heap, fun: Term) -> BifResult {
    if !fun.is_fun() {
        return badarg();
    }
    let items: &[&str] = if fun.export_mfa().is_some() {
        &["module", "name", "arity", "env", "type"]
    } else {
        &[
            "pid",
            "module",
            "new_index",
            "new_uniq",
            "index",
            "uniq",
            "name",
            "arity",
            "env",
            "type",
        ]
    };
    let mut pairs = Vec::new();
    for it in items {
        let v = item(h, fun, it).unwrap_or(Term::NIL);
        pairs.push(term::tuple(h, &[atom(it), v]));
    }
    Ok(term::list_with_tail(h, &pairs, Term::NIL))
}

/// `erlang:fun_to_list(Fun)`: `"fun M:F/A"` or `"#Fun<M.Index.Uniq>"`.
pub fn fun_to_list(h: &mut dyn Heap, fun: Term) -> BifResult {
    if !fun.is_fun() {
        return badarg();
    }
    let text = crate::print::to_string(fun);
    let chars: Vec<Term> = text.chars().map(|c| uint(c as usize)).collect();
    Ok(term::list_with_tail(h, &chars, Term::NIL))
}

/// `erlang:fun_info_mfa(Fun)`: `{Module, Name, Arity}` (badarg for a non-fun).
pub fn fun_info_mfa(h: &mut dyn Heap, fun: Term) -> BifResult {
    let mut out = [Term::NIL; 3];
    for (slot, item) in out.iter_mut().zip(["module", "name", "arity"]) {
        let key = Term::intern(item).map_err(|_| Exception::badarg())?;
        let pair = fun_info2(h, fun, key)?;
        *slot = pair
            .tuple_elements()
            .and_then(|e| e.get(1).copied())
            .ok_or_else(Exception::badarg)?;
    }
    Ok(term::tuple(h, &out))
}
