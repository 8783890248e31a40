//! Syntactic variable analyses on the AST that lowering needs: which variables an expression
//! binds for the code after it (Erlang's "exported" variables), and which variables a
//! subtree mentions (to compute the free variables of funs and comprehensions).
//!
//! Must not: report diagnostics (sema does that) or assume the AST is well-formed: on
//! anything odd it answers conservatively.

use ferl_syntax::ast::{self, BinOp, ExprKind, Fun, Qualifier};
use std::collections::BTreeSet;

pub type Name = ferl_syntax::token::Name;

/// Variables bound by a pattern (excluding `_` and names starting with `_` are included:
/// `_X` binds).
pub fn pattern_vars(p: &ast::Expr, out: &mut BTreeSet<Name>) {
    match &p.kind {
        ExprKind::Var(v) if &**v != "_" => {
            out.insert(v.clone());
        }
        ExprKind::Cons(h, t) => {
            pattern_vars(h, out);
            pattern_vars(t, out);
        }
        ExprKind::Tuple(es) => es.iter().for_each(|e| pattern_vars(e, out)),
        ExprKind::Map(_, fields) => fields.iter().for_each(|f| pattern_vars(&f.value, out)),
        ExprKind::Binary(elems) => elems.iter().for_each(|e| pattern_vars(&e.value, out)),
        ExprKind::Match(a, b) => {
            pattern_vars(a, out);
            pattern_vars(b, out);
        }
        ExprKind::BinOp(BinOp::Append, a, b) => {
            pattern_vars(a, out);
            pattern_vars(b, out);
        }
        _ => {}
    }
}

/// Variables an expression binds that are visible (safe) after it, given that nothing in
/// `bound` is rebound. Mirrors erl_lint: case/if/receive export variables bound in every
/// clause; try/catch/funs/comprehensions export nothing; `andalso`/`orelse` export what
/// their left side binds.
pub fn binds(e: &ast::Expr) -> BTreeSet<Name> {
    let mut out = BTreeSet::new();
    binds_into(e, &mut out);
    out
}

fn binds_seq(es: &[ast::Expr], out: &mut BTreeSet<Name>) {
    for e in es {
        binds_into(e, out);
    }
}

fn clause_binds(c: &ast::Clause, with_patterns: bool) -> BTreeSet<Name> {
    let mut s = BTreeSet::new();
    if with_patterns {
        for p in &c.patterns {
            pattern_vars(p, &mut s);
        }
    }
    binds_seq(&c.body, &mut s);
    s
}

fn intersect(sets: Vec<BTreeSet<Name>>) -> BTreeSet<Name> {
    let mut it = sets.into_iter();
    let Some(first) = it.next() else {
        return BTreeSet::new();
    };
    it.fold(first, |acc, s| acc.intersection(&s).cloned().collect())
}

fn binds_into(e: &ast::Expr, out: &mut BTreeSet<Name>) {
    match &e.kind {
        ExprKind::Match(p, v) => {
            pattern_vars(p, out);
            binds_into(v, out);
        }
        ExprKind::Cons(a, b) | ExprKind::Remote(a, b) => {
            binds_into(a, out);
            binds_into(b, out);
        }
        ExprKind::BinOp(op, a, b) => {
            binds_into(a, out);
            if !matches!(op, BinOp::Andalso | BinOp::Orelse) {
                binds_into(b, out);
            }
        }
        ExprKind::UnOp(_, a) => binds_into(a, out),
        ExprKind::Tuple(es) | ExprKind::Block(es) => binds_seq(es, out),
        ExprKind::Map(base, fields) => {
            if let Some(b) = base {
                binds_into(b, out);
            }
            for f in fields {
                binds_into(&f.key, out);
                binds_into(&f.value, out);
            }
        }
        ExprKind::Binary(elems) => {
            for el in elems {
                binds_into(&el.value, out);
                if let Some(s) = &el.size {
                    binds_into(s, out);
                }
            }
        }
        ExprKind::Call(f, args) => {
            binds_into(f, out);
            binds_seq(args, out);
        }
        ExprKind::Case(scrut, clauses) => {
            binds_into(scrut, out);
            out.extend(intersect(
                clauses.iter().map(|c| clause_binds(c, true)).collect(),
            ));
        }
        ExprKind::If(clauses) => {
            out.extend(intersect(
                clauses.iter().map(|c| clause_binds(c, false)).collect(),
            ));
        }
        ExprKind::Receive { clauses, after } => {
            let mut sets: Vec<_> = clauses.iter().map(|c| clause_binds(c, true)).collect();
            if let Some(a) = after {
                let mut s = BTreeSet::new();
                binds_into(&a.timeout, &mut s);
                binds_seq(&a.body, &mut s);
                sets.push(s);
            }
            out.extend(intersect(sets));
        }
        ExprKind::Record { base, fields, .. } => {
            if let Some(b) = base {
                binds_into(b, out);
            }
            for f in fields {
                binds_into(&f.value, out);
            }
        }
        ExprKind::RecordAccess { expr, .. } => binds_into(expr, out),
        _ => {}
    }
}

