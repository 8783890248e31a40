//! Parsing: one form's tokens -> [`crate::ast::Form`], with the lalrpop grammar in
//! `grammar.lalrpop` (a port of OTP 25's `erl_parse.yrl`) and the AST builders in
//! [`build`].
//!
//! Owns: the entry points [`parse_form`], [`parse_exprs`] (the shell) and [`parse_expr`]
//! (the preprocessor's `-if`), and turning parse failures into one erlc-worded
//! diagnostic (`syntax error before: X`, X printed as yecc's `yecctoken2string`).
//! Must not: panic on any token sequence; do any semantic check erl_parse does not do
//! itself (those are sema's, e.g. head mismatch).
//!
//! The LR automaton keeps its stack on the heap, so nesting depth is not limited here;
//! but the AST is a tree of `Box`es whose (recursive) drop and later recursive passes
//! need native stack for very deep terms (a 100,000-element list literal overflows a
//! 2 MiB thread stack): drivers should run compilation on a thread with a large stack.

pub mod build;
#[cfg(test)]
mod tests;

use crate::ast::{Expr, Form, FormKind};
use crate::token::{Name, Tok, Token};
use ferl_diagnostics::{Diagnostic, Diagnostics, FileId, Span};
use lalrpop_util::{lalrpop_mod, ParseError};

lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar,
    "/grammar.rs"
);

/// The parser's token: the lexer's [`Tok`], plus the two keywords erl_parse makes out
/// of the atoms in `-spec` / `-callback`.
#[derive(Clone, Debug, PartialEq)]
pub enum PTok {
    T(Tok),
    Spec,
    Callback,
}

/// Where a [`UserError`] is a plain syntax error rather than erl_parse's own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxAt {
    /// Not a syntax error: use the message.
    No,
    /// `syntax error before:` the token starting at the span's start.
    Before,
    /// `syntax error before:` the first token after the span.
    After,
}

/// An error raised by a grammar action (erl_parse's `return_error/2`).
#[derive(Clone, Debug, PartialEq)]
pub struct UserError {
    pub span: Span,
    pub message: String,
    pub code: &'static str,
    pub syntax: SyntaxAt,
}

impl UserError {
    pub fn syntax_before(span: Span) -> Self {
        UserError {
            span,
            message: String::new(),
            code: "E0201",
            syntax: SyntaxAt::Before,
        }
    }
    pub fn syntax_after(span: Span) -> Self {
        UserError {
            span,
            message: String::new(),
            code: "E0201",
            syntax: SyntaxAt::After,
        }
    }
}

type PError = ParseError<u32, PTok, UserError>;

/// How yecc prints a token in `syntax error before: X` (`yecctoken2string`): literals
/// in source form, everything else as a quoted atom (`')'`, `'end'`, `'.'`).
pub fn token_text(t: &Tok) -> String {
    match t {
        Tok::Atom(_)
        | Tok::Var(_)
        | Tok::Integer(_)
        | Tok::Float(_)
        | Tok::Char(_)
        | Tok::String(_) => t.text(),
        Tok::Unknown(c) => crate::print::atom(&c.to_string()),
        other => format!("'{}'", other.symbol()),
    }
}

fn syntax_error(span: Span, before: &str) -> Diagnostic {
    Diagnostic::error("E0201", span, format!("syntax error before: {before}"))
}

/// Run the grammar on `tokens` (which the caller guarantees non-empty).
fn run(file: FileId, tokens: &[Token]) -> Result<Form, PError> {
    let mut stream = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let kind = match &t.kind {
            Tok::Atom(a) if i == 1 && matches!(tokens[0].kind, Tok::Minus) => match &**a {
                "spec" => PTok::Spec,
                "callback" => PTok::Callback,
                _ => PTok::T(t.kind.clone()),
            },
            k => PTok::T(k.clone()),
        };
        stream.push((t.span.start, kind, t.span.end));
    }
    grammar::FormParser::new().parse(file, stream)
}

/// Turn a lalrpop error into erlc's message.
fn to_diagnostic(file: FileId, tokens: &[Token], e: PError) -> Diagnostic {
    let find_at = |loc: u32| {
        tokens
            .iter()
            .find(|t| t.span.start == loc && t.span.file == file)
    };
    match e {
        ParseError::UnrecognizedToken {
            token: (l, tok, r), ..
        }
        | ParseError::ExtraToken { token: (l, tok, r) } => {
            // Prefer the real token (it knows its own file) for the span.
            let span = find_at(l).map(|t| t.span).unwrap_or(Span::new(file, l, r));
            let text = match tok {
                PTok::T(t) => token_text(&t),
                PTok::Spec => "spec".to_string(),
                PTok::Callback => "callback".to_string(),
            };
            syntax_error(span, &text)
        }
        ParseError::InvalidToken { location } => match find_at(location) {
            Some(t) => syntax_error(t.span, &token_text(&t.kind)),
            None => syntax_error(Span::new(file, location, location), ""),
        },
        ParseError::UnrecognizedEof { location, .. } => {
            syntax_error(Span::new(file, location, location), "")
        }
        ParseError::User { error } => match error.syntax {
            SyntaxAt::No => Diagnostic::error(error.code, error.span, error.message),
            SyntaxAt::Before => match find_at(error.span.start) {
                Some(t) => syntax_error(t.span, &token_text(&t.kind)),
                None => syntax_error(error.span, ""),
            },
            SyntaxAt::After => match tokens
                .iter()
                .find(|t| t.span.file == file && t.span.start >= error.span.end)
            {
                Some(t) => syntax_error(t.span, &token_text(&t.kind)),
                None => syntax_error(error.span, ""),
            },
        },
    }
}

