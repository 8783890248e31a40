//! Record expansion, as erl_expand_records does it, applied after a clean [`crate::check`].
//!
//! Owns: rewriting every record construct into plain tuples, calls and cases:
//! `#r{...}` -> `{r, ...}` (defaults, `_ = V`, `undefined`), `#r.f` -> index, `X#r.f` ->
//! checked `element/2` (raising `{badrecord, Value}`), `X#r{f = V}` -> checked `setelement/3`
//! chain, record patterns -> tuple patterns with `_` for unmentioned fields,
//! `record_info(fields|size, r)`, `is_record(X, r)` -> `is_record(X, r, Size)`.
//! Must not: panic on any AST (unknown records and fields are left alone: the checker has
//! reported them), or emit record nodes in its output for records it knows.

use ferl_diagnostics::Span;
use ferl_syntax::ast::*;
use ferl_syntax::token::Name;
use std::collections::HashMap;

#[derive(Clone)]
struct Def {
    fields: Vec<(Name, Option<Expr>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Body,
    Guard,
    Pattern,
}

struct Expander {
    defs: HashMap<Name, Def>,
    counter: u32,
    /// Record tests to add to the current guard conjunction (for `X#r.f` in guards).
    guard_tests: Vec<Expr>,
}

/// Expand all record constructs of `module` into tuple operations.
pub fn expand_records(module: &mut Module) {
    let mut ex = Expander {
        defs: HashMap::new(),
        counter: 0,
        guard_tests: Vec::new(),
    };
    for f in &module.forms {
        if let FormKind::Record(name, fields) = &f.kind {
            ex.defs.entry(name.clone()).or_insert_with(|| Def {
                fields: fields
                    .iter()
                    .map(|fd| (fd.name.clone(), fd.default.clone()))
                    .collect(),
            });
        }
    }
    // Defaults may themselves use records.
    let names: Vec<Name> = ex.defs.keys().cloned().collect();
    for n in names {
        if let Some(mut d) = ex.defs.get(&n).cloned() {
            for (_, dflt) in d.fields.iter_mut() {
                if let Some(e) = dflt {
                    ex.expr(e, Ctx::Body);
                }
            }
            ex.defs.insert(n, d);
        }
    }
    for f in module.forms.iter_mut() {
        if let FormKind::Function(func) = &mut f.kind {
            for c in func.clauses.iter_mut() {
                ex.clause(c);
            }
        }
    }
}

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr::new(kind, span)
}
fn atom(s: &str, span: Span) -> Expr {
    Expr::atom(s, span)
}
fn int(i: i64, span: Span) -> Expr {
    mk(ExprKind::Integer(IntLit::Small(i)), span)
}
fn var(s: &str, span: Span) -> Expr {
    mk(ExprKind::Var(Name::from(s)), span)
}
fn remote_call(m: &str, f: &str, args: Vec<Expr>, span: Span) -> Expr {
    let callee = mk(
        ExprKind::Remote(Box::new(atom(m, span)), Box::new(atom(f, span))),
        span,
    );
    mk(ExprKind::Call(Box::new(callee), args), span)
}
fn list(items: Vec<Expr>, span: Span) -> Expr {
    items
        .into_iter()
        .rev()
        .fold(mk(ExprKind::Nil, span), |acc, e| {
            mk(ExprKind::Cons(Box::new(e), Box::new(acc)), span)
        })
}

impl Expander {
    fn fresh(&mut self) -> String {
        self.counter += 1;
        format!("rec{}", self.counter - 1)
    }

    fn clause(&mut self, c: &mut Clause) {
        for p in c.patterns.iter_mut() {
            self.expr(p, Ctx::Pattern);
        }
        for conj in c.guards.iter_mut() {
            let saved = std::mem::take(&mut self.guard_tests);
            for g in conj.iter_mut() {
                self.expr(g, Ctx::Guard);
            }
            let tests = std::mem::replace(&mut self.guard_tests, saved);
            if !tests.is_empty() {
                let rest = std::mem::take(conj);
                *conj = tests.into_iter().chain(rest).collect();
            }
        }
        for e in c.body.iter_mut() {
            self.expr(e, Ctx::Body);
        }
    }

    fn size(&self, name: &Name) -> Option<usize> {
        self.defs.get(name).map(|d| d.fields.len() + 1)
    }

    fn index(&self, name: &Name, field: &Name) -> Option<usize> {
        self.defs
            .get(name)?
            .fields
            .iter()
            .position(|(f, _)| f == field)
            .map(|i| i + 2)
    }

    /// `{r, _, ..., _}` with `size` elements (used as a pattern).
    fn is_record_test(&self, e: Expr, name: &Name, span: Span) -> Option<Expr> {
        let size = self.size(name)?;
        Some(mk(
            ExprKind::Call(
                Box::new(atom("is_record", span)),
                vec![e, atom(name, span), int(size as i64, span)],
            ),
            span,
        ))
    }

