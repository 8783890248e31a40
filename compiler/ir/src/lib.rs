//! ferl's middle end: the Core IR ([`ir`]), its text printer ([`print`]), lowering from the
//! record-expanded AST ([`lower_module`]), and the pattern-match compiler ([`matching`]).
//!
//! Owns: everything between `ferl_sema::expand_records` and the code generator. The IR is
//! in A-normal form with explicit join points, closures, try regions and receive
//! primitives, so that a code generator with the "every call is a tail call, non-tail calls
//! push a continuation frame" execution model can translate it function by function
//! (see `docs/ir.md`).
//! Must not: do I/O, panic on any AST (problems are `E0501` diagnostics), or depend on the
//! code generator or the runtime.

pub mod analysis;
pub mod bifs;
mod bits;
mod constructs;
mod guard;
pub mod inline;
pub mod ir;
pub mod literal;
mod lower;
pub mod matching;
pub mod print;
pub mod simplify;
pub mod verify;

#[cfg(test)]
mod tests;

use ferl_diagnostics::{Diagnostic, SourceMap};
use ferl_syntax::ast;

/// Lower a record-expanded module to IR. Without a source map, locations have line 0; use
/// [`lower_module_with_source`] to get lines for stack traces.
pub fn lower_module(module: &ast::Module, file_name: &str) -> Result<ir::Module, Vec<Diagnostic>> {
    let mut m = lower::Lowerer::new(module, file_name, None).lower(module)?;
    simplify::simplify_module(&mut m);
    Ok(m)
}

/// [`lower_module`], with line numbers (and include-file names) taken from `map`.
pub fn lower_module_with_source(
    module: &ast::Module,
    file_name: &str,
    map: &SourceMap,
) -> Result<ir::Module, Vec<Diagnostic>> {
    let mut m = lower::Lowerer::new(module, file_name, Some(map)).lower(module)?;
    simplify::simplify_module(&mut m);
    Ok(m)
}

/// The optimisations run between lowering and code generation: [`inline`] (small leaf
/// functions at their call sites, then early returns peeled off the remaining calls), then
/// [`simplify`] again (the join points inlining made). The result still satisfies
/// [`verify`].
///
/// `loop_host`: the functions small self-loops may be inlined into (`inline_module`).
pub fn optimize_module(m: &mut ir::Module, loop_host: &dyn Fn(&ir::Function) -> bool) {
    inline::inline_module(m, loop_host);
    inline::peel_early_returns(m);
    simplify::simplify_module(m);
}

/// Lowering without the [`simplify`] pass (for debugging the lowering itself).
pub fn lower_module_unsimplified(
    module: &ast::Module,
    file_name: &str,
    map: Option<&SourceMap>,
) -> Result<ir::Module, Vec<Diagnostic>> {
    lower::Lowerer::new(module, file_name, map).lower(module)
}