/// Parse one form (tokens up to and including its `FormEnd`). On a syntax error, one
/// `E0201` diagnostic is pushed (erl_parse's own checks use `E0203`) and `None` returned.
pub fn parse_form(tokens: &[Token], diags: &mut Diagnostics) -> Option<Form> {
    let Some(first) = tokens.first() else {
        diags.push(syntax_error(Span::default(), ""));
        return None;
    };
    let file = first.span.file;
    match run(file, tokens) {
        Ok(f) => Some(f),
        Err(e) => {
            diags.push(to_diagnostic(file, tokens, e));
            None
        }
    }
}

/// `f() ->` in front of the tokens, as erl_parse:parse_exprs/1 does.
fn with_fake_head(tokens: &[Token], file: FileId, at: u32) -> Vec<Token> {
    let z = Span::new(file, at, at);
    let mut v = Vec::with_capacity(tokens.len() + 4);
    for kind in [
        Tok::Atom(Name::from("f")),
        Tok::LParen,
        Tok::RParen,
        Tok::Arrow,
    ] {
        v.push(Token { kind, span: z });
    }
    v.extend_from_slice(tokens);
    v
}

fn body_of(form: Form) -> Option<Vec<Expr>> {
    match form.kind {
        FormKind::Function(mut f) if f.clauses.len() == 1 => f.clauses.pop().map(|c| c.body),
        _ => None,
    }
}

/// Parse comma-separated expressions ending with `FormEnd` (what the shell reads).
pub fn parse_exprs(tokens: &[Token], diags: &mut Diagnostics) -> Option<Vec<Expr>> {
    let Some(first) = tokens.first() else {
        diags.push(syntax_error(Span::default(), ""));
        return None;
    };
    let file = first.span.file;
    let toks = with_fake_head(tokens, file, first.span.start);
    match run(file, &toks) {
        Ok(form) => match body_of(form) {
            Some(es) => Some(es),
            None => {
                // Only reachable with a `;` after the last expression, which the grammar
                // already rejects; keep a diagnostic anyway rather than trusting that.
                diags.push(syntax_error(first.span, ""));
                None
            }
        },
        Err(e) => {
            // Errors on the fake head cannot happen (it is always valid).
            diags.push(to_diagnostic(file, &toks, e));
            None
        }
    }
}

/// Parse exactly one expression (no `FormEnd` needed; a trailing one is accepted).
/// Used by the preprocessor for `-if(Expr)` / `-elif(Expr)`. An error at the end of the
/// tokens reads `syntax error before: ` (nothing follows), as yecc prints `'$end'`.
#[allow(clippy::result_large_err)] // the signature the preprocessor codes against
pub fn parse_expr(tokens: &[Token]) -> Result<Expr, Diagnostic> {
    let Some(first) = tokens.first() else {
        return Err(syntax_error(Span::default(), ""));
    };
    let file = first.span.file;
    let mut toks = with_fake_head(tokens, file, first.span.start);
    let has_end = matches!(tokens.last().map(|t| &t.kind), Some(Tok::FormEnd));
    let end = tokens.last().map_or(first.span.end, |t| t.span.end);
    let end_span = Span::new(file, end, end);
    if !has_end {
        toks.push(Token {
            kind: Tok::FormEnd,
            span: end_span,
        });
    }
    match run(file, &toks) {
        Ok(form) => {
            let mut es = body_of(form).unwrap_or_default();
            if es.len() == 1 {
                return es.pop().ok_or_else(|| syntax_error(end_span, ""));
            }
            // More than one expression: complain at the first `,` after the first one.
            let after = es.first().map_or(first.span.start, |e| e.span.end);
            let comma = tokens
                .iter()
                .find(|t| t.kind == Tok::Comma && t.span.start >= after);
            Err(match comma {
                Some(c) => syntax_error(c.span, "','"),
                None => syntax_error(end_span, ""),
            })
        }
        Err(e) => {
            let d = to_diagnostic(file, &toks, e);
            // The synthetic end of input prints as nothing.
            if !has_end && d.primary == end_span && d.message.ends_with("'.'") {
                return Err(syntax_error(end_span, ""));
            }
            Err(d)
        }
    }
}
