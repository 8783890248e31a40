//! ferl's syntax layer: lexer, preprocessor, parser and AST for Erlang/OTP 25 source.
//!
//! Owns: tokens ([`token`]), the lexer ([`lexer`]), epp-like preprocessing on tokens
//! ([`preprocess`]), the lalrpop grammar and per-form parsing ([`parser`]), the AST
//! ([`ast`]) and source-form printing of literals ([`print`]).
//! Must not: do I/O except through the [`preprocess::FileLoader`] it is handed; panic on
//! any input (every problem becomes a [`ferl_diagnostics::Diagnostic`]); know about
//! semantic rules (that is `ferl_sema`).
//!
//! Pipeline: [`lexer::lex`] -> [`preprocess::preprocess`] (a list of forms, each a token
//! list ending in `FormEnd`) -> [`parser::parse_form`] per form -> [`ast::Module`].
//! [`parse_module`] runs all of it.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod print;
pub mod token;

use ferl_diagnostics::{Diagnostics, FileId, SourceMap};

/// Lex, preprocess and parse one file (already added to `map` as `file`).
/// Syntax errors are reported per form; parsing resumes at the next form.
pub fn parse_module(
    map: &mut SourceMap,
    file: FileId,
    opts: &preprocess::Options,
    loader: &mut dyn preprocess::FileLoader,
    diags: &mut Diagnostics,
) -> ast::Module {
    let forms = preprocess::preprocess(map, file, opts, loader, diags);
    let mut module = ast::Module::default();
    for tokens in &forms {
        if let Some(form) = parser::parse_form(tokens, diags) {
            module.forms.push(form);
        }
    }
    module
}