    /// `error({badrecord, Value})` (OTP 25 raises with the value, not the record name).
    fn badrecord(value: Expr, span: Span) -> Expr {
        remote_call(
            "erlang",
            "error",
            vec![mk(
                ExprKind::Tuple(vec![atom("badrecord", span), value]),
                span,
            )],
            span,
        )
    }

    /// `case E of V when is_record(V, r, N) -> Body(V); W -> error({badrecord, W}) end`.
    fn checked(
        &mut self,
        e: Expr,
        name: &Name,
        span: Span,
        body: impl FnOnce(Expr) -> Expr,
    ) -> Expr {
        let v = self.fresh();
        let w = self.fresh();
        let test = self
            .is_record_test(var(&v, span), name, span)
            .unwrap_or_else(|| atom("true", span));
        let ok = Clause {
            name: None,
            patterns: vec![var(&v, span)],
            guards: vec![vec![test]],
            body: vec![body(var(&v, span))],
            span,
        };
        let bad = Clause {
            name: None,
            patterns: vec![var(&w, span)],
            guards: vec![],
            body: vec![Self::badrecord(var(&w, span), span)],
            span,
        };
        mk(ExprKind::Case(Box::new(e), vec![ok, bad]), span)
    }

    fn clauses(&mut self, cs: &mut [Clause]) {
        for c in cs {
            self.clause(c);
        }
    }

    fn exprs(&mut self, es: &mut [Expr], ctx: Ctx) {
        for e in es {
            self.expr(e, ctx);
        }
    }

    fn expr(&mut self, e: &mut Expr, ctx: Ctx) {
        let span = e.span;
        // First the children.
        match &mut e.kind {
            ExprKind::Cons(h, t) => {
                self.expr(h, ctx);
                self.expr(t, ctx);
            }
            ExprKind::Tuple(es) | ExprKind::Block(es) => self.exprs(es, ctx),
            ExprKind::Map(base, fs) => {
                if let Some(b) = base {
                    self.expr(b, ctx);
                }
                for f in fs {
                    self.expr(
                        &mut f.key,
                        if ctx == Ctx::Pattern { Ctx::Guard } else { ctx },
                    );
                    self.expr(&mut f.value, ctx);
                }
            }
            ExprKind::Record { base, fields, .. } => {
                if let Some(b) = base {
                    self.expr(b, ctx);
                }
                for f in fields.iter_mut() {
                    self.expr(&mut f.value, ctx);
                }
            }
            ExprKind::RecordAccess { expr, .. } => self.expr(expr, ctx),
            ExprKind::Binary(els) => {
                for b in els {
                    self.expr(&mut b.value, ctx);
                    if let Some(s) = &mut b.size {
                        self.expr(s, if ctx == Ctx::Pattern { Ctx::Guard } else { ctx });
                    }
                }
            }
            ExprKind::Match(p, x) => {
                self.expr(p, Ctx::Pattern);
                self.expr(x, ctx);
            }
            ExprKind::BinOp(_, l, r) => {
                self.expr(l, ctx);
                self.expr(r, ctx);
            }
            ExprKind::UnOp(_, a) | ExprKind::Catch(a) => self.expr(a, ctx),
            ExprKind::Call(f, args) => {
                self.expr(f, ctx);
                self.exprs(args, ctx);
            }
            ExprKind::Remote(m, f) => {
                self.expr(m, ctx);
                self.expr(f, ctx);
            }
            ExprKind::If(cs) => self.clauses(cs),
            ExprKind::Case(x, cs) => {
                self.expr(x, ctx);
                self.clauses(cs);
            }
            ExprKind::Receive { clauses, after } => {
                self.clauses(clauses);
                if let Some(a) = after {
                    self.expr(&mut a.timeout, Ctx::Body);
                    self.exprs(&mut a.body, Ctx::Body);
                }
            }
            ExprKind::Try(t) => {
                self.exprs(&mut t.body, Ctx::Body);
                self.clauses(&mut t.of_clauses);
                self.clauses(&mut t.catch_clauses);
                self.exprs(&mut t.after, Ctx::Body);
            }
            ExprKind::Fun(f) => match &mut **f {
                Fun::Anonymous(cs) | Fun::Named(_, cs) => self.clauses(cs),
                Fun::Remote {
                    module,
                    function,
                    arity,
                } => {
                    self.expr(module, ctx);
                    self.expr(function, ctx);
                    self.expr(arity, ctx);
                }
                Fun::Local(_) => {}
            },
            ExprKind::ListComp(b, qs) | ExprKind::BinaryComp(b, qs) => {
                self.quals(qs);
                self.expr(b, Ctx::Body);
            }
            ExprKind::MapComp(k, v, qs) => {
                self.quals(qs);
                self.expr(k, Ctx::Body);
                self.expr(v, Ctx::Body);
            }
            _ => {}
        }
        // Then this node.
        let kind = std::mem::replace(&mut e.kind, ExprKind::Nil);
        e.kind = match kind {
            ExprKind::Record {
                base: None,
                name,
                fields,
            } => match self.defs.get(&name).cloned() {
                Some(def) => self.construct(&name, &def, fields, span, ctx),
                None => ExprKind::Record {
                    base: None,
                    name,
                    fields,
                },
            },
            ExprKind::Record {
                base: Some(base),
                name,
                fields,
            } => match self.defs.get(&name).cloned() {
                Some(_) if ctx == Ctx::Body => {
                    let mut upd: Vec<(usize, Expr)> = Vec::new();
                    for f in fields {
                        if let Some(i) = self.index(&name, &f.name) {
                            upd.push((i, f.value));
                        }
                    }
                    self.checked(*base, &name, span, move |v| {
                        upd.into_iter().fold(v, |acc, (i, val)| {
                            remote_call(
                                "erlang",
                                "setelement",
                                vec![int(i as i64, span), acc, val],
                                span,
                            )
                        })
                    })
                    .kind
                }
                _ => ExprKind::Record {
                    base: Some(base),
                    name,
                    fields,
                },
            },
            ExprKind::RecordIndex { name, field } => match self.index(&name, &field) {
                Some(i) => ExprKind::Integer(IntLit::Small(i as i64)),
                None => ExprKind::RecordIndex { name, field },
            },
            ExprKind::RecordAccess { expr, name, field } => match self.index(&name, &field) {
                Some(i) if ctx == Ctx::Body => {
                    self.checked(*expr, &name, span, |v| {
                        remote_call("erlang", "element", vec![int(i as i64, span), v], span)
                    })
                    .kind
                }
                Some(i) => {
                    if let Some(t) = self.is_record_test((*expr).clone(), &name, span) {
                        self.guard_tests.push(t);
                    }
                    remote_call("erlang", "element", vec![int(i as i64, span), *expr], span).kind
                }
                None => ExprKind::RecordAccess { expr, name, field },
            },
            ExprKind::Call(callee, mut args) => {
                let is_rec = match &callee.kind {
                    ExprKind::Atom(f) => &**f == "is_record",
                    ExprKind::Remote(m, f) => {
                        matches!((&m.kind, &f.kind), (ExprKind::Atom(m), ExprKind::Atom(f)) if &**m == "erlang" && &**f == "is_record")
                    }
                    _ => false,
                };
                let is_info = matches!(&callee.kind, ExprKind::Atom(f) if &**f == "record_info");
                if is_rec && args.len() == 2 {
                    if let ExprKind::Atom(name) = &args[1].kind {
                        if let Some(size) = self.size(name) {
                            args.push(int(size as i64, span));
                        }
                    }
                    ExprKind::Call(callee, args)
                } else if is_info && args.len() == 2 {
                    match (&args[0].kind, &args[1].kind) {
                        (ExprKind::Atom(info), ExprKind::Atom(name))
                            if self.defs.contains_key(name) =>
                        {
                            let def = &self.defs[name];
                            match &**info {
                                "size" => {
                                    ExprKind::Integer(IntLit::Small(def.fields.len() as i64 + 1))
                                }
                                "fields" => {
                                    list(
                                        def.fields.iter().map(|(f, _)| atom(f, span)).collect(),
                                        span,
                                    )
                                    .kind
                                }
                                _ => ExprKind::Call(callee, args),
                            }
                        }
                        _ => ExprKind::Call(callee, args),
                    }
                } else {
                    ExprKind::Call(callee, args)
                }
            }
            other => other,
        };
    }

