//! epp-like preprocessing on tokens: OTP 25's `epp`, form by form.
//!
//! Owns: splitting a file's tokens into forms (a lexer error drops the tokens of its
//! form before it and scanning resumes after it, as `erl_scan` does), the directives
//! (`-define`/`-undef`, `-ifdef`/`-ifndef`/`-if`/`-elif`/`-else`/`-endif`, `-include`,
//! `-include_lib`, `-error`/`-warning`, `-feature`, `-file`), macro expansion
//! ([`macros`]), `-if` conditions ([`cond`]), include files (read through the
//! [`FileLoader`], registered in the [`SourceMap`], lexed here), and [`to_source`].
//! Must not: do I/O except through the loader, panic on any input, or parse forms
//! (that is the parser's; only `-if` conditions are parsed here).
//!
//! Output: the forms after preprocessing, each ending with its `FormEnd` (except a last
//! form cut off by the end of the file), directives removed, with epp's
//! `-file("name", Line).` forms at the start of the file and around each included file
//! (their tokens carry the span of the first byte of the included file, or of the end of
//! the include directive when returning). A form in which expansion failed is dropped
//! after its error is reported, as epp does.
//!
//! Include search order (epp + compile.erl): the directory of the file containing the
//! directive, then `.`, then the directory of the main source file, then
//! [`Options::include_dirs`] in order. `-include_lib("app/rest")` first searches the
//! same path, then `rest` under the highest-versioned `app` or `app-VSN` directory in
//! the first of [`Options::lib_dirs`] that has one. A leading `$VAR` component is
//! replaced by [`FileLoader::env_var`]. Includes nest at most 8 deep (epp's limit; an
//! include cycle ends with `include too deep`).

// Diagnostics are the error type throughout, as in the rest of the crate.
#![allow(clippy::result_large_err)]

mod cond;
mod macros;
mod term;
#[cfg(test)]
mod tests;

use crate::ast::IntLit;
use crate::token::{Name, Tok, Token};
use ferl_diagnostics::{Diagnostic, Diagnostics, FileId, SourceMap, Span};
use macros::{Entry, Expander, Fname, MacroDef, Macros};
use std::path::{Path, PathBuf};

/// Preprocessor options (from the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `-I` directories, searched in order for `-include`.
    pub include_dirs: Vec<PathBuf>,
    /// Directories holding applications (`APP` or `APP-VSN` subdirectories) for `-include_lib`.
    pub lib_dirs: Vec<PathBuf>,
    /// `-D Name` / `-D Name=Value` (value as source text).
    pub defines: Vec<(String, Option<String>)>,
}

/// Where the preprocessor gets files from (so the syntax layer does no I/O itself).
pub trait FileLoader {
    /// The contents of a file, or `None` if it cannot be read.
    fn read(&mut self, path: &Path) -> Option<String>;
    /// The entries (full paths) of a directory; empty if none.
    fn list_dir(&mut self, path: &Path) -> Vec<PathBuf>;
    /// An environment variable, for include paths starting with `$VAR/`. Default: none
    /// (the path is then used as written, as epp does for an unset variable).
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
}

/// A loader with no files at all: for sources that include nothing (tests, the shell).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoFiles;

impl FileLoader for NoFiles {
    fn read(&mut self, _path: &Path) -> Option<String> {
        None
    }
    fn list_dir(&mut self, _path: &Path) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// epp's include nesting limit.
const MAX_INCLUDE_DEPTH: usize = 8;

/// Features OTP 25 knows (`erl_features:all()`).
const KNOWN_FEATURES: &[&str] = &["maybe_expr"];

/// Preprocess a file: returns its forms, each a token list ending with `FormEnd`.
pub fn preprocess(
    map: &mut SourceMap,
    file: FileId,
    opts: &Options,
    loader: &mut dyn FileLoader,
    diags: &mut Diagnostics,
) -> Vec<Vec<Token>> {
    let mut pp = Pp {
        map,
        opts,
        loader,
        diags,
        macros: Macros::default(),
        stack: Vec::new(),
        out: Vec::new(),
        in_prefix: true,
        features: Vec::new(),
    };
    pp.run(file);
    pp.out
}

/// The preprocessed forms as Erlang source text (`ferlc -E`): one form per line, forms
/// separated by a blank line. Lexing the text gives back the same token kinds. (A `.`
/// inside a form is written without a following space, so it stays a record-field dot;
/// the only token sequences that cannot be written back are a field dot directly
/// followed by another dot token, which no valid form contains.)
pub fn to_source(forms: &[Vec<Token>]) -> String {
    let mut out = String::new();
    for (i, form) in forms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut prev: Option<&Tok> = None;
        for t in form {
            if let Some(p) = prev {
                if *p != Tok::Dot {
                    out.push(' ');
                }
            }
            out.push_str(&t.kind.text());
            prev = Some(&t.kind);
        }
        out.push('\n');
    }
    out
}

