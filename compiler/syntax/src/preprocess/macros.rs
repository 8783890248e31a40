//! The macro table and macro expansion, as epp's `expand_macros` does it.
//!
//! Owns: macro definitions (predefined and user, overloaded by arity), the static
//! "uses" graph for circularity checks, argument collection (`macro_arg`'s bracket
//! rules), substitution with `??Arg`, `?LINE`, `?FUNCTION_NAME`/`?FUNCTION_ARITY`.
//! Must not: touch files or the form stream (that is `mod.rs`), or loop forever: every
//! expansion is bounded by a depth and a work budget.
//!
//! Spans: every token of a macro body takes the span of the macro name token of the
//! call (epp gives it the call's location); argument tokens keep their own spans, and
//! body tokens after a substituted argument take the span of that argument's last token
//! (epp's `expand_arg` does exactly this). So `?LINE` in a body is the line of the
//! outermost call (or of the preceding argument's end), as in erlc.

use super::term::stringify;
use crate::ast::IntLit;
use crate::token::{Name, Tok, Token};
use ferl_diagnostics::{Diagnostic, SourceMap, Span};
use std::collections::{HashMap, HashSet, VecDeque};

/// The macros a body calls.
pub(crate) type Uses = Vec<(Name, Arity)>;

/// A call's arity: `None` for `?M`, `Some(n)` for `?M(A1, ..., An)`.
pub(crate) type Arity = Option<usize>;

#[derive(Clone, Debug)]
pub(crate) struct MacroDef {
    /// `None`: defined without parentheses (`-define(M, Body).`).
    pub params: Option<Vec<Name>>,
    pub body: Vec<Token>,
}

#[derive(Clone, Debug)]
pub(crate) enum Entry {
    /// Predefined but without a value (MODULE before `-module`, FUNCTION_NAME, ...).
    Undefined,
    /// Predefined with a value; used whatever the call looks like; not overloadable.
    Predef(Vec<Token>),
    /// User-defined (and FEATURE_*), overloaded by arity, newest first.
    User(Vec<(Arity, MacroDef)>),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Macros {
    pub map: HashMap<Name, Entry>,
    /// For each macro name and arity: the macros its body calls.
    pub uses: HashMap<Name, Vec<(Arity, Uses)>>,
}

fn arity_text(name: &str, a: Arity) -> String {
    match a {
        None => name.to_string(),
        Some(n) => format!("{name}/{n}"),
    }
}

pub(crate) fn err(code: &'static str, span: Span, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error(code, span, msg)
}

impl Macros {
    pub fn is_defined(&self, name: &str) -> bool {
        !matches!(self.map.get(name), None | Some(Entry::Undefined))
    }

