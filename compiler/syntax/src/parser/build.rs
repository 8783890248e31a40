//! AST construction helpers called from the grammar's actions: erl_parse's `build_*`
//! functions (attributes, type specs, constraints, binary types, funs, try clauses).
//!
//! Owns: turning grammar pieces into [`crate::ast`] nodes and erl_parse's own checks
//! ("bad attribute", "bad export declaration", "bad type variable", ...), returned as
//! [`UserError`]s worded like erlc. Must not: panic, or make checks erl_parse leaves to
//! erl_lint (those belong to sema; e.g. clause names are kept for "head mismatch").

use crate::ast::*;
use crate::parser::{SyntaxAt, UserError};
use crate::token::Name;
use ferl_diagnostics::{FileId, Span};
use std::sync::Arc;

/// A span in the form's file (locations may come from different files after macro
/// expansion; keep `start <= end` whatever happens).
pub fn sp(file: FileId, l: u32, r: u32) -> Span {
    Span::new(file, l.min(r), r.max(l))
}

pub fn cons_vec<T>(first: T, mut rest: Vec<T>) -> Vec<T> {
    rest.insert(0, first);
    rest
}

pub fn binop(op: BinOp, a: Expr, b: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::BinOp(op, Box::new(a), Box::new(b)), span)
}

pub fn unop(op: UnOp, e: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::UnOp(op, Box::new(e)), span)
}

/// `[H | T]` starting at `l`, ending where the tail ends.
pub fn cons(h: Expr, t: Expr, l: u32, file: FileId) -> Expr {
    let span = sp(file, l, t.span.end.max(h.span.end));
    Expr::new(ExprKind::Cons(Box::new(h), Box::new(t)), span)
}

pub fn concat_strings(parts: Vec<Arc<str>>) -> String {
    let mut s = String::new();
    for p in &parts {
        s.push_str(p);
    }
    s
}

/// The pieces of `-spec`/`-callback`.
pub struct SpecFun {
    pub module: Option<(Name, Span)>,
    pub name: (Name, Span),
}

/// A `fun_type` before it is known whether it sits in a spec (no `...` allowed) or in a
/// `fun(...)` type.
pub struct FunTypeRaw {
    /// `None` for `(...)`.
    pub params: Option<Vec<Type>>,
    pub ret: Type,
    pub start: u32,
}

impl FunTypeRaw {
    pub fn into_sig(self) -> FunTypeSig {
        FunTypeSig {
            params: self.params,
            ret: Box::new(self.ret),
        }
    }
}

pub struct TypeSig {
    pub fun: FunTypeRaw,
    pub constraints: Vec<TypeConstraint>,
    pub span: Span,
}

/// erl_parse's `typed_attr_val`.
pub enum TypedAttrVal {
    /// `-record(Name, {typed fields})`: (name expr, (span of the tuple, fields)).
    Record(Expr, (Span, Vec<(Expr, Option<Type>)>)),
    /// `-type Head :: Type`.
    TypeDef(Expr, Type),
}

fn err(span: Span, msg: impl Into<String>) -> UserError {
    UserError {
        span,
        message: msg.into(),
        code: "E0203",
        syntax: SyntaxAt::No,
    }
}

fn bad_decl(span: Span, what: &str) -> UserError {
    err(span, format!("bad {what} declaration"))
}