/// A lexed file, cut into forms.
enum Item {
    Form(Vec<Token>),
    /// A lexer error: reported unless it is in a skipped conditional branch.
    LexError(Diagnostic),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IfKind {
    Ifdef,
    Ifndef,
    If,
    Else,
    Elif,
}

impl IfKind {
    fn name(self) -> &'static str {
        match self {
            IfKind::Ifdef => "ifdef",
            IfKind::Ifndef => "ifndef",
            IfKind::If => "if",
            IfKind::Else => "else",
            IfKind::Elif => "elif",
        }
    }
}

struct FileState {
    file: FileId,
    /// The name as found (what `-file` and `?FILE` say).
    name: String,
    /// The name as changed by a `-file` attribute in the source.
    name2: String,
    /// Added to real lines for `?LINE` after a `-file` attribute.
    line_shift: i64,
    /// Include search path; the head is this file's directory.
    path: Vec<PathBuf>,
    items: std::vec::IntoIter<Item>,
    /// Open conditionals being scanned (innermost last).
    istk: Vec<IfKind>,
    /// Open conditionals being skipped (innermost last); skipping iff non-empty.
    skip: Vec<IfKind>,
    /// For an included file: the real line in the parent after the include directive,
    /// and a zero-width span there.
    ret: Option<(u32, Span)>,
}

struct Pp<'a> {
    map: &'a mut SourceMap,
    opts: &'a Options,
    loader: &'a mut dyn FileLoader,
    diags: &'a mut Diagnostics,
    macros: Macros,
    stack: Vec<FileState>,
    out: Vec<Vec<Token>>,
    /// Before any form other than -module/-feature/conditionals/defines/includes.
    in_prefix: bool,
    features: Vec<Name>,
}

/// A pattern element for epp's `find_mismatch`.
#[derive(Clone, Copy)]
enum Pat {
    LParen,
    RParen,
    Comma,
    End,
    VarOrAtom,
    Str,
    Int,
}

impl Pat {
    fn matches(self, t: &Tok) -> bool {
        match self {
            Pat::LParen => *t == Tok::LParen,
            Pat::RParen => *t == Tok::RParen,
            Pat::Comma => *t == Tok::Comma,
            Pat::End => *t == Tok::FormEnd,
            Pat::VarOrAtom => matches!(t, Tok::Var(_) | Tok::Atom(_)),
            Pat::Str => matches!(t, Tok::String(_)),
            Pat::Int => matches!(t, Tok::Integer(_)),
        }
    }
}

/// epp's `find_mismatch`: the token where `toks` stops following `pats`.
fn find_mismatch(pats: &[Pat], toks: &[Token], t0: &Token) -> Span {
    let mut last = t0;
    for (i, p) in pats.iter().enumerate() {
        match toks.get(i) {
            Some(t) if p.matches(&t.kind) => last = t,
            Some(t) => return t.span,
            None => return last.span,
        }
    }
    toks.get(pats.len()).unwrap_or(last).span
}

/// Do the tokens follow the pattern exactly (and end there)?
fn matches_exactly(pats: &[Pat], toks: &[Token]) -> bool {
    toks.len() == pats.len() && pats.iter().zip(toks).all(|(p, t)| p.matches(&t.kind))
}

/// epp's `no_match`.
fn no_match(toks: &[Token], t0: &Token) -> Span {
    toks.first().unwrap_or(t0).span
}

/// epp's `coalesce_strings`: adjacent string tokens become one.
fn coalesce_strings(toks: &[Token]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let (
            Tok::String(s),
            Some(Token {
                kind: Tok::String(prev),
                ..
            }),
        ) = (&t.kind, out.last_mut())
        {
            let joined = format!("{prev}{s}");
            *prev = joined.into();
            continue;
        }
        out.push(t.clone());
    }
    out
}

fn tok(kind: Tok, span: Span) -> Token {
    Token { kind, span }
}

/// `-file("name", line).` as epp emits it.
fn file_attr(name: &str, line: u32, span: Span) -> Vec<Token> {
    vec![
        tok(Tok::Minus, span),
        tok(Tok::Atom("file".into()), span),
        tok(Tok::LParen, span),
        tok(Tok::String(name.into()), span),
        tok(Tok::Comma, span),
        tok(Tok::Integer(IntLit::Small(line as i64)), span),
        tok(Tok::RParen, span),
        tok(Tok::FormEnd, span),
    ]
}

