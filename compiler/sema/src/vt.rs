//! erl_lint's variable table: which variables are bound, unsafe or exported, used or not,
//! and where they were bound. The operations mirror erl_lint's `vt*` functions exactly,
//! because the scoping rules of case/if/receive/try/funs/comprehensions fall out of them.
//!
//! Owns: the table type and its pure operations. Must not: report anything (callers do).

use ferl_diagnostics::Span;
use ferl_syntax::token::Name;
use std::collections::{BTreeMap, BTreeSet};

/// The construct a variable is unsafe in / exported from, e.g. `('case', position)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct In {
    pub tag: &'static str,
    pub at: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VState {
    Bound,
    Export(In),
    Unsafe(In),
    Stacktrace,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub state: VState,
    pub used: bool,
    /// Where the variable was bound (ordered like erl_lint's annotation sets).
    pub annos: BTreeSet<Span>,
}

impl Var {
    pub fn new(state: VState, used: bool, annos: BTreeSet<Span>) -> Var {
        Var { state, used, annos }
    }
    pub fn bound_at(at: Span, used: bool) -> Var {
        Var {
            state: VState::Bound,
            used,
            annos: BTreeSet::from([at]),
        }
    }
}

pub type Vt = BTreeMap<Name, Var>;

pub fn merge_state(s1: VState, s2: VState) -> VState {
    match (s1, s2) {
        (VState::Unsafe(_), _) => s1,
        (_, VState::Unsafe(_)) => s2,
        (VState::Bound, _) => s2,
        (_, VState::Bound) => s1,
        _ => s1,
    }
}

/// `vtupdate(Uvt, Vt0)`: Vt0 updated with the states of Uvt.
pub fn update(uvt: &Vt, vt0: &Vt) -> Vt {
    let mut out = vt0.clone();
    for (k, v) in uvt {
        match out.get_mut(k) {
            Some(o) => {
                o.state = v.state;
                o.used |= v.used;
                o.annos.extend(v.annos.iter().copied());
            }
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

/// `vtunsafe(In, Uvt, Vt)`: the new variables of Uvt, marked unsafe in `inn`.
pub fn unsafe_in(inn: In, uvt: &Vt, vt: &Vt) -> Vt {
    new_vars(uvt, vt)
        .into_iter()
        .map(|(k, mut v)| {
            v.state = VState::Unsafe(inn);
            (k, v)
        })
        .collect()
}

/// `vtmerge(Vt1, Vt2)`.
pub fn merge(vt1: &Vt, vt2: &Vt) -> Vt {
    let mut out = vt2.clone();
    for (k, v) in vt1 {
        match out.get_mut(k) {
            Some(o) => {
                o.state = merge_state(v.state, o.state);
                o.used |= v.used;
                o.annos.extend(v.annos.iter().copied());
            }
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

/// `vtmerge(Vts)`: fold left merging each into the accumulator.
pub fn merge_all(vts: &[&Vt]) -> Vt {
    let mut acc = Vt::new();
    for vt in vts {
        acc = merge(vt, &acc);
    }
    acc
}

/// `vtmerge_pat(VtA, VtB)`: like merge, but a variable occurring in both is used (it is
/// matched). Returns the table and, for underscore warnings, the names and annotations
/// of the variables that were matched this way.
pub fn merge_pat(a: &Vt, b: &Vt) -> (Vt, Vec<(Name, BTreeSet<Span>)>) {
    let mut out = b.clone();
    let mut matched = Vec::new();
    for (k, va) in a {
        match out.get_mut(k) {
            Some(vb) => {
                let annos: BTreeSet<Span> = va.annos.union(&vb.annos).copied().collect();
                let match_as = match (va.used, vb.used) {
                    (false, false) => Some(annos.clone()),
                    (false, true) => Some(va.annos.clone()),
                    (true, false) => Some(vb.annos.clone()),
                    (true, true) => None,
                };
                if let Some(m) = match_as {
                    matched.push((k.clone(), m));
                }
                vb.state = merge_state(va.state, vb.state);
                vb.used = true;
                vb.annos = annos;
            }
            None => {
                out.insert(k.clone(), va.clone());
            }
        }
    }
    (out, matched)
}

/// `vtnew(New, Old)` / `vtsubtract`: variables of `new` not in `old`.
pub fn new_vars(new: &Vt, old: &Vt) -> Vt {
    new.iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `vtold(New, Old)`: variables of `new` that are in `old`.
pub fn old_vars(new: &Vt, old: &Vt) -> Vt {
    new.iter()
        .filter(|(k, _)| old.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub fn no_unsafe(vt: &Vt) -> Vt {
    vt.iter()
        .filter(|(_, v)| !matches!(v.state, VState::Unsafe(_)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub fn no_unused(vt: &Vt) -> Vt {
    vt.iter()
        .filter(|(_, v)| v.used)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `icrt_export(Vts, Vt, In)`: the variable table after a case/if/receive/try whose
/// clauses produced `vts`: variables bound in all clauses are exported, in some unsafe.
pub fn icrt_export(vts: &[Vt], vt: &Vt, inn: In) -> Vt {
    let n = vts.len();
    let mut names: BTreeSet<&Name> = BTreeSet::new();
    for c in vts {
        names.extend(c.keys());
    }
    let mut out = Vt::new();
    for name in names {
        let entries: Vec<&Var> = vts.iter().filter_map(|c| c.get(name)).collect();
        if let Some(old) = vt.get(name) {
            // Already in scope.
            let any_bound = entries
                .iter()
                .any(|e| matches!(e.state, VState::Bound | VState::Stacktrace));
            let any_export = entries.iter().any(|e| matches!(e.state, VState::Export(_)));
            if let (VState::Export(_), true, false) = (old.state, any_export, any_bound) {
                let mut s = old.state;
                for e in &entries {
                    s = merge_state(s, e.state);
                }
                out.insert(name.clone(), Var::new(s, true, old.annos.clone()));
            } else {
                out.insert(
                    name.clone(),
                    Var::new(VState::Bound, true, old.annos.clone()),
                );
            }
            continue;
        }
        // A new variable.
        let mut acc_s = VState::Export(inn);
        let mut acc_as: BTreeSet<Span> = BTreeSet::new();
        for e in &entries {
            acc_s = match (e.state, acc_s) {
                (VState::Unsafe(_), VState::Unsafe(_)) => VState::Unsafe(inn),
                (VState::Unsafe(_), _) => e.state,
                _ => acc_s,
            };
            if !e.used {
                acc_as.extend(e.annos.iter().copied());
            }
        }
        let s = if entries.len() == n {
            acc_s
        } else {
            VState::Unsafe(inn)
        };
        let used = acc_as.is_empty();
        out.insert(name.clone(), Var::new(s, used, acc_as));
    }
    out
}