/// erl_parse's `build_attribute/2`.
pub fn build_attribute(name: (Name, Span), mut vals: Vec<Expr>) -> Result<FormKind, UserError> {
    let (attr, aspan) = name;
    let second = |vals: &[Expr]| vals.get(1).map(|e| e.span).unwrap_or(aspan);
    match &*attr {
        "module" => match vals.as_slice() {
            [Expr {
                kind: ExprKind::Atom(m),
                ..
            }] => Ok(FormKind::Module(m.clone())),
            // Parameterized modules (`-module(m, [Vars])`) are gone since OTP 21.
            [_, other, ..] => Err(bad_decl(other.span, "module")),
            [other, ..] => Err(bad_decl(other.span, "module")),
            [] => Err(bad_decl(aspan, "module")),
        },
        "export" => {
            if vals.len() != 1 {
                return Err(bad_decl(second(&vals), "export"));
            }
            Ok(FormKind::Export(farity_list(&vals[0])?))
        }
        "import" => match vals.as_slice() {
            [Expr {
                kind: ExprKind::Atom(m),
                ..
            }, list] => Ok(FormKind::Import(m.clone(), farity_list(list)?)),
            [_, other, ..] => Err(bad_decl(other.span, "import")),
            [other] => Err(bad_decl(other.span, "import")),
            [] => Err(bad_decl(aspan, "import")),
        },
        "record" => match vals.as_slice() {
            [Expr {
                kind: ExprKind::Atom(r),
                ..
            }, tuple] => match &tuple.kind {
                ExprKind::Tuple(fields) => {
                    let fields = fields.iter().map(|f| (f.clone(), None)).collect();
                    Ok(FormKind::Record(r.clone(), record_fields(fields)?))
                }
                _ => Err(err(tuple.span, "bad record declaration")),
            },
            [other, ..] => Err(bad_decl(other.span, "record")),
            [] => Err(bad_decl(aspan, "record")),
        },
        "file" => match vals.as_slice() {
            [Expr {
                kind: ExprKind::String(f),
                ..
            }, Expr {
                kind: ExprKind::Integer(l),
                span,
            }] => match l.as_i64().and_then(|l| u32::try_from(l).ok()) {
                Some(l) => Ok(FormKind::File(f.clone(), l)),
                None => Err(bad_decl(*span, "file")),
            },
            [other, ..] => Err(bad_decl(other.span, "file")),
            [] => Err(bad_decl(aspan, "file")),
        },
        _ => {
            if vals.len() != 1 {
                return Err(err(second(&vals), "bad attribute"));
            }
            let value = attribute_farity(vals.pop().unwrap_or_else(|| Expr::atom("", aspan)));
            if !is_term(&value) {
                return Err(err(value.span, "bad attribute"));
            }
            match (&*attr, &value.kind) {
                ("behaviour" | "behavior", ExprKind::Atom(b)) => Ok(FormKind::Behaviour(b.clone())),
                ("export_type", _) => Ok(FormKind::ExportType(
                    type_arity_list(&value).ok_or_else(|| bad_decl(value.span, "export_type"))?,
                )),
                _ => Ok(FormKind::Attribute(attr, value)),
            }
        }
    }
}

/// erl_parse's `farity_list/1`: `[f/1, g/2]`.
fn farity_list(e: &Expr) -> Result<Vec<FunRef>, UserError> {
    let mut out = Vec::new();
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Nil => return Ok(out),
            ExprKind::Cons(h, t) => {
                match &h.kind {
                    ExprKind::BinOp(BinOp::FDiv, n, a) => match (&n.kind, &a.kind) {
                        (ExprKind::Atom(name), ExprKind::Integer(i)) => {
                            let arity = i
                                .as_i64()
                                .and_then(|i| u32::try_from(i).ok())
                                .ok_or_else(|| err(a.span, "bad function arity"))?;
                            out.push(FunRef {
                                name: name.clone(),
                                arity,
                                span: h.span,
                            });
                        }
                        (ExprKind::Atom(_), _) => return Err(err(a.span, "bad function arity")),
                        _ => return Err(err(n.span, "bad function name")),
                    },
                    _ => return Err(err(cur.span, "bad Name/Arity")),
                }
                cur = t;
            }
            _ => return Err(err(cur.span, "bad Name/Arity")),
        }
    }
}

/// `-export_type` after attribute_farity: a list of `{Name, Arity}` tuples.
fn type_arity_list(e: &Expr) -> Option<Vec<FunRef>> {
    let mut out = Vec::new();
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Nil => return Some(out),
            ExprKind::Cons(h, t) => {
                match &h.kind {
                    ExprKind::Tuple(es) => match es.as_slice() {
                        [Expr {
                            kind: ExprKind::Atom(n),
                            ..
                        }, Expr {
                            kind: ExprKind::Integer(i),
                            ..
                        }] => {
                            let arity = i.as_i64().and_then(|i| u32::try_from(i).ok())?;
                            out.push(FunRef {
                                name: n.clone(),
                                arity,
                                span: h.span,
                            });
                        }
                        _ => return None,
                    },
                    _ => return None,
                }
                cur = t;
            }
            _ => return None,
        }
    }
}