/// The directory part of a file name ("" becomes ".").
fn dirname(name: &str) -> PathBuf {
    match Path::new(name).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `file:path_open`'s join: a "." directory is left out.
fn join_dir(d: &Path, name: &str) -> PathBuf {
    if d.as_os_str().is_empty() || d == Path::new(".") {
        PathBuf::from(name)
    } else {
        d.join(name)
    }
}

/// `1.2.10` -> [1, 2, 10] for version comparison (non-numeric parts compare as 0).
fn version_key(v: &str) -> Vec<u64> {
    v.split(['.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

/// Split `??` into two `?` tokens (epp sees two `'?'` tokens).
fn normalize(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.kind == Tok::QuestionQuestion {
            let mid = t.span.start.saturating_add(1).min(t.span.end);
            out.push(tok(
                Tok::Question,
                Span::new(t.span.file, t.span.start, mid),
            ));
            out.push(tok(Tok::Question, Span::new(t.span.file, mid, t.span.end)));
        } else {
            out.push(t);
        }
    }
    out
}

/// Cut a file's tokens into forms; a lexer error drops its form's earlier tokens and the
/// next form starts after the bad token (erl_scan's recovery).
fn split_forms(tokens: Vec<Token>, lex_diags: Diagnostics, diags: &mut Diagnostics) -> Vec<Item> {
    let mut errs: Vec<Diagnostic> = Vec::new();
    for d in lex_diags.items {
        if d.is_error() {
            errs.push(d);
        } else {
            diags.push(d);
        }
    }
    errs.sort_by_key(|d| d.primary.start);
    let mut errs = errs.into_iter().peekable();
    let mut items = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    let mut skip_until = 0u32;
    for t in normalize(tokens) {
        while let Some(e) = errs.next_if(|e| e.primary.start <= t.span.start) {
            cur.clear();
            skip_until = skip_until.max(e.primary.end);
            items.push(Item::LexError(e));
        }
        if t.span.start < skip_until {
            continue;
        }
        let end = t.kind == Tok::FormEnd;
        cur.push(t);
        if end {
            items.push(Item::Form(std::mem::take(&mut cur)));
        }
    }
    for e in errs {
        cur.clear();
        items.push(Item::LexError(e));
    }
    if !cur.is_empty() {
        items.push(Item::Form(cur));
    }
    items
}

/// Parse an `-if`/`-elif` condition `( Expr )` (without its dot).
fn parse_condition(toks: &[Token]) -> Result<crate::ast::Expr, Diagnostic> {
    crate::parser::parse_expr(toks)
}

fn ftr_macro(features: &[Name]) -> Entry {
    let sp = Span::default();
    let body = if features.is_empty() {
        vec![tok(Tok::Atom("false".into()), sp)]
    } else {
        // ( (X) == F1 orelse (X) == F2 ... ), as epp builds it.
        let fexp = |f: &Name| {
            vec![
                tok(Tok::LParen, sp),
                tok(Tok::Var("X".into()), sp),
                tok(Tok::RParen, sp),
                tok(Tok::Eq, sp),
                tok(Tok::Atom(f.clone()), sp),
            ]
        };
        let mut expr = fexp(&features[0]);
        expr.push(tok(Tok::RParen, sp));
        for f in &features[1..] {
            let mut e = fexp(f);
            e.push(tok(Tok::Orelse, sp));
            e.extend(expr);
            expr = e;
        }
        let mut body = vec![tok(Tok::LParen, sp)];
        body.extend(expr);
        body
    };
    Entry::User(vec![(
        Some(1),
        MacroDef {
            params: Some(vec!["X".into()]),
            body,
        },
    )])
}

impl Pp<'_> {
    fn error(&mut self, code: &'static str, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(code, span, msg));
    }

    fn set_predef(&mut self, name: &str, kind: Tok, span: Span) {
        self.macros
            .map
            .insert(name.into(), Entry::Predef(vec![tok(kind, span)]));
    }

    fn lex_items(&mut self, file: FileId) -> Vec<Item> {
        let text = self.map.get(file).text.clone();
        let mut lex_diags = Diagnostics::new();
        let toks = crate::lexer::lex(file, &text, &mut lex_diags);
        split_forms(toks, lex_diags, self.diags)
    }

    fn run(&mut self, file: FileId) {
        let Some(src) = self.map.try_get(file) else {
            return;
        };
        let name = src.name.clone();
        let start = Span::new(file, 0, 0);
        self.predefine(&name);
        let dir = dirname(&name);
        let mut path = vec![dir.clone(), PathBuf::from("."), dir];
        path.extend(self.opts.include_dirs.iter().cloned());
        let items = self.lex_items(file);
        self.out.push(file_attr(&name, 1, start));
        self.stack.push(FileState {
            file,
            name: name.clone(),
            name2: name,
            line_shift: 0,
            path,
            items: items.into_iter(),
            istk: Vec::new(),
            skip: Vec::new(),
            ret: None,
        });
        while let Some(top) = self.stack.last_mut() {
            match top.items.next() {
                None => self.leave_file(),
                Some(Item::LexError(d)) => {
                    if top.skip.is_empty() {
                        self.diags.push(d);
                    }
                }
                Some(Item::Form(toks)) => {
                    if top.skip.is_empty() {
                        self.scan_form(toks);
                    } else {
                        self.skip_form(&toks);
                    }
                }
            }
        }
    }

    /// epp's `predef_macros` plus the `-D` defines (`user_predef`).
    fn predefine(&mut self, file_name: &str) {
        let sp = Span::default();
        for n in [
            "FUNCTION_NAME",
            "FUNCTION_ARITY",
            "MODULE",
            "MODULE_STRING",
            "BASE_MODULE",
            "BASE_MODULE_STRING",
        ] {
            self.macros.map.insert(n.into(), Entry::Undefined);
        }
        self.set_predef("FILE", Tok::String(file_name.into()), sp);
        self.set_predef("LINE", Tok::Integer(IntLit::Small(1)), sp);
        self.set_predef("MACHINE", Tok::Atom("BEAM".into()), sp);
        self.set_predef("BEAM", Tok::Atom("true".into()), sp);
        self.set_predef("OTP_RELEASE", Tok::Integer(IntLit::Small(25)), sp);
        let available: Vec<Name> = KNOWN_FEATURES.iter().map(|f| Name::from(*f)).collect();
        self.macros
            .map
            .insert("FEATURE_AVAILABLE".into(), ftr_macro(&available));
        self.macros
            .map
            .insert("FEATURE_ENABLED".into(), ftr_macro(&[]));
        for (name, value) in self.opts.defines.clone() {
            let body = match &value {
                None => vec![tok(Tok::Atom("true".into()), sp)],
                Some(text) => {
                    let fid = self.map.add(format!("-D{name}={text}"), text.clone());
                    let mut d = Diagnostics::new();
                    let toks = crate::lexer::lex(fid, text, &mut d);
                    self.diags.extend(d.items);
                    normalize(toks)
                }
            };
            let key: Name = name.as_str().into();
            match self.macros.map.get(&key) {
                Some(Entry::User(_)) => {
                    self.error("E0307", sp, format!("redefining macro '{name}'"))
                }
                Some(_) => self.error("E0307", sp, format!("redefining predefined macro '{name}'")),
                None => {
                    self.macros.map.insert(
                        key,
                        Entry::User(vec![(None, MacroDef { params: None, body })]),
                    );
                }
            }
        }
    }

    fn top(&mut self) -> &mut FileState {
        // The loop in `run` only calls form handlers while a file is open.
        let n = self.stack.len();
        &mut self.stack[n.saturating_sub(1)]
    }

    fn expander(&self, fname: Fname) -> Expander<'_> {
        let shift = self.stack.last().map(|s| s.line_shift).unwrap_or(0);
        Expander::new(&self.macros, self.map, shift, fname)
    }

    /// Expand a directive's tokens (where `?FUNCTION_NAME` is an error).
    fn expand_directive(&self, toks: &[Token]) -> Result<Vec<Token>, Diagnostic> {
        self.expander(Fname::Raw(Vec::new())).expand(toks.to_vec())
    }

    fn directive_name(toks: &[Token]) -> Option<&str> {
        if toks.first()?.kind != Tok::Minus {
            return None;
        }
        match &toks.get(1)?.kind {
            Tok::Atom(a) => Some(a),
            Tok::If => Some("if"),
            _ => None,
        }
    }

    fn scan_form(&mut self, toks: Vec<Token>) {
        let name = Self::directive_name(&toks).map(str::to_string);
        if let Some(name) = name {
            let (d, rest) = (&toks[1], &toks[2..]);
            match name.as_str() {
                "feature" => return self.scan_feature(rest, d),
                "define" => return self.scan_define(rest, d),
                "undef" => {
                    self.in_prefix = false;
                    return self.scan_undef(rest, d);
                }
                "error" | "warning" => {
                    self.in_prefix = false;
                    return self.scan_err_warn(rest, d, name == "error");
                }
                "include" => return self.scan_include(rest, d, false),
                "include_lib" => return self.scan_include(rest, d, true),
                "ifdef" => return self.scan_ifdef(rest, d, false),
                "ifndef" => return self.scan_ifdef(rest, d, true),
                "else" => return self.scan_else(rest, d),
                "if" => return self.scan_if(rest, d),
                "elif" => return self.scan_elif(rest, d),
                "endif" => return self.scan_endif(rest, d),
                "file" => return self.scan_file(rest, d),
                _ => {}
            }
        }
        let res = self.expander(Fname::Raw(toks.clone())).expand(toks);
        match res {
            Ok(out) => {
                if self.in_prefix {
                    self.in_prefix = match Self::directive_name(&out) {
                        Some(n) => [
                            "module",
                            "feature",
                            "if",
                            "else",
                            "elif",
                            "endif",
                            "ifdef",
                            "ifndef",
                            "define",
                            "undef",
                            "include",
                            "include_lib",
                        ]
                        .contains(&n),
                        None => out.is_empty(),
                    };
                }
                self.scan_module(&out);
                self.out.push(out);
            }
            Err(d) => self.diags.push(d),
        }
    }

    /// epp's `scan_module`: `-module(M)` defines `?MODULE` and `?MODULE_STRING`.
    fn scan_module(&mut self, out: &[Token]) {
        let (mod_key, str_key) = match Self::directive_name(out) {
            Some("module") => ("MODULE", "MODULE_STRING"),
            Some("extends") => ("BASE_MODULE", "BASE_MODULE_STRING"),
            _ => return,
        };
        if out.get(2).map(|t| &t.kind) != Some(&Tok::LParen) {
            return;
        }
        if let (
            Some(Token {
                kind: Tok::Atom(m),
                span,
            }),
            Some(next),
        ) = (out.get(3), out.get(4))
        {
            let ok = next.kind == Tok::RParen || (next.kind == Tok::Comma && mod_key == "MODULE");
            if ok {
                let (m, span) = (m.clone(), *span);
                self.set_predef(mod_key, Tok::Atom(m.clone()), span);
                self.set_predef(str_key, Tok::String(m.to_string().into()), span);
            }
        }
    }

    fn scan_feature(&mut self, rest: &[Token], d: &Token) {
        use Pat::*;
        let shape = [LParen, VarOrAtom, Comma, VarOrAtom, RParen, End];
        let atoms = match (rest.get(1).map(|t| &t.kind), rest.get(3).map(|t| &t.kind)) {
            (Some(Tok::Atom(f)), Some(Tok::Atom(i))) if matches_exactly(&shape, rest) => {
                Some((f.clone(), i.clone()))
            }
            _ => None,
        };
        match atoms {
            Some((ftr, ind)) if self.in_prefix && (&*ind == "enable" || &*ind == "disable") => {
                if !KNOWN_FEATURES.contains(&&*ftr) {
                    self.error(
                        "E0308",
                        d.span,
                        format!("the feature '{ftr}' does not exist."),
                    );
                    return;
                }
                self.features.retain(|f| *f != ftr);
                if &*ind == "enable" {
                    self.features.push(ftr);
                }
                let e = ftr_macro(&self.features);
                self.macros.map.insert("FEATURE_ENABLED".into(), e);
            }
            Some(_) if !self.in_prefix => self.error(
                "E0308",
                d.span,
                "feature directive not allowed after exports or record definitions",
            ),
            _ => self.error("E0308", no_match(rest, d), "badly formed 'feature'"),
        }
    }

    fn scan_define(&mut self, rest: &[Token], d: &Token) {
        let mac = match (rest.first().map(|t| &t.kind), rest.get(1)) {
            (
                Some(Tok::LParen),
                Some(
                    m @ Token {
                        kind: Tok::Atom(_) | Tok::Var(_),
                        ..
                    },
                ),
            ) => m.clone(),
            _ => {
                let sp = find_mismatch(&[Pat::LParen, Pat::VarOrAtom], rest, d);
                return self.error("E0308", sp, "badly formed 'define'");
            }
        };
        let toks = &rest[2..];
        let parsed = match toks.first().map(|t| &t.kind) {
            Some(Tok::Comma) => macro_expansion(&toks[1..], &toks[0]).map(|b| (None, b)),
            Some(Tok::LParen) => macro_pars(&toks[1..], &toks[0]).map(|(p, b)| (Some(p), b)),
            _ => Err(Diagnostic::error(
                "E0308",
                no_match(toks, d),
                "badly formed 'define'",
            )),
        };
        let (params, body) = match parsed {
            Ok(x) => x,
            Err(e) => return self.diags.push(e),
        };
        let key = match &mac.kind {
            Tok::Atom(n) | Tok::Var(n) => n.clone(),
            _ => return,
        };
        let arity = params.as_ref().map(Vec::len);
        match self.macros.map.get(&key) {
            Some(Entry::User(defs)) if defs.iter().any(|(a, _)| *a == arity) => {
                return self.error("E0307", mac.span, format!("redefining macro '{key}'"));
            }
            Some(Entry::Undefined | Entry::Predef(_)) => {
                return self.error(
                    "E0307",
                    mac.span,
                    format!("redefining predefined macro '{key}'"),
                );
            }
            _ => {}
        }
        let uses = match Macros::macro_refs(&body) {
            Ok(u) => u,
            Err(e) => return self.diags.push(e),
        };
        let def = MacroDef { params, body };
        match self.macros.map.get_mut(&key) {
            Some(Entry::User(defs)) => defs.insert(0, (arity, def)),
            _ => {
                self.macros
                    .map
                    .insert(key.clone(), Entry::User(vec![(arity, def)]));
            }
        }
        self.macros
            .uses
            .entry(key)
            .or_default()
            .insert(0, (arity, uses));
    }

    fn scan_undef(&mut self, rest: &[Token], d: &Token) {
        use Pat::*;
        let shape = [LParen, VarOrAtom, RParen, End];
        if matches_exactly(&shape, rest) {
            if let Tok::Atom(m) | Tok::Var(m) = &rest[1].kind {
                self.macros.map.remove(m);
                self.macros.uses.remove(m);
            }
        } else {
            self.error(
                "E0308",
                find_mismatch(&shape, rest, d),
                "badly formed 'undef'",
            );
        }
    }

    fn scan_err_warn(&mut self, rest: &[Token], d: &Token, is_error: bool) {
        let tag = if is_error { "error" } else { "warning" };
        if rest.first().map(|t| &t.kind) != Some(&Tok::LParen) {
            return self.error("E0308", no_match(rest, d), format!("badly formed '{tag}'"));
        }
        let term = self
            .expand_directive(rest)
            .ok()
            .and_then(|t| term::parse_paren_term(&t));
        match term {
            Some(t) => {
                let msg = format!("-{tag}({}).", term::print_term(&t));
                if is_error {
                    self.error("E0304", d.span, msg);
                } else {
                    self.diags.push(Diagnostic::warning("W0305", d.span, msg));
                }
            }
            None => self.error("E0308", d.span, format!("badly formed '{tag}'")),
        }
    }

    fn scan_include(&mut self, rest: &[Token], d: &Token, lib: bool) {
        use Pat::*;
        let shape = [LParen, Str, RParen, End];
        let toks = coalesce_strings(rest);
        let what = if lib { "include_lib" } else { "include" };
        if !matches_exactly(&shape, &toks) {
            return self.error(
                "E0308",
                find_mismatch(&shape, &toks, d),
                format!("badly formed '{what}'"),
            );
        }
        let (name0, str_span) = match &toks[1].kind {
            Tok::String(s) => (s.to_string(), toks[1].span),
            _ => return,
        };
        let dot_span = toks[3].span;
        if self.stack.len() > MAX_INCLUDE_DEPTH {
            let sp = if lib { d.span } else { str_span };
            return self.error("E0310", sp, format!("{what} too deep"));
        }
        let name = self.expand_var(&name0);
        let path = self.top().path.clone();
        for dir in &path {
            let p = join_dir(dir, &name);
            if let Some(text) = self.loader.read(&p) {
                return self.enter_file(&p, text, dot_span);
            }
        }
        if lib {
            if let Some(p) = self.lib_path(&name) {
                if let Some(text) = self.loader.read(&p) {
                    return self.enter_file(&p, text, dot_span);
                }
            }
            self.error(
                "E0303",
                str_span,
                format!("can't find include lib \"{name}\""),
            );
        } else {
            self.error(
                "E0303",
                str_span,
                format!("can't find include file \"{name}\""),
            );
        }
    }

    /// epp's `expand_var`: `$VAR/rest` -> value of VAR joined with rest.
    fn expand_var(&mut self, name: &str) -> String {
        let Some(stripped) = name.strip_prefix('$') else {
            return name.to_string();
        };
        let (var, rest) = match stripped.split_once('/') {
            Some((v, r)) => (v, Some(r)),
            None => (stripped, None),
        };
        match self.loader.env_var(var) {
            Some(val) => match rest {
                Some(r) => join_dir(Path::new(&val), r).to_string_lossy().into_owned(),
                None => val,
            },
            None => name.to_string(),
        }
    }

    /// `code:lib_dir(App)` joined with the rest of an include_lib path.
    fn lib_path(&mut self, name: &str) -> Option<PathBuf> {
        let mut parts = name.split('/').filter(|p| !p.is_empty() && *p != ".");
        let app = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        if rest.is_empty() {
            return None;
        }
        for lib in self.opts.lib_dirs.clone() {
            let mut best: Option<(Vec<u64>, PathBuf)> = None;
            for entry in self.loader.list_dir(&lib) {
                let Some(fname) = entry
                    .file_name()
                    .and_then(|f| f.to_str())
                    .map(str::to_string)
                else {
                    continue;
                };
                let vsn = if fname == app {
                    Some(Vec::new())
                } else {
                    fname
                        .strip_prefix(app)
                        .and_then(|r| r.strip_prefix('-'))
                        .filter(|v| {
                            v.chars()
                                .next()
                                .map(|c| c.is_ascii_digit())
                                .unwrap_or(false)
                        })
                        .map(version_key)
                };
                if let Some(v) = vsn {
                    if best.as_ref().map(|(b, _)| v > *b).unwrap_or(true) {
                        best = Some((v, entry));
                    }
                }
            }
            if let Some((_, dir)) = best {
                let mut p = dir;
                for r in &rest {
                    p.push(r);
                }
                return Some(p);
            }
        }
        None
    }

    fn enter_file(&mut self, path: &Path, text: String, dot_span: Span) {
        let pname = path.to_string_lossy().into_owned();
        let fid = match self.map.find(&pname) {
            Some(f) if self.map.get(f).text == text => f,
            _ => self.map.add(pname.clone(), text),
        };
        let (cur_file, parent_path) = {
            let top = self.top();
            (top.file, top.path.clone())
        };
        // erl_scan's dot eats one whitespace character: the parent resumes on the next
        // line if that was a newline.
        let (ret_line, ret_off) = {
            let f = self.map.get(cur_file);
            let next = f
                .text
                .get(dot_span.end as usize..)
                .and_then(|s| s.chars().next());
            let nl = u32::from(next == Some('\n'));
            (f.line(dot_span.start) + nl, dot_span.end + nl)
        };
        let mut path = vec![dirname(&pname)];
        path.extend(parent_path.into_iter().skip(1));
        self.set_predef("FILE", Tok::String(pname.as_str().into()), Span::default());
        self.out.push(file_attr(&pname, 1, Span::new(fid, 0, 0)));
        let items = self.lex_items(fid);
        self.stack.push(FileState {
            file: fid,
            name: pname.clone(),
            name2: pname,
            line_shift: 0,
            path,
            items: items.into_iter(),
            istk: Vec::new(),
            skip: Vec::new(),
            ret: Some((ret_line, Span::new(cur_file, ret_off, ret_off))),
        });
    }

    fn leave_file(&mut self) {
        let Some(st) = self.stack.pop() else {
            return;
        };
        let len = self
            .map
            .try_get(st.file)
            .map(|f| f.text.len() as u32)
            .unwrap_or(0);
        let eof = Span::new(st.file, len, len);
        let open = if st.skip.is_empty() {
            &st.istk
        } else {
            &st.skip
        };
        for k in open.iter().rev() {
            self.error("E0306", eof, format!("unterminated '-{}'", k.name()));
        }
        if let (Some((line, span)), Some(parent)) = (st.ret, self.stack.last()) {
            let (name, name2, shift) =
                (parent.name.clone(), parent.name2.clone(), parent.line_shift);
            self.out.push(file_attr(&name, line, span));
            if name2 != name {
                let shifted = (line as i64 + shift).clamp(0, u32::MAX as i64) as u32;
                self.out.push(file_attr(&name2, shifted, span));
            }
            self.set_predef("FILE", Tok::String(name2.as_str().into()), Span::default());
        }
    }

    fn scan_ifdef(&mut self, rest: &[Token], d: &Token, negate: bool) {
        use Pat::*;
        let shape = [LParen, VarOrAtom, RParen, End];
        let kind = if negate {
            IfKind::Ifndef
        } else {
            IfKind::Ifdef
        };
        if !matches_exactly(&shape, rest) {
            let what = kind.name();
            self.error(
                "E0308",
                find_mismatch(&shape, rest, d),
                format!("badly formed '{what}'"),
            );
            self.top().skip = vec![kind];
            return;
        }
        let defined = match &rest[1].kind {
            Tok::Atom(m) | Tok::Var(m) => self.macros.is_defined(m),
            _ => false,
        };
        let top = self.top();
        if defined != negate {
            top.istk.push(kind);
        } else {
            top.skip = vec![kind];
        }
    }

    fn scan_else(&mut self, rest: &[Token], d: &Token) {
        if !matches_exactly(&[Pat::End], rest) {
            return self.error("E0308", no_match(rest, d), "badly formed 'else'");
        }
        let top = self.top();
        match top.istk.pop() {
            Some(IfKind::Else) => {
                top.skip = vec![IfKind::Else];
                self.error("E0306", d.span, "repeated '-else'");
            }
            Some(_) => top.skip = vec![IfKind::Else],
            None => self.error("E0306", d.span, "unbalanced '-else'"),
        }
    }

    fn scan_elif(&mut self, _rest: &[Token], d: &Token) {
        let top = self.top();
        match top.istk.pop() {
            Some(IfKind::Else) => {
                top.skip = vec![IfKind::Else];
                self.error("E0306", d.span, "unbalanced '-elif'");
            }
            Some(_) => top.skip = vec![IfKind::Elif],
            None => self.error("E0306", d.span, "unbalanced '-elif'"),
        }
    }

    fn scan_endif(&mut self, rest: &[Token], d: &Token) {
        if !matches_exactly(&[Pat::End], rest) {
            return self.error("E0308", no_match(rest, d), "badly formed 'endif'");
        }
        if self.top().istk.pop().is_none() {
            self.error("E0306", d.span, "unbalanced '-endif'");
        }
    }

    /// `-if(Cond).` (and a taken `-elif`): scan the branch if Cond is `true`.
    fn scan_if(&mut self, rest: &[Token], d: &Token) {
        if rest.first().map(|t| &t.kind) != Some(&Tok::LParen) {
            self.error("E0308", no_match(rest, d), "badly formed 'if'");
            self.top().skip = vec![IfKind::If];
            return;
        }
        let taken = match self.eval_if(rest, d) {
            Ok(b) => b,
            Err(e) => {
                self.diags.push(e);
                false
            }
        };
        let top = self.top();
        if taken {
            top.skip.clear();
            top.istk.push(IfKind::If);
        } else {
            top.skip = vec![IfKind::If];
        }
    }

    fn eval_if(&self, rest: &[Token], d: &Token) -> Result<bool, Diagnostic> {
        let mut toks = self.expand_directive(rest)?;
        if toks.last().map(|t| t.kind == Tok::FormEnd).unwrap_or(false) {
            toks.pop();
        }
        let e = parse_condition(&toks)?;
        cond::eval_condition(&e, &self.macros)
            .map_err(|_| Diagnostic::error("E0309", d.span, "badly formed 'if'"))
    }

    fn scan_file(&mut self, rest: &[Token], d: &Token) {
        use Pat::*;
        let toks = match self.expand_directive(rest) {
            Ok(t) => coalesce_strings(&t),
            Err(e) => return self.diags.push(e),
        };
        let shape = [LParen, Str, Comma, Int, RParen, End];
        if !matches_exactly(&shape, &toks) {
            return self.error(
                "E0308",
                find_mismatch(&shape, &toks, d),
                "badly formed 'file'",
            );
        }
        let (Tok::String(name), Tok::Integer(ln)) = (&toks[1].kind, &toks[3].kind) else {
            return;
        };
        let name = name.to_string();
        let ln = ln.as_i64().unwrap_or(0);
        let real = self
            .map
            .try_get(d.span.file)
            .map(|f| f.line(d.span.start))
            .unwrap_or(1) as i64;
        let mut form = vec![tok(Tok::Minus, d.span), d.clone()];
        form.extend(toks);
        self.out.push(form);
        self.set_predef("FILE", Tok::String(name.as_str().into()), Span::default());
        let top = self.top();
        top.name2 = name;
        top.line_shift = ln - real;
    }

    /// A form inside a skipped branch: only conditionals matter (epp's `skip_toks`).
    fn skip_form(&mut self, toks: &[Token]) {
        let Some(name) = Self::directive_name(toks).map(str::to_string) else {
            return;
        };
        let d = &toks[1];
        let top = self.top();
        match name.as_str() {
            "ifdef" => top.skip.push(IfKind::Ifdef),
            "ifndef" => top.skip.push(IfKind::Ifndef),
            "if" => top.skip.push(IfKind::If),
            "else" => match top.skip.last().copied() {
                Some(IfKind::Else) => self.error("E0306", d.span, "repeated '-else'"),
                Some(IfKind::Elif) => {
                    if let Some(l) = top.skip.last_mut() {
                        *l = IfKind::Else;
                    }
                }
                _ if top.skip.len() == 1 => {
                    top.skip.clear();
                    top.istk.push(IfKind::Else);
                }
                _ => {}
            },
            "elif" => match top.skip.last().copied() {
                Some(IfKind::Else) => self.error("E0306", d.span, "'elif' following 'else'"),
                // As epp: a single open level evaluates the condition, even after a
                // taken branch (erlc then includes both branches).
                _ if top.skip.len() == 1 => self.scan_if(&toks[2..], d),
                _ => {}
            },
            "endif" => {
                top.skip.pop();
            }
            _ => {}
        }
    }
}

/// epp's `macro_expansion`: the body is everything up to the final `)` before the dot.
fn macro_expansion(toks: &[Token], t0: &Token) -> Result<Vec<Token>, Diagnostic> {
    let n = toks.len();
    match toks.last() {
        Some(last) if last.kind == Tok::FormEnd => {
            if n >= 2 && toks[n - 2].kind == Tok::RParen {
                Ok(toks[..n - 2].to_vec())
            } else {
                Err(Diagnostic::error(
                    "E0308",
                    last.span,
                    "badly formed define: missing closing right parenthesis",
                ))
            }
        }
        Some(last) => Err(Diagnostic::error("E0308", last.span, "premature end")),
        None => Err(Diagnostic::error("E0308", t0.span, "premature end")),
    }
}

/// epp's `macro_pars`: `(A, B, ...)` then `,` then the body.
fn macro_pars(toks: &[Token], t0: &Token) -> Result<(Vec<Name>, Vec<Token>), Diagnostic> {
    let bad = |sp: Span| Diagnostic::error("E0308", sp, "badly formed 'define'");
    let mut params: Vec<Name> = Vec::new();
    let mut i;
    match toks.first().map(|t| &t.kind) {
        Some(Tok::RParen) => i = 1,
        Some(Tok::Var(v)) => {
            params.push(v.clone());
            i = 1;
            loop {
                match (toks.get(i).map(|t| &t.kind), toks.get(i + 1)) {
                    (Some(Tok::RParen), _) => {
                        i += 1;
                        break;
                    }
                    (
                        Some(Tok::Comma),
                        Some(
                            vt @ Token {
                                kind: Tok::Var(v), ..
                            },
                        ),
                    ) => {
                        if params.contains(v) {
                            return Err(Diagnostic::error(
                                "E0308",
                                vt.span,
                                format!("argument '{v}' already used"),
                            ));
                        }
                        params.push(v.clone());
                        i += 2;
                    }
                    _ => return Err(bad(toks.get(i).unwrap_or(&toks[i - 1]).span)),
                }
            }
        }
        _ => return Err(bad(no_match(toks, t0))),
    }
    match toks.get(i) {
        Some(c) if c.kind == Tok::Comma => Ok((params, macro_expansion(&toks[i + 1..], c)?)),
        other => {
            let sp = other.unwrap_or(&toks[i - 1]).span;
            Err(Diagnostic::error(
                "E0308",
                sp,
                "badly formed define: missing comma",
            ))
        }
    }
}
