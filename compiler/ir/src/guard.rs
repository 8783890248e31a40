//! Guard compilation: guard sequences (`;` alternatives of `,` conjunctions) into IR tests
//! that cannot raise. A guard BIF that would raise becomes a [`Test::Guard`] whose failure
//! branch is "this guard fails"; comparisons and type tests are direct [`Test`]s;
//! `andalso`/`orelse`/`not`/`and` in test position become branches. Also decides whether
//! a comprehension filter is a guard test ([`Lowerer::is_guard_expr`]).
//!
//! Must not: produce calls or anything that can raise or suspend; accept non-guard
//! expressions silently (they are reported as internal errors: sema rejects them first).

use crate::bifs;
use crate::ir::*;
use crate::lower::{internal, Block, Env, Lowerer, Stmt};
use ferl_syntax::ast::{self, BinOp, ExprKind, UnOp};
use num_traits::ToPrimitive;

fn cmp_op(op: BinOp) -> Option<CmpOp> {
    Some(match op {
        BinOp::Eq => CmpOp::Eq,
        BinOp::Neq => CmpOp::Ne,
        BinOp::ExactEq => CmpOp::ExactEq,
        BinOp::ExactNeq => CmpOp::ExactNe,
        BinOp::Lt => CmpOp::Lt,
        BinOp::Le => CmpOp::Le,
        BinOp::Gt => CmpOp::Gt,
        BinOp::Ge => CmpOp::Ge,
        _ => return None,
    })
}