/// erl_parse's `attribute_farity/1`: `f/1` becomes `{f, 1}` inside attribute values.
fn attribute_farity(e: Expr) -> Expr {
    let span = e.span;
    match e.kind {
        ExprKind::Cons(h, t) => Expr::new(
            ExprKind::Cons(
                Box::new(attribute_farity(*h)),
                Box::new(attribute_farity(*t)),
            ),
            span,
        ),
        ExprKind::Tuple(es) => Expr::new(
            ExprKind::Tuple(es.into_iter().map(attribute_farity).collect()),
            span,
        ),
        ExprKind::Map(None, fs) => Expr::new(
            ExprKind::Map(
                None,
                fs.into_iter()
                    .map(|f| MapField {
                        value: attribute_farity(f.value),
                        ..f
                    })
                    .collect(),
            ),
            span,
        ),
        ExprKind::BinOp(BinOp::FDiv, n, a)
            if matches!(n.kind, ExprKind::Atom(_)) && matches!(a.kind, ExprKind::Integer(_)) =>
        {
            Expr::new(ExprKind::Tuple(vec![*n, *a]), span)
        }
        kind => Expr::new(kind, span),
    }
}

/// Can erl_parse's `normalise/1` turn this into a term?
fn is_term(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Char(_)
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::Atom(_)
        | ExprKind::String(_)
        | ExprKind::Nil => true,
        ExprKind::Cons(h, t) => is_term(h) && is_term(t),
        ExprKind::Tuple(es) => es.iter().all(is_term),
        ExprKind::Map(None, fs) => fs
            .iter()
            .all(|f| f.op == MapOp::Assoc && is_term(&f.key) && is_term(&f.value)),
        ExprKind::Binary(els) => els.iter().all(|el| {
            // normalise/1 accepts only literal elements with default size/type
            // (integers, chars, strings); eval_bits does the rest.
            is_term(&el.value)
                && el
                    .size
                    .as_ref()
                    .is_none_or(|s| matches!(s.kind, ExprKind::Integer(_)))
        }),
        ExprKind::Fun(f) => matches!(
            &**f,
            Fun::Remote {
                module: Expr {
                    kind: ExprKind::Atom(_),
                    ..
                },
                function: Expr {
                    kind: ExprKind::Atom(_),
                    ..
                },
                arity: Expr {
                    kind: ExprKind::Integer(_),
                    ..
                },
            }
        ),
        ExprKind::UnOp(UnOp::Plus | UnOp::Minus, x) => {
            matches!(
                x.kind,
                ExprKind::Char(_) | ExprKind::Integer(_) | ExprKind::Float(_)
            )
        }
        _ => false,
    }
}

/// erl_parse's `record_fields/1`.
fn record_fields(fields: Vec<(Expr, Option<Type>)>) -> Result<Vec<RecordFieldDef>, UserError> {
    let mut out = Vec::with_capacity(fields.len());
    for (e, ty) in fields {
        let span = match &ty {
            Some(t) => e.span.to(t.span),
            None => e.span,
        };
        match e.kind {
            ExprKind::Atom(name) => out.push(RecordFieldDef {
                name,
                default: None,
                ty,
                span,
            }),
            ExprKind::Match(lhs, default) => match lhs.kind {
                ExprKind::Atom(name) => out.push(RecordFieldDef {
                    name,
                    default: Some(*default),
                    ty,
                    span,
                }),
                _ => return Err(err(lhs.span, "bad record field")),
            },
            _ => return Err(err(e.span, "bad record field")),
        }
    }
    Ok(out)
}

/// erl_parse's `build_typed_attribute/2`.
pub fn build_typed_attribute(name: (Name, Span), val: TypedAttrVal) -> Result<FormKind, UserError> {
    let (attr, aspan) = name;
    match (&*attr, val) {
        (
            "record",
            TypedAttrVal::Record(
                Expr {
                    kind: ExprKind::Atom(r),
                    ..
                },
                (_, fields),
            ),
        ) => Ok(FormKind::Record(r, record_fields(fields)?)),
        ("type" | "opaque", TypedAttrVal::TypeDef(head, body)) => {
            let ExprKind::Call(callee, args) = head.kind else {
                return Err(bad_decl(aspan, &attr));
            };
            let ExprKind::Atom(tname) = callee.kind else {
                return Err(bad_decl(aspan, &attr));
            };
            let mut params = Vec::with_capacity(args.len());
            for a in &args {
                match &a.kind {
                    ExprKind::Var(v) if &**v != "_" => params.push(v.clone()),
                    _ => return Err(err(a.span, "bad type variable")),
                }
            }
            Ok(FormKind::TypeDef(TypeDef {
                opaque: &*attr == "opaque",
                name: tname,
                params,
                body,
            }))
        }
        ("record" | "type" | "opaque", _) => Err(bad_decl(aspan, &attr)),
        _ => Err(err(aspan, "bad attribute")),
    }
}