/// Every variable name mentioned anywhere in an expression (patterns, guards, nested funs
/// and comprehensions included). Intersected with the names in scope, this over-approximates
/// the free variables of a fun or comprehension, which is all lowering needs.
pub fn mentioned(e: &ast::Expr, out: &mut BTreeSet<Name>) {
    match &e.kind {
        ExprKind::Var(v) => {
            out.insert(v.clone());
        }
        ExprKind::Cons(a, b)
        | ExprKind::Match(a, b)
        | ExprKind::BinOp(_, a, b)
        | ExprKind::Remote(a, b) => {
            mentioned(a, out);
            mentioned(b, out);
        }
        ExprKind::UnOp(_, a) | ExprKind::Catch(a) => mentioned(a, out),
        ExprKind::Tuple(es) | ExprKind::Block(es) => es.iter().for_each(|x| mentioned(x, out)),
        ExprKind::Map(base, fields) => {
            if let Some(b) = base {
                mentioned(b, out);
            }
            for f in fields {
                mentioned(&f.key, out);
                mentioned(&f.value, out);
            }
        }
        ExprKind::Record { base, fields, .. } => {
            if let Some(b) = base {
                mentioned(b, out);
            }
            fields.iter().for_each(|f| mentioned(&f.value, out));
        }
        ExprKind::RecordAccess { expr, .. } => mentioned(expr, out),
        ExprKind::Binary(elems) => {
            for el in elems {
                mentioned(&el.value, out);
                if let Some(s) = &el.size {
                    mentioned(s, out);
                }
            }
        }
        ExprKind::Call(f, args) => {
            mentioned(f, out);
            args.iter().for_each(|x| mentioned(x, out));
        }
        ExprKind::If(cs) => cs.iter().for_each(|c| mentioned_clause(c, out)),
        ExprKind::Case(s, cs) => {
            mentioned(s, out);
            cs.iter().for_each(|c| mentioned_clause(c, out));
        }
        ExprKind::Receive { clauses, after } => {
            clauses.iter().for_each(|c| mentioned_clause(c, out));
            if let Some(a) = after {
                mentioned(&a.timeout, out);
                a.body.iter().for_each(|x| mentioned(x, out));
            }
        }
        ExprKind::Try(t) => {
            t.body.iter().for_each(|x| mentioned(x, out));
            t.of_clauses.iter().for_each(|c| mentioned_clause(c, out));
            t.catch_clauses
                .iter()
                .for_each(|c| mentioned_clause(c, out));
            t.after.iter().for_each(|x| mentioned(x, out));
        }
        ExprKind::Fun(f) => match &**f {
            Fun::Local(_) => {}
            Fun::Remote {
                module,
                function,
                arity,
            } => {
                mentioned(module, out);
                mentioned(function, out);
                mentioned(arity, out);
            }
            Fun::Anonymous(cs) | Fun::Named(_, cs) => {
                cs.iter().for_each(|c| mentioned_clause(c, out))
            }
        },
        ExprKind::ListComp(e, qs) | ExprKind::BinaryComp(e, qs) => {
            mentioned(e, out);
            qs.iter().for_each(|q| mentioned_qual(q, out));
        }
        ExprKind::MapComp(k, v, qs) => {
            mentioned(k, out);
            mentioned(v, out);
            qs.iter().for_each(|q| mentioned_qual(q, out));
        }
        _ => {}
    }
}

pub fn mentioned_clause(c: &ast::Clause, out: &mut BTreeSet<Name>) {
    c.patterns.iter().for_each(|x| mentioned(x, out));
    c.guards.iter().flatten().for_each(|x| mentioned(x, out));
    c.body.iter().for_each(|x| mentioned(x, out));
}

pub fn mentioned_qual(q: &Qualifier, out: &mut BTreeSet<Name>) {
    match q {
        Qualifier::Generator(p, e) | Qualifier::BinGenerator(p, e) => {
            mentioned(p, out);
            mentioned(e, out);
        }
        Qualifier::MapGenerator(k, v, e) => {
            mentioned(k, out);
            mentioned(v, out);
            mentioned(e, out);
        }
        Qualifier::Filter(e) => mentioned(e, out),
    }
}