    /// The names and arities a body refers to (epp's `macro_ref`); errors as epp's
    /// `count_args` does for badly formed argument lists.
    pub fn macro_refs(body: &[Token]) -> Result<Vec<(Name, Arity)>, Diagnostic> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < body.len() {
            if body[i].kind == Tok::Question {
                match body.get(i + 1).map(|t| &t.kind) {
                    Some(Tok::Question) => {
                        i += 2;
                        continue;
                    }
                    Some(Tok::Atom(n)) | Some(Tok::Var(n)) => {
                        let rest: VecDeque<Token> = body[i + 2..].iter().cloned().collect();
                        let a = count_args(&rest, body[i + 1].span, n)?;
                        out.push((n.clone(), a));
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        out.sort_by(|a, b| (a.0.as_ref(), a.1).cmp(&(b.0.as_ref(), b.1)));
        out.dedup();
        Ok(out)
    }

    fn uses_of(&self, name: &str, a: Arity) -> &[(Name, Arity)] {
        match self.uses.get(name) {
            Some(l) => l
                .iter()
                .find(|(x, _)| *x == a)
                .or_else(|| l.iter().find(|(x, _)| x.is_none()))
                .map(|(_, u)| u.as_slice())
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// epp's `check_uses`: is there a cycle in the static uses graph from `(name, a)`?
    fn check_uses(&self, name: &Name, a: Arity, span: Span) -> Result<(), Diagnostic> {
        let mut anc: Vec<(Name, Arity)> = Vec::new();
        let mut clean: HashSet<(Name, Arity)> = HashSet::new();
        self.check_uses_1(&(name.clone(), a), &mut anc, &mut clean, span, 0)
    }

    fn check_uses_1(
        &self,
        m: &(Name, Arity),
        anc: &mut Vec<(Name, Arity)>,
        clean: &mut HashSet<(Name, Arity)>,
        span: Span,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        if anc.contains(m) || depth > 500 {
            return Err(err(
                "E0310",
                span,
                format!("circular macro '{}'", arity_text(&m.0, m.1)),
            ));
        }
        if clean.contains(m) {
            return Ok(());
        }
        anc.push(m.clone());
        for u in self.uses_of(&m.0, m.1).to_vec() {
            self.check_uses_1(&u, anc, clean, span, depth + 1)?;
        }
        anc.pop();
        clean.insert(m.clone());
        Ok(())
    }
}

/// What `?FUNCTION_NAME`/`?FUNCTION_ARITY` know about the current form.
#[derive(Clone, Debug)]
pub(crate) enum Fname {
    /// Not looked at yet: the form's raw tokens (empty in directives).
    Raw(Vec<Token>),
    /// Being computed: leave `?FUNCTION_NAME` as it is (epp's `undefined`).
    Computing,
    Known(Name, u32),
}

/// One expansion job: a form's tokens with the macro table it sees.
pub(crate) struct Expander<'a> {
    pub macros: &'a Macros,
    pub map: &'a SourceMap,
    /// Added to real line numbers for `?LINE` (set by `-file`).
    pub line_shift: i64,
    pub fname: Fname,
    budget: usize,
}

const MAX_DEPTH: usize = 200;
const BUDGET: usize = 200_000;
const MAX_TOKENS: usize = 2_000_000;

fn is(t: Option<&Token>, k: &Tok) -> bool {
    t.map(|t| &t.kind == k).unwrap_or(false)
}

/// epp's `macro_arg`: from `i`, the index of the `,` or `)` ending the argument at
/// bracket depth zero (or the length if none).
fn macro_arg(q: &VecDeque<Token>, mut i: usize) -> usize {
    let mut stack: Vec<Tok> = Vec::new();
    while let Some(t) = q.get(i) {
        if stack.is_empty() && matches!(t.kind, Tok::Comma | Tok::RParen) {
            return i;
        }
        match &t.kind {
            Tok::LParen => stack.push(Tok::RParen),
            Tok::LtLt => stack.push(Tok::GtGt),
            Tok::LBracket => stack.push(Tok::RBracket),
            Tok::LBrace => stack.push(Tok::RBrace),
            Tok::Begin | Tok::If | Tok::Case | Tok::Receive | Tok::Try | Tok::Cond => {
                stack.push(Tok::End)
            }
            Tok::Fun => {
                if is(q.get(i + 1), &Tok::LParen) {
                    stack.push(Tok::End);
                } else if matches!(q.get(i + 1).map(|t| &t.kind), Some(Tok::Var(_)))
                    && is(q.get(i + 2), &Tok::LParen)
                {
                    stack.push(Tok::End);
                    i += 1;
                }
            }
            k if stack.last() == Some(k) => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// epp's `count_args`: how many arguments follow (`None` if no `(`).
fn count_args(q: &VecDeque<Token>, span: Span, m: &str) -> Result<Arity, Diagnostic> {
    let bad = || {
        err(
            "E0311",
            span,
            format!("badly formed argument for macro '{m}'"),
        )
    };
    if !is(q.front(), &Tok::LParen) {
        return Ok(None);
    }
    if is(q.get(1), &Tok::RParen) {
        return Ok(Some(0));
    }
    if is(q.get(1), &Tok::Comma) {
        return Err(bad());
    }
    let mut i = macro_arg(q, 1);
    let mut n = 1;
    loop {
        match q.get(i).map(|t| &t.kind) {
            Some(Tok::RParen) => return Ok(Some(n)),
            Some(Tok::Comma) => {
                if is(q.get(i + 1), &Tok::RParen) {
                    return Err(bad());
                }
                i = macro_arg(q, i + 1);
                n += 1;
            }
            None => return Err(bad()),
            Some(_) => {
                return Err(err(
                    "E0302",
                    span,
                    format!("argument mismatch for macro '{m}'"),
                ))
            }
        }
    }
}

/// The definition a call uses (epp's `expand_macro1`).
enum Found {
    NoArgs(Vec<Token>),
    Args(Vec<Name>, Vec<Token>),
}

impl<'a> Expander<'a> {
    pub fn new(macros: &'a Macros, map: &'a SourceMap, line_shift: i64, fname: Fname) -> Self {
        Expander {
            macros,
            map,
            line_shift,
            fname,
            budget: BUDGET,
        }
    }

    fn line(&self, span: Span) -> u32 {
        let real = self
            .map
            .try_get(span.file)
            .map(|f| f.line(span.start))
            .unwrap_or(1) as i64;
        (real + self.line_shift).clamp(0, u32::MAX as i64) as u32
    }

    /// Expand all macro calls in `toks`.
    pub fn expand(&mut self, toks: Vec<Token>) -> Result<Vec<Token>, Diagnostic> {
        self.expand_at(toks, 0)
    }

    fn expand_at(&mut self, toks: Vec<Token>, depth: usize) -> Result<Vec<Token>, Diagnostic> {
        let mut q: VecDeque<Token> = toks.into();
        let mut out: Vec<Token> = Vec::with_capacity(q.len());
        while let Some(t) = q.pop_front() {
            if t.kind != Tok::Question {
                out.push(t);
                continue;
            }
            let Some(n) = q.front().cloned() else {
                out.push(t);
                continue;
            };
            let call_span = n.span;
            match &n.kind {
                Tok::Atom(m) => {
                    q.pop_front();
                    self.call(m, &n, &mut q, depth)?;
                }
                Tok::Var(v) if &**v == "FUNCTION_NAME" || &**v == "FUNCTION_ARITY" => {
                    q.pop_front();
                    match self.function_name(&n, depth)? {
                        None => {
                            out.push(t);
                            out.push(n);
                        }
                        Some((name, arity)) => {
                            let kind = if &**v == "FUNCTION_NAME" {
                                Tok::Atom(name)
                            } else {
                                Tok::Integer(IntLit::Small(arity as i64))
                            };
                            out.push(Token { kind, span: n.span });
                        }
                    }
                }
                Tok::Var(v) if &**v == "LINE" => {
                    q.pop_front();
                    let line = self.line(n.span);
                    out.push(Token {
                        kind: Tok::Integer(IntLit::Small(line as i64)),
                        span: n.span,
                    });
                }
                Tok::Var(m) => {
                    q.pop_front();
                    self.call(m, &n, &mut q, depth)?;
                }
                other => {
                    let text = match other {
                        Tok::String(_)
                        | Tok::Integer(_)
                        | Tok::Float(_)
                        | Tok::Char(_)
                        | Tok::Unknown(_) => other.text(),
                        Tok::FormEnd => "dot".to_string(),
                        _ => crate::print::atom(other.symbol()),
                    };
                    return Err(err(
                        "E0308",
                        n.span,
                        format!("illegal macro call '?{text}'"),
                    ));
                }
            }
            if q.len() > MAX_TOKENS || out.len() > MAX_TOKENS {
                return Err(err("E0310", call_span, "macro expansion too large"));
            }
        }
        Ok(out)
    }

    fn lookup(&self, m: &Name, span: Span, arity: Arity) -> Result<Found, Diagnostic> {
        let undefined = || {
            err(
                "E0301",
                span,
                format!("undefined macro '{}'", arity_text(m, arity)),
            )
        };
        match self.macros.map.get(m) {
            None | Some(Entry::Undefined) => Err(undefined()),
            Some(Entry::Predef(body)) => Ok(Found::NoArgs(body.clone())),
            Some(Entry::User(defs)) => {
                let def = if defs.len() == 1 && defs[0].0.is_none() {
                    &defs[0].1
                } else {
                    match defs.iter().find(|(a, _)| *a == arity) {
                        Some((_, d)) => d,
                        None => {
                            return Err(err(
                                "E0302",
                                span,
                                format!("argument mismatch for macro '{m}'"),
                            ))
                        }
                    }
                };
                Ok(match &def.params {
                    None => Found::NoArgs(def.body.clone()),
                    Some(ps) => Found::Args(ps.clone(), def.body.clone()),
                })
            }
        }
    }

    fn call(
        &mut self,
        m: &Name,
        name_tok: &Token,
        q: &mut VecDeque<Token>,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let span = name_tok.span;
        if self.budget == 0 || depth > MAX_DEPTH {
            return Err(err("E0310", span, format!("circular macro '{m}'")));
        }
        self.budget -= 1;
        let arity = count_args(q, span, m)?;
        match self.lookup(m, span, arity)? {
            Found::NoArgs(body) => {
                self.macros.check_uses(m, None, span)?;
                let body = substitute(&body, span, &[], &[]);
                let exp = self.expand_at(body, depth + 1)?;
                for t in exp.into_iter().rev() {
                    q.push_front(t);
                }
            }
            Found::Args(params, body) => {
                self.macros.check_uses(m, Some(params.len()), span)?;
                let args = bind_args(q, span, m, params.len())?;
                let exp = substitute(&body, span, &params, &args);
                for t in exp.into_iter().rev() {
                    q.push_front(t);
                }
            }
        }
        Ok(())
    }

    /// epp's `update_fun_name`: name and arity of the function this form defines.
    fn function_name(
        &mut self,
        tok: &Token,
        depth: usize,
    ) -> Result<Option<(Name, u32)>, Diagnostic> {
        let raw = match &self.fname {
            Fname::Computing => return Ok(None),
            Fname::Known(n, a) => return Ok(Some((n.clone(), *a))),
            Fname::Raw(r) => r.clone(),
        };
        let macro_name = match &tok.kind {
            Tok::Var(v) => v.to_string(),
            _ => String::new(),
        };
        self.fname = Fname::Computing;
        let res = self.expand_at(raw.clone(), depth + 1);
        self.fname = Fname::Raw(raw);
        let toks = match res {
            Ok(t) => t,
            Err(_) => {
                self.fname = Fname::Known("_".into(), 0);
                return Ok(Some(("_".into(), 0)));
            }
        };
        match (toks.first().map(|t| &t.kind), toks.get(1).map(|t| &t.kind)) {
            (Some(Tok::Atom(name)), Some(Tok::LParen)) => {
                let arity = count_fun_arity(&toks[2..]);
                self.fname = Fname::Known(name.clone(), arity);
                Ok(Some((name.clone(), arity)))
            }
            (Some(Tok::Question), _) => Err(err(
                "E0308",
                tok.span,
                format!("?{macro_name} must not begin a form"),
            )),
            _ => Err(err(
                "E0308",
                tok.span,
                format!("?{macro_name} can only be used within a function"),
            )),
        }
    }
}

/// epp's `update_fun_name_1` (including its quirk: `f([]) ->` counts as arity 0).
fn count_fun_arity(toks: &[Token]) -> u32 {
    let mut level = 1;
    let mut arity = 0u32;
    for t in toks {
        match t.kind {
            Tok::Comma => {
                if level == 1 {
                    arity += 1;
                }
            }
            Tok::LParen | Tok::LBrace | Tok::LBracket | Tok::LtLt => level += 1,
            Tok::RParen | Tok::RBrace | Tok::RBracket | Tok::GtGt => {
                if level == 1 {
                    return arity;
                }
                level -= 1;
            }
            _ => {
                if arity == 0 {
                    arity = 1;
                }
            }
        }
    }
    arity
}

/// epp's `bind_args`: consume `( A1, ..., An )` from the queue.
fn bind_args(
    q: &mut VecDeque<Token>,
    span: Span,
    m: &str,
    n: usize,
) -> Result<Vec<Vec<Token>>, Diagnostic> {
    let mismatch = || err("E0302", span, format!("argument mismatch for macro '{m}'"));
    if !is(q.front(), &Tok::LParen) {
        return Err(mismatch());
    }
    q.pop_front();
    let mut args = Vec::with_capacity(n);
    if n == 0 {
        if is(q.front(), &Tok::RParen) {
            q.pop_front();
            return Ok(args);
        }
        return Err(mismatch());
    }
    loop {
        let end = macro_arg(q, 0);
        let arg: Vec<Token> = q.drain(..end).collect();
        if arg.is_empty() {
            return Err(mismatch());
        }
        args.push(arg);
        match q.front().map(|t| &t.kind) {
            Some(Tok::RParen) if args.len() == n => {
                q.pop_front();
                return Ok(args);
            }
            Some(Tok::Comma) if args.len() < n => {
                q.pop_front();
            }
            None => {
                return Err(err(
                    "E0311",
                    span,
                    format!("badly formed argument for macro '{m}'"),
                ))
            }
            _ => return Err(mismatch()),
        }
    }
}

/// epp's `expand_macro`: the body with parameters replaced (see the module doc for spans).
fn substitute(body: &[Token], call: Span, params: &[Name], args: &[Vec<Token>]) -> Vec<Token> {
    let bound = |v: &Name| params.iter().position(|p| p == v).and_then(|i| args.get(i));
    let mut out = Vec::with_capacity(body.len());
    let mut anno = call;
    let mut i = 0;
    while i < body.len() {
        let t = &body[i];
        if let Tok::Var(v) = &t.kind {
            if let Some(arg) = bound(v) {
                out.extend(arg.iter().cloned());
                if let Some(last) = arg.last() {
                    anno = last.span;
                }
                i += 1;
                continue;
            }
        }
        if t.kind == Tok::Question && is(body.get(i + 1), &Tok::Question) {
            if let Some(Token {
                kind: Tok::Var(v), ..
            }) = body.get(i + 2)
            {
                match bound(v) {
                    Some(arg) => out.push(Token {
                        kind: Tok::String(stringify(arg).into()),
                        span: anno,
                    }),
                    None => out.push(Token {
                        kind: Tok::Var(v.clone()),
                        span: anno,
                    }),
                }
                i += 3;
                continue;
            }
        }
        out.push(Token {
            kind: t.kind.clone(),
            span: anno,
        });
        i += 1;
    }
    out
}