/// The BIF name of a call in a guard: `f(...)` or `erlang:f(...)`.
fn guard_call_name(f: &ast::Expr) -> Option<&ferl_syntax::token::Name> {
    match &f.kind {
        ExprKind::Atom(n) => Some(n),
        ExprKind::Remote(m, n) => match (&m.kind, &n.kind) {
            (ExprKind::Atom(m), ExprKind::Atom(n)) if &**m == "erlang" => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// Is the value of `e` always a boolean (so `not` can be a branch swap)?
fn always_boolean(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Atom(a) => matches!(&**a, "true" | "false"),
        ExprKind::BinOp(op, a, b) => match op {
            _ if cmp_op(*op).is_some() => true,
            BinOp::Andalso | BinOp::Orelse | BinOp::And | BinOp::Or | BinOp::Xor => {
                always_boolean(a) && always_boolean(b)
            }
            _ => false,
        },
        ExprKind::UnOp(UnOp::Not, x) => always_boolean(x),
        ExprKind::Call(f, args) => guard_call_name(f).is_some_and(|n| {
            bifs::type_test(n, args.len() as u32).is_some()
                || (&**n == "is_function" && args.len() == 2)
        }),
        _ => false,
    }
}

impl<'a> Lowerer<'a> {
    /// `ok` if the guard sequence holds, else `fail` (small). An empty sequence holds.
    pub(crate) fn guard_seq(
        &mut self,
        guards: &[Vec<ast::Expr>],
        env: &Env,
        ok: Expr,
        fail: Expr,
    ) -> Expr {
        if guards.is_empty() {
            return ok;
        }
        let (ok_w, ok_j) = if guards.len() > 1 {
            self.share(ok)
        } else {
            (crate::matching::Shared(None), ok)
        };
        let mut acc = fail;
        for g in guards.iter().rev() {
            let (w, f) = self.share(acc);
            let t = self.guard_conj(g, env, ok_j.clone(), f);
            acc = w.wrap(t);
        }
        ok_w.wrap(acc)
    }

    fn guard_conj(&mut self, tests: &[ast::Expr], env: &Env, ok: Expr, fail: Expr) -> Expr {
        let mut acc = ok;
        for t in tests.iter().rev() {
            acc = self.guard_test(t, env, acc, fail.clone(), &fail);
        }
        acc
    }

    /// `t` if guard test `e` is true, `f` (small) if it is false, `exc` (small) if it raises:
    /// an exception anywhere in a guard fails the whole guard (the current `;`
    /// alternative), even under `orelse` or `not`.
    fn guard_test(&mut self, e: &ast::Expr, env: &Env, t: Expr, f: Expr, exc: &Expr) -> Expr {
        if let Some(l) = crate::literal::constant(e) {
            return if l == Literal::atom("true") { t } else { f };
        }
        match &e.kind {
            ExprKind::BinOp(BinOp::Andalso | BinOp::And, a, b) => {
                let inner = self.guard_test(b, env, t, f.clone(), exc);
                self.guard_test(a, env, inner, f, exc)
            }
            ExprKind::BinOp(BinOp::Orelse, a, b) => {
                let (w1, tj) = self.share(t);
                let inner = self.guard_test(b, env, tj.clone(), f, exc);
                let (w2, ij) = self.share(inner);
                let outer = self.guard_test(a, env, tj, ij, exc);
                w1.wrap(w2.wrap(outer))
            }
            ExprKind::UnOp(UnOp::Not, x) if always_boolean(x) => {
                let (w, tj) = self.share(t);
                let inner = self.guard_test(x, env, f, tj, exc);
                w.wrap(inner)
            }
            ExprKind::BinOp(op, a, b) if cmp_op(*op).is_some() => {
                let mut blk = Block::new();
                let av = self.guard_value(&mut blk, a, env, exc);
                let bv = self.guard_value(&mut blk, b, env, exc);
                let op = cmp_op(*op).unwrap_or(CmpOp::ExactEq);
                blk.finish(Expr::If {
                    test: Test::Cmp(op, av, bv),
                    then: Box::new(t),
                    else_: Box::new(f),
                })
            }
            ExprKind::Call(fun, args) if guard_call_name(fun).is_some() => {
                let name = guard_call_name(fun).cloned().unwrap_or_else(|| "".into());
                let arity = args.len() as u32;
                let mut blk = Block::new();
                if let Some(tt) = bifs::type_test(&name, arity) {
                    let v = self.guard_value(&mut blk, &args[0], env, exc);
                    return blk.finish(Expr::If {
                        test: Test::Type(tt, v),
                        then: Box::new(t),
                        else_: Box::new(f),
                    });
                }
                if &*name == "is_function" && arity == 2 {
                    let v = self.guard_value(&mut blk, &args[0], env, exc);
                    let a = self.guard_value(&mut blk, &args[1], env, exc);
                    return blk.finish(Expr::If {
                        test: Test::FunctionArity(v, a),
                        then: Box::new(t),
                        else_: Box::new(f),
                    });
                }
                if &*name == "is_record" && arity == 3 {
                    if let (Some(Literal::Atom(tag)), Some(Literal::Int(n))) = (
                        crate::literal::constant(&args[1]),
                        crate::literal::constant(&args[2]),
                    ) {
                        if let Some(n) = n.to_u32().filter(|n| *n >= 1) {
                            let v = self.guard_value(&mut blk, &args[0], env, exc);
                            let el = self.new_var(None);
                            let inner = Expr::Let {
                                var: el,
                                prim: Prim::GetTupleElement(v.clone(), 0),
                                loc: Loc::default(),
                                body: Box::new(Expr::If {
                                    test: Test::Cmp(
                                        CmpOp::ExactEq,
                                        Operand::Var(el),
                                        Operand::Lit(Literal::Atom(tag)),
                                    ),
                                    then: Box::new(t),
                                    else_: Box::new(f.clone()),
                                }),
                            };
                            return blk.finish(Expr::If {
                                test: Test::TupleArity(v, n),
                                then: Box::new(inner),
                                else_: Box::new(f),
                            });
                        }
                    }
                }
                let v = self.guard_value(&mut blk, e, env, exc);
                blk.finish(Expr::If {
                    test: Test::Cmp(CmpOp::ExactEq, v, Operand::atom("true")),
                    then: Box::new(t),
                    else_: Box::new(f),
                })
            }
            _ => {
                let mut blk = Block::new();
                let v = self.guard_value(&mut blk, e, env, exc);
                blk.finish(Expr::If {
                    test: Test::Cmp(CmpOp::ExactEq, v, Operand::atom("true")),
                    then: Box::new(t),
                    else_: Box::new(f),
                })
            }
        }
    }

    fn guard_prim(&mut self, b: &mut Block, prim: Prim, fail: &Expr) -> Operand {
        let out = self.new_var(None);
        b.stmts.push(Stmt::Test {
            test: Test::Guard { prim, out },
            fail: fail.clone(),
        });
        Operand::Var(out)
    }

    /// The value of guard expression `e`; any exception jumps to `fail` (small).
    pub(crate) fn guard_value(
        &mut self,
        b: &mut Block,
        e: &ast::Expr,
        env: &Env,
        fail: &Expr,
    ) -> Operand {
        if let Some(l) = crate::literal::constant(e) {
            return Operand::Lit(l);
        }
        let loc = self.loc(e.span);
        match &e.kind {
            ExprKind::Var(n) => match env.get(n) {
                Some(o) => o.clone(),
                None => self.lookup(env, n, e.span),
            },
            ExprKind::Cons(h, t) => {
                let h = self.guard_value(b, h, env, fail);
                let t = self.guard_value(b, t, env, fail);
                self.let_prim(b, Prim::Cons(h, t), loc)
            }
            ExprKind::Tuple(es) => {
                let ops = es
                    .iter()
                    .map(|x| self.guard_value(b, x, env, fail))
                    .collect();
                self.let_prim(b, Prim::Tuple(ops), loc)
            }
            ExprKind::Map(base, fields) => {
                let mut kvs = Vec::new();
                for f in fields {
                    let k = self.guard_value(b, &f.key, env, fail);
                    let v = self.guard_value(b, &f.value, env, fail);
                    let kind = if f.op == ast::MapOp::Assoc {
                        MapOpKind::Assoc
                    } else {
                        MapOpKind::Exact
                    };
                    kvs.push((kind, k, v));
                }
                match base {
                    None => self.let_prim(
                        b,
                        Prim::MapNew(kvs.into_iter().map(|(_, k, v)| (k, v)).collect()),
                        loc,
                    ),
                    Some(m) => {
                        let m = self.guard_value(b, m, env, fail);
                        self.guard_prim(b, Prim::MapUpdate { map: m, ops: kvs }, fail)
                    }
                }
            }
            ExprKind::Binary(elems) => {
                let mut segs = Vec::new();
                for el in elems {
                    let Ok(spec) = crate::bits::spec_of(el) else {
                        self.diags.push(internal(el.span, "bad bit type specifier"));
                        continue;
                    };
                    for el in crate::bits::expand_string(el) {
                        let value = self.guard_value(b, &el.value, env, fail);
                        let size = match &el.size {
                            Some(s) => Some(self.guard_value(b, s, env, fail)),
                            None => crate::constructs::default_size(spec.ty),
                        };
                        segs.push(BinSeg { value, size, spec });
                    }
                }
                self.guard_prim(b, Prim::BinBuild(segs), fail)
            }
            ExprKind::BinOp(op @ (BinOp::Andalso | BinOp::Orelse), l, r) => {
                let lv = self.guard_value(b, l, env, fail);
                let lv = self.ensure_var(b, lv);
                let j = self.new_join();
                let res = self.new_var(None);
                let mut rb = Block::new();
                let rv = self.guard_value(&mut rb, r, env, fail);
                let right = rb.finish(Expr::Jump(j, vec![rv]));
                let (go_on, short) = if *op == BinOp::Andalso {
                    (true, false)
                } else {
                    (false, true)
                };
                let tree = Expr::Switch {
                    on: lv,
                    cases: vec![
                        (Con::Lit(Literal::bool(go_on)), right),
                        (
                            Con::Lit(Literal::bool(short)),
                            Expr::Jump(j, vec![Operand::Lit(Literal::bool(short))]),
                        ),
                    ],
                    default: Box::new(fail.clone()),
                };
                b.stmts.push(Stmt::Join {
                    join: j,
                    params: vec![res],
                    tree,
                });
                Operand::Var(res)
            }
            ExprKind::BinOp(op, l, r) if *op != BinOp::Send => {
                let lv = self.guard_value(b, l, env, fail);
                let rv = self.guard_value(b, r, env, fail);
                let prim = Self::bif("erlang", op.as_str(), vec![lv, rv]);
                if cmp_op(*op).is_some() {
                    self.let_prim(b, prim, loc)
                } else {
                    self.guard_prim(b, prim, fail)
                }
            }
            ExprKind::UnOp(op, x) => {
                let xv = self.guard_value(b, x, env, fail);
                self.guard_prim(b, Self::bif("erlang", op.as_str(), vec![xv]), fail)
            }
            ExprKind::Call(f, args)
                if guard_call_name(f).is_some_and(|n| bifs::is_guard_bif(n, args.len() as u32)) =>
            {
                let name = guard_call_name(f).cloned().unwrap_or_else(|| "".into());
                let argv: Vec<Operand> = args
                    .iter()
                    .map(|a| self.guard_value(b, a, env, fail))
                    .collect();
                let prim = Prim::Bif {
                    module: "erlang".into(),
                    name: name.clone(),
                    args: argv,
                };
                if bifs::type_test(&name, args.len() as u32).is_some() {
                    self.let_prim(b, prim, loc)
                } else {
                    self.guard_prim(b, prim, fail)
                }
            }
            ExprKind::Block(es) if es.len() == 1 => self.guard_value(b, &es[0], env, fail),
            _ => {
                self.diags
                    .push(internal(e.span, "illegal guard expression"));
                Operand::atom("undefined")
            }
        }
    }

    /// Can `e` be evaluated as a guard (so a comprehension filter gets guard semantics:
    /// an exception means "false")? Mirrors `erl_lint:is_guard_test/1`.
    pub(crate) fn is_guard_expr(&self, e: &ast::Expr, env: &Env) -> bool {
        let _ = env; // kept for symmetry with guard lowering (scope-dependent checks)
        match &e.kind {
            ExprKind::Var(_)
            | ExprKind::Atom(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Char(_)
            | ExprKind::String(_)
            | ExprKind::Nil => true,
            ExprKind::Cons(a, b) => self.is_guard_expr(a, env) && self.is_guard_expr(b, env),
            ExprKind::Tuple(es) => es.iter().all(|x| self.is_guard_expr(x, env)),
            ExprKind::Map(base, fields) => {
                base.as_ref().is_none_or(|m| self.is_guard_expr(m, env))
                    && fields.iter().all(|f| {
                        self.is_guard_expr(&f.key, env) && self.is_guard_expr(&f.value, env)
                    })
            }
            ExprKind::Binary(elems) => elems.iter().all(|el| {
                self.is_guard_expr(&el.value, env)
                    && el.size.as_ref().is_none_or(|s| self.is_guard_expr(s, env))
            }),
            ExprKind::BinOp(op, a, b) => {
                !matches!(op, BinOp::Send | BinOp::Append | BinOp::Subtract)
                    && self.is_guard_expr(a, env)
                    && self.is_guard_expr(b, env)
            }
            ExprKind::UnOp(_, x) => self.is_guard_expr(x, env),
            ExprKind::Call(f, args) => {
                let is_local = matches!(&f.kind, ExprKind::Atom(n) if self.local_id(n, args.len() as u32).is_some());
                !is_local
                    && guard_call_name(f).is_some_and(|n| bifs::is_guard_bif(n, args.len() as u32))
                    && args.iter().all(|a| self.is_guard_expr(a, env))
            }
            _ => false,
        }
    }
}
