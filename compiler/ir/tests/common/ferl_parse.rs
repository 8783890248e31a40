//! Parse test sources with ferl's own lexer and parser. The preprocessor is not merged yet,
//! so this splits the token stream into forms at each `FormEnd` itself (the test sources
//! use no macros or includes); once `ferl_syntax::parse_module` preprocesses, this can call
//! it with an in-memory `FileLoader`.

#![allow(dead_code)]

use ferl_diagnostics::{Diagnostics, SourceMap};
use ferl_syntax::token::Tok;

/// `(module, source map)`, or the syntax errors.
pub fn parse(name: &str, text: &str) -> Result<(ferl_syntax::ast::Module, SourceMap), Vec<String>> {
    let mut map = SourceMap::new();
    let file = map.add(format!("{name}.erl"), text);
    let mut diags = Diagnostics::new();
    let tokens = ferl_syntax::lexer::lex(file, text, &mut diags);
    let mut module = ferl_syntax::ast::Module::default();
    let mut form = Vec::new();
    for t in tokens {
        let end = matches!(t.kind, Tok::FormEnd);
        form.push(t);
        if end {
            if let Some(f) = ferl_syntax::parser::parse_form(&form, &mut diags) {
                module.forms.push(f);
            }
            form.clear();
        }
    }
    if diags.has_errors() {
        return Err(diags.items.iter().map(|d| d.message.clone()).collect());
    }
    Ok((module, map))
}