/// erl_parse's `build_type_spec/2`.
pub fn build_type_spec(
    callback: bool,
    spec: (SpecFun, Vec<TypeSig>),
) -> Result<FormKind, UserError> {
    let (fun, sigs) = spec;
    let mut clauses = Vec::with_capacity(sigs.len());
    for s in sigs {
        let args = match s.fun.params {
            Some(a) => a,
            None => {
                return Err(err(
                    Span::new(s.span.file, s.fun.start, s.fun.start),
                    "bad function type: (...) is only allowed in fun types",
                ))
            }
        };
        clauses.push(FunSig {
            args,
            ret: s.fun.ret,
            constraints: s.constraints,
            span: s.span,
        });
    }
    let arity = clauses.first().map_or(0, |c| c.args.len() as u32);
    Ok(FormKind::Spec(Spec {
        callback,
        module: fun.module.map(|m| m.0),
        name: fun.name.0,
        arity,
        clauses,
    }))
}

/// erl_parse's `build_compat_constraint/2`: `is_subtype(Var, Type)`.
pub fn build_compat_constraint(
    a: (Name, Span),
    mut ts: Vec<Type>,
    r: u32,
) -> Result<TypeConstraint, UserError> {
    let span = sp(a.1.file, a.1.start, r);
    if &*a.0 == "is_subtype" && ts.len() == 2 {
        let ty = ts.pop().unwrap_or(Type {
            kind: TypeKind::Nil,
            span,
        });
        let lhs = ts.pop().unwrap_or(Type {
            kind: TypeKind::Nil,
            span,
        });
        return match lhs.kind {
            TypeKind::Var(v) => build_constraint((v, lhs.span), ty, r),
            _ => Err(err(lhs.span, "bad type variable")),
        };
    }
    Err(err(
        a.1,
        format!("unsupported constraint {}", crate::print::atom(&a.0)),
    ))
}

/// erl_parse's `build_constraint/2`: `Var :: Type`.
pub fn build_constraint(v: (Name, Span), ty: Type, r: u32) -> Result<TypeConstraint, UserError> {
    if &*v.0 == "_" {
        return Err(err(v.1, "bad type variable"));
    }
    Ok(TypeConstraint {
        var: v.0,
        ty,
        span: sp(v.1.file, v.1.start, r),
    })
}

/// erl_parse's `lift_unions/2`.
pub fn lift_union(a: Type, b: Type, span: Span) -> Type {
    let kind = match b.kind {
        TypeKind::Union(mut ts) => {
            ts.insert(0, a);
            TypeKind::Union(ts)
        }
        other => TypeKind::Union(vec![
            a,
            Type {
                kind: other,
                span: b.span,
            },
        ]),
    };
    Type { kind, span }
}

/// If `t`'s leftmost operand is `Var * R` (what yecc reads as the unit part `_:_*N`,
/// since it shifts `*` after `_:_`), return the variable and `t` with that operand
/// replaced by `R`.
fn split_unit(t: Type) -> Result<(Name, Span, Type), Type> {
    let span = t.span;
    match t.kind {
        TypeKind::BinOp(BinOp::Mul, a, b) if matches!(a.kind, TypeKind::Var(_)) => match a.kind {
            TypeKind::Var(v) => Ok((v, a.span, *b)),
            other => Err(Type {
                kind: TypeKind::BinOp(
                    BinOp::Mul,
                    Box::new(Type {
                        kind: other,
                        span: a.span,
                    }),
                    b,
                ),
                span,
            }),
        },
        TypeKind::BinOp(op, a, b) => match split_unit(*a) {
            Ok((v, vs, a2)) => Ok((
                v,
                vs,
                Type {
                    kind: TypeKind::BinOp(op, Box::new(a2), b),
                    span,
                },
            )),
            Err(a) => Err(Type {
                kind: TypeKind::BinOp(op, Box::new(a), b),
                span,
            }),
        },
        TypeKind::Range(a, b) => match split_unit(*a) {
            Ok((v, vs, a2)) => Ok((
                v,
                vs,
                Type {
                    kind: TypeKind::Range(Box::new(a2), b),
                    span,
                },
            )),
            Err(a) => Err(Type {
                kind: TypeKind::Range(Box::new(a), b),
                span,
            }),
        },
        kind => Err(Type { kind, span }),
    }
}

