//! The EUnit front-end hook: what real EUnit's parse transform does, done on the AST.
//!
//! Owns: one transformation, applied to a module that includes ferl's
//! `eunit/include/eunit.hrl` (the header declares the attribute `-ferl_eunit(true).`
//! unless `NOTEST` is defined): every `*_test/0` and `*_test_/0` function is exported,
//! `test/0` (`eunit:test(?MODULE)`) is added and exported unless the module defines it,
//! and `ferl_eunit_tests/0` is added and exported: it returns the module's tests in
//! source order as `[{Name, test | generator}]`, which `stdlib/eunit.erl` runs (ferl has
//! no `module_info(exports)` to discover them). Runs after parsing, before the checks.
//! Must not: touch modules without the marker attribute.

use ferl_syntax::ast::{Clause, Expr, ExprKind, Form, FormKind, FunRef, Function, Module};
use std::sync::Arc;

fn atom(s: &str, span: ferl_diagnostics::Span) -> Expr {
    Expr {
        kind: ExprKind::Atom(Arc::from(s)),
        span,
    }
}

fn function(name: &str, body: Expr, span: ferl_diagnostics::Span) -> Form {
    let clause = Clause {
        name: Some(Arc::from(name)),
        patterns: vec![],
        guards: vec![],
        body: vec![body],
        span,
    };
    Form {
        kind: FormKind::Function(Function {
            name: Arc::from(name),
            arity: 0,
            clauses: vec![clause],
            span,
        }),
        span,
    }
}

/// Apply the EUnit transformation if `m` includes ferl's eunit.hrl.
pub fn transform(m: &mut Module) {
    let marked = m
        .forms
        .iter()
        .any(|f| matches!(&f.kind, FormKind::Attribute(n, _) if &**n == "ferl_eunit"));
    if !marked {
        return;
    }
    let Some((mi, modname, span)) = m.forms.iter().enumerate().find_map(|(i, f)| match &f.kind {
        FormKind::Module(n) => Some((i, n.clone(), f.span)),
        _ => None,
    }) else {
        return;
    };
    let defined: Vec<(String, u32)> = m
        .forms
        .iter()
        .filter_map(|f| match &f.kind {
            FormKind::Function(func) => Some((func.name.to_string(), func.arity)),
            _ => None,
        })
        .collect();
    let exported: Vec<(String, u32)> = m
        .forms
        .iter()
        .filter_map(|f| match &f.kind {
            FormKind::Export(refs) => Some(
                refs.iter()
                    .map(|r| (r.name.to_string(), r.arity))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    let tests: Vec<(String, &str)> = defined
        .iter()
        .filter(|(_, a)| *a == 0)
        .filter_map(|(n, _)| {
            if n.ends_with("_test_") {
                Some((n.clone(), "generator"))
            } else if n.ends_with("_test") {
                Some((n.clone(), "test"))
            } else {
                None
            }
        })
        .collect();
    let mut new_exports: Vec<String> = tests.iter().map(|(n, _)| n.clone()).collect();
    let has_test0 = defined.iter().any(|(n, a)| n == "test" && *a == 0);
    if !has_test0 {
        new_exports.push("test".into());
        // test() -> eunit:test(Mod).
        let call = Expr {
            kind: ExprKind::Call(
                Box::new(Expr {
                    kind: ExprKind::Remote(
                        Box::new(atom("eunit", span)),
                        Box::new(atom("test", span)),
                    ),
                    span,
                }),
                vec![atom(&modname, span)],
            ),
            span,
        };
        m.forms.push(function("test", call, span));
    }
    if !defined
        .iter()
        .any(|(n, a)| n == "ferl_eunit_tests" && *a == 0)
    {
        new_exports.push("ferl_eunit_tests".into());
        let mut list = Expr {
            kind: ExprKind::Nil,
            span,
        };
        for (n, k) in tests.iter().rev() {
            let t = Expr {
                kind: ExprKind::Tuple(vec![atom(n, span), atom(k, span)]),
                span,
            };
            list = Expr {
                kind: ExprKind::Cons(Box::new(t), Box::new(list)),
                span,
            };
        }
        m.forms.push(function("ferl_eunit_tests", list, span));
    }
    let refs: Vec<FunRef> = new_exports
        .into_iter()
        .filter(|n| !exported.iter().any(|(e, a)| e == n && *a == 0))
        .map(|n| FunRef {
            name: Arc::from(n.as_str()),
            arity: 0,
            span,
        })
        .collect();
    if !refs.is_empty() {
        m.forms.insert(
            mi + 1,
            Form {
                kind: FormKind::Export(refs),
                span,
            },
        );
    }
}
