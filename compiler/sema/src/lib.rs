//! Semantic checks erlc makes (erl_lint's), and record expansion.
//!
//! Owns: [`check`] (diagnostics for a parsed module, worded and placed like erlc's) and
//! [`records::expand_records`] (erl_expand_records).
//! Must not: do I/O, panic on any AST, or change the AST during checking.
//!
//! Layout: [`lint`] walks the module (a port of OTP 25's erl_lint), [`vt`] is its
//! variable table, [`bifs`] holds erl_internal's tables, [`pos`] computes erl_parse's
//! positions from spans.

mod bifs;
mod lint;
mod pos;
pub mod records;
mod vt;

use ferl_diagnostics::{Diagnostic, SourceMap};
use ferl_syntax::ast::Module;

pub use records::expand_records;

/// What the checker needs besides the AST.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The file's base name without `.erl`, to compare with `-module`.
    pub file_stem: Option<String>,
    /// erlc's `+warn_export_vars`: warn when a variable exported from a case/if/receive
    /// is used afterwards (off by default, as in erlc).
    pub warn_export_vars: bool,
}

/// Run every check; returns errors and warnings in the order erlc prints them:
/// parse-level errors (head mismatch) first, then the other errors sorted by file and
/// position, then warnings sorted by position.
pub fn check(module: &Module, map: &SourceMap, opts: &Options) -> Vec<Diagnostic> {
    let mut l = lint::Lint::new(map, opts);
    l.module(module);
    let mut items = std::mem::take(&mut l.items);
    let loc = |d: &Diagnostic| {
        let (file, line, col) = map.location(d.primary);
        (file.to_string(), line, col)
    };
    let mut prio: Vec<_> = items
        .iter()
        .filter(|i| i.prio)
        .map(|i| (loc(&i.d).1, i.d.clone()))
        .collect();
    prio.sort_by_key(|p| p.0);
    let mut errors: Vec<_> = items
        .iter()
        .filter(|i| !i.prio && i.d.is_error())
        .map(|i| (loc(&i.d), i.key, i.d.message.clone(), i.d.clone()))
        .collect();
    errors.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    let mut warnings: Vec<_> = items
        .iter()
        .filter(|i| !i.d.is_error())
        .map(|i| {
            let (_, line, col) = loc(&i.d);
            ((line, col), i.d.message.clone(), i.d.clone())
        })
        .collect();
    warnings.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    warnings.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    items.clear();
    prio.into_iter()
        .map(|p| p.1)
        .chain(errors.into_iter().map(|e| e.3))
        .chain(warnings.into_iter().map(|w| w.2))
        .collect()
}

#[cfg(test)]
mod tests;
