//! Parse test sources with ferl's own front end (`ferl_syntax::parse_module`: lexer,
//! preprocessor, parser), with an in-memory loader that has no include files.

#![allow(dead_code)]

use ferl_diagnostics::{Diagnostics, SourceMap};
use ferl_syntax::preprocess::{NoFiles, Options};

/// `(module, source map)`, or the syntax errors.
pub fn parse(name: &str, text: &str) -> Result<(ferl_syntax::ast::Module, SourceMap), Vec<String>> {
    let mut map = SourceMap::new();
    let file = map.add(format!("{name}.erl"), text);
    let mut diags = Diagnostics::new();
    let module = ferl_syntax::parse_module(
        &mut map,
        file,
        &Options::default(),
        &mut NoFiles,
        &mut diags,
    );
    if diags.has_errors() {
        return Err(diags.items.iter().map(|d| d.message.clone()).collect());
    }
    Ok((module, map))
}