    fn quals(&mut self, qs: &mut [Qualifier]) {
        for q in qs {
            match q {
                Qualifier::Generator(p, e) | Qualifier::BinGenerator(p, e) => {
                    self.expr(e, Ctx::Body);
                    self.expr(p, Ctx::Pattern);
                }
                Qualifier::MapGenerator(k, v, e) => {
                    self.expr(e, Ctx::Body);
                    self.expr(k, Ctx::Pattern);
                    self.expr(v, Ctx::Pattern);
                }
                Qualifier::Filter(f) => self.expr(f, Ctx::Body),
            }
        }
    }

    /// `#r{f = V, _ = W}` in a pattern, guard or body.
    fn construct(
        &mut self,
        name: &Name,
        def: &Def,
        fields: Vec<RecordField>,
        span: Span,
        ctx: Ctx,
    ) -> ExprKind {
        let wildcard = fields
            .iter()
            .find(|f| &*f.name == "_")
            .map(|f| f.value.clone());
        let mut elems = vec![atom(name, span)];
        for (fname, dflt) in &def.fields {
            let given = fields
                .iter()
                .find(|f| f.name == *fname)
                .map(|f| f.value.clone());
            let v = match (given, &wildcard, ctx) {
                (Some(v), _, _) => v,
                (None, Some(w), _) => w.clone(),
                (None, None, Ctx::Pattern) => var("_", span),
                (None, None, _) => match dflt {
                    Some(d) => relocate(d.clone(), span),
                    None => atom("undefined", span),
                },
            };
            elems.push(v);
        }
        ExprKind::Tuple(elems)
    }
}

/// A copy of a default-value expression placed at the record expression (as copy_expr).
fn relocate(mut e: Expr, span: Span) -> Expr {
    e.span = span;
    e
}