/// erl_parse's `binary_type` + `build_bin_type/2`.
pub fn build_binary_type(elems: Vec<(Name, Span, Type)>, span: Span) -> Result<Type, UserError> {
    let mut base = None;
    let mut unit = None;
    let n = elems.len();
    for (i, (v, vspan, t)) in elems.into_iter().enumerate() {
        if &*v != "_" {
            return Err(err(vspan, "Bad binary type"));
        }
        match split_unit(t) {
            Ok((v2, v2span, u)) => {
                if &*v2 != "_" {
                    return Err(err(v2span, "Bad binary type"));
                }
                if n == 2 && i == 0 {
                    // yecc stops at the `,` after a unit part.
                    return Err(UserError::syntax_after(u.span));
                }
                unit = Some(Box::new(u));
            }
            Err(t) => {
                if i == 1 {
                    // yecc wants `_:_*N` here and stops at the type's first token.
                    return Err(UserError::syntax_before(t.span));
                }
                base = Some(Box::new(t));
            }
        }
    }
    Ok(Type {
        kind: TypeKind::Binary(base, unit),
        span,
    })
}

pub fn bit_type_unit(a: Name, i: (IntLit, Span), span: Span) -> Result<BinSpecifier, UserError> {
    match i.0.as_i64().and_then(|v| u32::try_from(v).ok()) {
        Some(v) => Ok(BinSpecifier {
            name: a,
            value: Some(v),
            span,
        }),
        None => Err(err(i.1, "bad bit type")),
    }
}

pub fn fun_local(a: (Name, Span), i: (IntLit, Span), span: Span) -> Result<Expr, UserError> {
    match i.0.as_i64().and_then(|v| u32::try_from(v).ok()) {
        Some(arity) => Ok(Expr::new(
            ExprKind::Fun(Box::new(Fun::Local(FunRef {
                name: a.0,
                arity,
                span,
            }))),
            span,
        )),
        None => Err(err(i.1, "bad function arity")),
    }
}

/// erl_parse's `build_function/1`; clause names are kept (sema reports head mismatch).
pub fn build_function(clauses: Vec<Clause>, span: Span) -> Function {
    let name = clauses
        .first()
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| Name::from(""));
    let arity = clauses.first().map_or(0, |c| c.patterns.len() as u32);
    Function {
        name,
        arity,
        clauses,
        span,
    }
}

/// erl_parse's `build_fun/2`: named if the first clause carries a name.
pub fn build_fun(clauses: Vec<Clause>, span: Span) -> Expr {
    let fun = match clauses.first().and_then(|c| c.name.clone()) {
        Some(name) => Fun::Named(name, clauses),
        None => Fun::Anonymous(clauses),
    };
    Expr::new(ExprKind::Fun(Box::new(fun)), span)
}

/// A `catch` clause: `[Class:]Reason[:Stacktrace]` as three patterns (class `throw` and
/// stacktrace `_` when not written).
pub fn catch_clause(
    class: Option<Expr>,
    reason: Expr,
    stack: Option<Expr>,
    guards: Vec<Vec<Expr>>,
    body: Vec<Expr>,
    span: Span,
) -> Clause {
    let rspan = reason.span;
    let class = class
        .unwrap_or_else(|| Expr::atom("throw", Span::new(rspan.file, rspan.start, rspan.start)));
    let stack = stack.unwrap_or_else(|| {
        Expr::new(
            ExprKind::Var(Name::from("_")),
            Span::new(rspan.file, rspan.end, rspan.end),
        )
    });
    Clause {
        name: None,
        patterns: vec![class, reason, stack],
        guards,
        body,
        span,
    }
}
