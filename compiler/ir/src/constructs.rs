//! Lowering of the constructs with their own control structure: funs (lambda lifting with
//! explicit free variables), comprehensions (helper functions), `receive` (peek / next /
//! remove / wait primitives in a loop), `try` (catch-frame regions; `after` duplicated on
//! the normal and exceptional paths), `catch Expr`, and binary construction.
//!
//! Must not: compile patterns itself (it builds clause heads for [`crate::matching`]).

use crate::analysis::{self, Name};
use crate::bifs;
use crate::ir::*;
use crate::lower::{internal, Block, CompKind, Cont, Env, Lowerer, Stmt};
use crate::matching::Head;
use ferl_diagnostics::Span;
use ferl_syntax::ast::{self, ExprKind, Fun, Qualifier};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

/// Where a comprehension level goes when its input is exhausted: call the enclosing
/// level's helper on its remaining input (and the extra values it needs).
#[derive(Clone)]
struct Next {
    fun_id: FunId,
    name: Atom,
    arity: u32,
    /// The enclosing helper's remaining input (its first argument).
    rest: Operand,
    /// Its extra arguments after the accumulator (hidden continuation values + free vars).
    extra: Vec<Operand>,
}

impl<'a> Lowerer<'a> {
    // -----------------------------------------------------------------------------------
    // Funs.

    pub(crate) fn lower_fun_expr(
        &mut self,
        b: &mut Block,
        f: &Fun,
        env: &mut Env,
        span: Span,
    ) -> Operand {
        let loc = self.loc(span);
        match f {
            Fun::Local(r) => {
                // A lambda wrapping the local function (as Core Erlang does).
                let target = self.local_id(&r.name, r.arity);
                let name = r.name.clone();
                let arity = r.arity;
                // Not defined here: an imported function, an auto-imported BIF (`fun
                // length/1` is `erlang:length/1`), else undefined (`undef` at run time).
                let module = if let Some(m) = self.imports.get(&(name.clone(), arity)).cloned() {
                    Literal::Atom(m)
                } else if bifs::is_auto_imported(&name, arity)
                    && !self.no_auto_import.contains(&(name.clone(), arity))
                {
                    Literal::atom("erlang")
                } else {
                    Literal::Atom(self.module.clone())
                };
                self.make_lambda(
                    b,
                    env,
                    &BTreeSet::new(),
                    None,
                    arity,
                    span,
                    move |_s, params, _env| {
                        let args = params.iter().map(|v| Operand::Var(*v)).collect();
                        let callee = match target {
                            Some(fun_id) => Callee::Local {
                                fun_id,
                                name: name.clone(),
                                arity,
                            },
                            None => Callee::Remote {
                                module: Operand::Lit(module.clone()),
                                function: Operand::Lit(Literal::Atom(name.clone())),
                            },
                        };
                        Expr::TailCall(Call { callee, args, loc })
                    },
                )
            }
            Fun::Remote {
                module,
                function,
                arity,
            } => {
                let m = self.value(b, module, env);
                let f = self.value(b, function, env);
                let a = self.value(b, arity, env);
                self.let_prim(b, Self::bif("erlang", "make_fun", vec![m, f, a]), loc)
            }
            Fun::Anonymous(clauses) | Fun::Named(_, clauses) => {
                let self_name = if let Fun::Named(n, _) = f {
                    Some(n.clone())
                } else {
                    None
                };
                let arity = clauses
                    .first()
                    .map(|c| c.patterns.len() as u32)
                    .unwrap_or(0);
                let mut mentioned = BTreeSet::new();
                for c in clauses {
                    analysis::mentioned_clause(c, &mut mentioned);
                }
                let cs: Vec<&ast::Clause> = clauses
                    .iter()
                    .filter(|c| c.patterns.len() as u32 == arity)
                    .collect();
                self.make_lambda(
                    b,
                    env,
                    &mentioned,
                    self_name,
                    arity,
                    span,
                    move |s, params, env_inner| {
                        let fail = Expr::Fail {
                            reason: FailReason::FunctionClause(
                                params.iter().map(|v| Operand::Var(*v)).collect(),
                            ),
                            loc,
                        };
                        s.lower_clauses(
                            params.to_vec(),
                            &cs,
                            env_inner,
                            true,
                            fail,
                            &Cont::Return,
                            None,
                        )
                    },
                )
            }
        }
    }

    pub(crate) fn local_id(&self, name: &Name, arity: u32) -> Option<FunId> {
        self.locals_get(name, arity)
    }

    /// Create a lambda function whose body is built by `build(params, env)` in a fresh
    /// function context, capturing the variables of `env` that `mentioned` names; bind the
    /// closure in `b`.
    #[allow(clippy::too_many_arguments)]
    fn make_lambda(
        &mut self,
        b: &mut Block,
        env: &mut Env,
        mentioned: &BTreeSet<Name>,
        self_name: Option<Name>,
        arity: u32,
        span: Span,
        build: impl FnOnce(&mut Self, &[Var], &Env) -> Expr,
    ) -> Operand {
        let loc = self.loc(span);
        // A named fun inside a named fun may refer to the outer one: materialize it.
        let mut env_c = env.clone();
        if let Some((sn, fid, free)) = self.fb.self_fun.clone() {
            if mentioned.contains(&sn)
                && !env_c.contains_key(&sn)
                && self_name.as_ref() != Some(&sn)
            {
                let free = free.into_iter().map(Operand::Var).collect();
                let v = self.let_prim(b, Prim::MakeFun { fun_id: fid, free }, loc);
                env_c.insert(sn, v);
            }
        }
        let captured: Vec<(Name, Operand)> = env_c
            .iter()
            .filter(|(n, o)| {
                mentioned.contains(*n)
                    && Some(*n) != self_name.as_ref()
                    && matches!(o, Operand::Var(_))
            })
            .map(|(n, o)| (n.clone(), o.clone()))
            .collect();
        let fun_id = FunId(self.functions.len() as u32);
        self.functions.push(None);
        let index = self.next_lambda_index();
        let name: Atom = Arc::from(self.lambda_name());
        self.lambda_names.insert(fun_id, name.clone());
        // Constants in scope are re-bound inside instead of captured.
        let consts: Vec<(Name, Operand)> = env_c
            .iter()
            .filter(|(n, o)| mentioned.contains(*n) && matches!(o, Operand::Lit(_)))
            .map(|(n, o)| (n.clone(), o.clone()))
            .collect();

        let saved = std::mem::take(&mut self.fb);
        let mut params: Vec<Var> = (0..arity).map(|_| self.new_var(None)).collect();
        let mut env_inner = Env::new();
        let mut free_params = Vec::new();
        for (n, _) in &captured {
            let v = self.new_var(Some(n));
            free_params.push(v);
            env_inner.insert(n.clone(), Operand::Var(v));
        }
        for (n, o) in consts {
            env_inner.insert(n, o);
        }
        if let Some(sn) = &self_name {
            self.fb.self_fun = Some((sn.clone(), fun_id, free_params.clone()));
        }
        let arg_params = params.clone();
        let body = build(self, &arg_params, &env_inner);
        params.extend(free_params.iter().copied());
        let fb = std::mem::replace(&mut self.fb, saved);
        self.functions[fun_id.0 as usize] = Some(Function {
            name,
            arity,
            kind: FunKind::Lambda {
                index,
                num_free: free_params.len() as u32,
            },
            params,
            body,
            var_names: fb.var_names,
            num_joins: fb.num_joins,
            loc,
        });
        let free = captured.into_iter().map(|(_, o)| o).collect();
        self.let_prim(b, Prim::MakeFun { fun_id, free }, loc)
    }

    // -----------------------------------------------------------------------------------
    // Comprehensions.

    /// A comprehension becomes a call to a helper (arity 0 plus its free variables) whose
    /// body runs the qualifiers; each generator is a further recursive helper.
    pub(crate) fn comp_call(
        &mut self,
        kind: CompKind,
        qs: &[Qualifier],
        env: &Env,
        span: Span,
    ) -> Call {
        let loc = self.loc(span);
        let init_acc = match kind {
            CompKind::List(_) => None,
            CompKind::Bin(_) => Some(Operand::Lit(Literal::Bitstring {
                bytes: vec![],
                bits: 0,
            })),
            CompKind::Map(..) => Some(Operand::Lit(Literal::Map(vec![]))),
        };
        let mut mentioned = BTreeSet::new();
        match kind {
            CompKind::List(t) | CompKind::Bin(t) => analysis::mentioned(t, &mut mentioned),
            CompKind::Map(k, v) => {
                analysis::mentioned(k, &mut mentioned);
                analysis::mentioned(v, &mut mentioned);
            }
        }
        for q in qs {
            analysis::mentioned_qual(q, &mut mentioned);
        }
        let fun_id = FunId(self.functions.len() as u32);
        self.functions.push(None);
        let name: Atom = Arc::from(self.lc_name());
        self.lambda_names.insert(fun_id, name.clone());
        let saved = std::mem::take(&mut self.fb);
        let mut env_inner = Env::new();
        let mut params = Vec::new();
        let mut args = Vec::new();
        for (n, o) in env.iter().filter(|(n, _)| mentioned.contains(*n)) {
            match o {
                Operand::Var(_) => {
                    let v = self.new_var(Some(n));
                    params.push(v);
                    args.push(o.clone());
                    env_inner.insert(n.clone(), Operand::Var(v));
                }
                Operand::Lit(_) => {
                    env_inner.insert(n.clone(), o.clone());
                }
            }
        }
        let body = self.comp_level(&kind, qs, &mut env_inner, init_acc, None, span);
        let fb = std::mem::replace(&mut self.fb, saved);
        self.functions[fun_id.0 as usize] = Some(Function {
            name: name.clone(),
            arity: 0,
            kind: FunKind::Helper,
            params,
            body,
            var_names: fb.var_names,
            num_joins: fb.num_joins,
            loc,
        });
        Call {
            callee: Callee::Local {
                fun_id,
                name,
                arity: 0,
            },
            args,
            loc,
        }
    }

    /// Code (in tail position, ending in `Return` or tail calls) for qualifiers `qs` in the
    /// current function: yields elements, and when done continues with `next` (or returns
    /// the final value: `[]` / the accumulator).
    fn comp_level(
        &mut self,
        kind: &CompKind,
        qs: &[Qualifier],
        env: &mut Env,
        acc: Option<Operand>,
        next: Option<Next>,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        let Some((q, rest)) = qs.split_first() else {
            // Produce one element.
            let mut b = Block::new();
            return match kind {
                CompKind::List(t) => {
                    let v = self.value(&mut b, t, env);
                    let tail = self.comp_next(&mut b, next, None, loc);
                    let cell = self.let_prim(&mut b, Prim::Cons(v, tail), loc);
                    b.finish(Expr::Return(cell))
                }
                CompKind::Bin(t) => {
                    let acc = acc.unwrap_or(Operand::Lit(Literal::Nil));
                    let mut segs = vec![BinSeg {
                        value: acc,
                        size: None,
                        spec: SegSpec {
                            ty: BinType::Bitstring,
                            unit: 1,
                            signed: false,
                            endian: Endian::Big,
                        },
                    }];
                    match &t.kind {
                        ExprKind::Binary(elems) => {
                            segs.extend(self.bin_segments(&mut b, elems, env, false))
                        }
                        _ => {
                            let v = self.value(&mut b, t, env);
                            segs.push(BinSeg {
                                value: v,
                                size: None,
                                spec: SegSpec {
                                    ty: BinType::Bitstring,
                                    unit: 1,
                                    signed: false,
                                    endian: Endian::Big,
                                },
                            });
                        }
                    }
                    let acc2 = self.let_prim(&mut b, Prim::BinBuild(segs), loc);
                    self.comp_finish(b, next, Some(acc2), loc)
                }
                CompKind::Map(k, v) => {
                    let acc = acc.unwrap_or(Operand::Lit(Literal::Map(vec![])));
                    let kv = self.value(&mut b, k, env);
                    let vv = self.value(&mut b, v, env);
                    let acc2 = self.let_prim(
                        &mut b,
                        Prim::MapUpdate {
                            map: acc,
                            ops: vec![(MapOpKind::Assoc, kv, vv)],
                        },
                        loc,
                    );
                    self.comp_finish(b, next, Some(acc2), loc)
                }
            };
        };
        match q {
            Qualifier::Filter(f) => {
                let skip = self.comp_finish(Block::new(), next.clone(), acc.clone(), loc);
                if self.is_guard_expr(f, env) {
                    let mut env2 = env.clone();
                    let pass = self.comp_level(kind, rest, &mut env2, acc, next, span);
                    let skip_j = self.new_join();
                    let guard = vec![vec![f.clone()]];
                    let tree = self.guard_seq(&guard, env, pass, Expr::Jump(skip_j, vec![]));
                    Expr::LetJoin {
                        join: skip_j,
                        params: vec![],
                        recursive: false,
                        join_body: Box::new(skip),
                        body: Box::new(tree),
                    }
                } else {
                    // A filter may bind variables (`not member(X = {A, B}, L)`) used later.
                    let mut b = Block::new();
                    let v = self.value(&mut b, f, env);
                    let v = self.ensure_var(&mut b, v);
                    let mut env2 = env.clone();
                    let pass = self.comp_level(kind, rest, &mut env2, acc, next, span);
                    b.finish(Expr::Switch {
                        on: v,
                        cases: vec![
                            (Con::Lit(Literal::bool(true)), pass),
                            (Con::Lit(Literal::bool(false)), skip),
                        ],
                        default: Box::new(Expr::Fail {
                            reason: FailReason::BadFilter(Operand::Var(v)),
                            loc,
                        }),
                    })
                }
            }
            Qualifier::Generator(p, g) | Qualifier::BinGenerator(p, g) => {
                let is_bin = matches!(q, Qualifier::BinGenerator(..));
                let mut b = Block::new();
                let gv = self.value(&mut b, g, env);
                let call = self.comp_helper(kind, p, None, rest, env, acc, next, gv, is_bin, span);
                b.finish(call)
            }
            Qualifier::MapGenerator(kp, vp, g) => {
                // Iterate over maps:to_list(M) with the pattern {K, V}.
                let mut b = Block::new();
                let gv = self.value(&mut b, g, env);
                let gvar = self.ensure_var(&mut b, gv);
                let list = self.new_var(None);
                let call = Call {
                    callee: Callee::Remote {
                        module: Operand::atom("maps"),
                        function: Operand::atom("to_list"),
                    },
                    args: vec![Operand::Var(gvar)],
                    loc,
                };
                let pair = ast::Expr::new(ExprKind::Tuple(vec![kp.clone(), vp.clone()]), kp.span);
                let inner = self.comp_helper(
                    kind,
                    &pair,
                    None,
                    rest,
                    env,
                    acc,
                    next,
                    Operand::Var(list),
                    false,
                    span,
                );
                let ok = Expr::LetCall {
                    var: list,
                    call,
                    body: Box::new(inner),
                };
                b.finish(Expr::If {
                    test: Test::Type(TypeTest::Map, Operand::Var(gvar)),
                    then: Box::new(ok),
                    else_: Box::new(Expr::Fail {
                        reason: FailReason::BadGenerator(Operand::Var(gvar)),
                        loc,
                    }),
                })
            }
        }
    }

    /// Call `next` for the rest of the list (list comprehensions, non-tail) or return `[]`.
    fn comp_next(
        &mut self,
        b: &mut Block,
        next: Option<Next>,
        acc: Option<Operand>,
        loc: Loc,
    ) -> Operand {
        match next {
            None => acc.unwrap_or(Operand::Lit(Literal::Nil)),
            Some(n) => {
                let v = self.new_var(None);
                b.stmts.push(Stmt::Call(v, self.next_call(n, acc, loc)));
                Operand::Var(v)
            }
        }
    }

    fn next_call(&self, n: Next, acc: Option<Operand>, loc: Loc) -> Call {
        let mut args = vec![n.rest];
        args.extend(acc);
        args.extend(n.extra);
        Call {
            callee: Callee::Local {
                fun_id: n.fun_id,
                name: n.name,
                arity: n.arity,
            },
            args,
            loc,
        }
    }

    /// Finish a level: tail-call `next`, or return the final value.
    fn comp_finish(
        &mut self,
        b: Block,
        next: Option<Next>,
        acc: Option<Operand>,
        loc: Loc,
    ) -> Expr {
        match next {
            None => b.finish(Expr::Return(acc.unwrap_or(Operand::Lit(Literal::Nil)))),
            Some(n) => {
                let call = self.next_call(n, acc, loc);
                b.finish(Expr::TailCall(call))
            }
        }
    }

    /// Make the helper function for a generator and return the tail call that starts it.
    #[allow(clippy::too_many_arguments)]
    fn comp_helper(
        &mut self,
        kind: &CompKind,
        pat: &ast::Expr,
        _unused: Option<()>,
        rest: &[Qualifier],
        env: &Env,
        acc: Option<Operand>,
        next: Option<Next>,
        input: Operand,
        is_bin: bool,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        // Free variables of the rest of the comprehension.
        let mut mentioned = BTreeSet::new();
        match kind {
            CompKind::List(t) | CompKind::Bin(t) => analysis::mentioned(t, &mut mentioned),
            CompKind::Map(k, v) => {
                analysis::mentioned(k, &mut mentioned);
                analysis::mentioned(v, &mut mentioned);
            }
        }
        analysis::mentioned(pat, &mut mentioned);
        for q in rest {
            analysis::mentioned_qual(q, &mut mentioned);
        }
        let captured: Vec<(Name, Operand)> = env
            .iter()
            .filter(|(n, _)| mentioned.contains(*n))
            .map(|(n, o)| (n.clone(), o.clone()))
            .collect();
        let captured_vars: Vec<(Name, Var)> = captured
            .iter()
            .filter_map(|(n, o)| o.as_var().map(|v| (n.clone(), v)))
            .collect();
        let consts: Vec<(Name, Operand)> = captured
            .iter()
            .filter(|(_, o)| o.as_var().is_none())
            .cloned()
            .collect();

        let fun_id = FunId(self.functions.len() as u32);
        self.functions.push(None);
        let name: Atom = Arc::from(self.lc_name());
        self.lambda_names.insert(fun_id, name.clone());
        let has_acc = acc.is_some();
        let arity = 1 + has_acc as u32;

        // Outer call: helper(input, acc, next.rest, next.extra..., captured...)
        let mut outer_args = vec![input];
        outer_args.extend(acc.clone());
        let next_ops: Vec<Operand> = match &next {
            Some(n) => std::iter::once(n.rest.clone())
                .chain(n.extra.iter().cloned())
                .collect(),
            None => vec![],
        };
        outer_args.extend(next_ops.iter().cloned());
        outer_args.extend(captured_vars.iter().map(|(_, v)| Operand::Var(*v)));

        // Inside the helper.
        let saved = std::mem::take(&mut self.fb);
        let p_in = self.new_var(None);
        let p_acc = if has_acc {
            Some(self.new_var(None))
        } else {
            None
        };
        let p_next: Vec<Var> = next_ops.iter().map(|_| self.new_var(None)).collect();
        let mut env_inner = Env::new();
        let mut p_free = Vec::new();
        for (n, _) in &captured_vars {
            let v = self.new_var(Some(n));
            p_free.push(v);
            env_inner.insert(n.clone(), Operand::Var(v));
        }
        for (n, o) in consts {
            env_inner.insert(n, o);
        }
        let inner_next = next.as_ref().map(|n| Next {
            fun_id: n.fun_id,
            name: n.name.clone(),
            arity: n.arity,
            rest: Operand::Var(p_next[0]),
            extra: p_next[1..].iter().map(|v| Operand::Var(*v)).collect(),
        });
        let mut self_extra: Vec<Operand> = p_next.iter().map(|v| Operand::Var(*v)).collect();
        self_extra.extend(p_free.iter().map(|v| Operand::Var(*v)));
        let acc_op = p_acc.map(Operand::Var);

        // Clauses: [P | T] -> element; [_ | T] -> skip; [] -> done; _ -> bad_generator
        // (binary: <<P, T/bitstring>> -> element; _ -> done; not a bitstring: bad_generator)
        let tname = self.gensym("T");
        let tvar = ast::Expr::new(ExprKind::Var(tname.clone()), pat.span);
        let wild = ast::Expr::new(ExprKind::Var(Arc::from("_")), pat.span);
        let mut heads_pats: Vec<ast::Expr> = Vec::new();
        if is_bin {
            let mut elems = match &pat.kind {
                ExprKind::Binary(es) => es.clone(),
                _ => {
                    self.diags.push(internal(
                        pat.span,
                        "binary generator without a binary pattern",
                    ));
                    vec![]
                }
            };
            elems.push(ast::BinElement {
                value: tvar.clone(),
                size: None,
                specifiers: Some(vec![ast::BinSpecifier {
                    name: Arc::from("bitstring"),
                    value: None,
                    span: pat.span,
                }]),
                span: pat.span,
            });
            heads_pats.push(ast::Expr::new(ExprKind::Binary(elems), pat.span));
            heads_pats.push(ast::Expr::new(
                ExprKind::Binary(vec![ast::BinElement {
                    value: wild.clone(),
                    size: None,
                    specifiers: Some(vec![ast::BinSpecifier {
                        name: Arc::from("bitstring"),
                        value: None,
                        span: pat.span,
                    }]),
                    span: pat.span,
                }]),
                pat.span,
            ));
        } else {
            heads_pats.push(ast::Expr::new(
                ExprKind::Cons(Box::new(pat.clone()), Box::new(tvar.clone())),
                pat.span,
            ));
            heads_pats.push(ast::Expr::new(
                ExprKind::Cons(Box::new(wild.clone()), Box::new(tvar.clone())),
                pat.span,
            ));
            heads_pats.push(ast::Expr::new(ExprKind::Nil, pat.span));
        }
        let no_guards: Vec<Vec<ast::Expr>> = Vec::new();
        let heads: Vec<Head> = heads_pats
            .iter()
            .map(|p| Head {
                pats: vec![p],
                guards: &no_guards,
                span,
            })
            .collect();
        let fail = Expr::Fail {
            reason: FailReason::BadGenerator(Operand::Var(p_in)),
            loc,
        };
        let self_next = |t: Operand| Next {
            fun_id,
            name: name.clone(),
            arity,
            rest: t,
            extra: self_extra.clone(),
        };
        let body = self.lower_heads(
            vec![p_in],
            &heads,
            &env_inner,
            true,
            fail,
            &mut |s, i, mut env_i| {
                let t = env_i
                    .get(&tname)
                    .cloned()
                    .unwrap_or(Operand::Lit(Literal::Nil));
                match (is_bin, i) {
                    (_, 0) => s.comp_level(
                        kind,
                        rest,
                        &mut env_i,
                        acc_op.clone(),
                        Some(self_next(t)),
                        span,
                    ),
                    (false, 1) => {
                        let call = s.next_call(self_next(t), acc_op.clone(), loc);
                        Expr::TailCall(call)
                    }
                    _ => s.comp_finish(Block::new(), inner_next.clone(), acc_op.clone(), loc),
                }
            },
        );
        let mut params = vec![p_in];
        params.extend(p_acc);
        params.extend(p_next.iter().copied());
        params.extend(p_free.iter().copied());
        let fb = std::mem::replace(&mut self.fb, saved);
        self.functions[fun_id.0 as usize] = Some(Function {
            name: name.clone(),
            arity,
            kind: FunKind::Helper,
            params,
            body,
            var_names: fb.var_names,
            num_joins: fb.num_joins,
            loc,
        });
        Expr::TailCall(Call {
            callee: Callee::Local {
                fun_id,
                name,
                arity,
            },
            args: outer_args,
            loc,
        })
    }

    // -----------------------------------------------------------------------------------
    // receive

    pub(crate) fn lower_receive(
        &mut self,
        mut b: Block,
        clauses: &[ast::Clause],
        after: Option<&ast::After>,
        env: &mut Env,
        k: &Cont,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        let timeout = match after {
            Some(a) => {
                let t = self.value(&mut b, &a.timeout, env);
                let mut env_a = env.clone();
                let body = self.seq_tail(Block::new(), &a.body, &mut env_a, k, a.span);
                Some((t, Box::new(body)))
            }
            None => None,
        };
        let lp = self.new_join();
        let msg = self.new_var(None);
        let next = Expr::Do {
            prim: Prim::RecvNext,
            loc: Loc::default(),
            body: Box::new(Expr::Jump(lp, vec![])),
        };
        let cs: Vec<&ast::Clause> = clauses.iter().collect();
        let matched =
            self.lower_clauses(vec![msg], &cs, env, false, next, k, Some(Prim::RecvRemove));
        let wait = Expr::RecvWait {
            timeout,
            retry: Box::new(Expr::Jump(lp, vec![])),
            loc,
        };
        let peek = Expr::RecvPeek {
            msg,
            got: Box::new(matched),
            empty: Box::new(wait),
        };
        let enter = Expr::Jump(lp, vec![]);
        let enter = match ref_marker_operand(clauses, env) {
            Some(r) => Expr::Do {
                prim: Prim::RecvUseMark(r),
                loc: Loc::default(),
                body: Box::new(enter),
            },
            None => enter,
        };
        b.finish(Expr::LetJoin {
            join: lp,
            params: vec![],
            recursive: true,
            join_body: Box::new(peek),
            body: Box::new(enter),
        })
    }

    // -----------------------------------------------------------------------------------
    // try / catch

    pub(crate) fn lower_try(
        &mut self,
        b: Block,
        t: &ast::Try,
        env: &mut Env,
        k: &Cont,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        if t.after.is_empty() {
            return self.lower_try_no_after(b, t, env, k, span);
        }
        // try (try B of .. catch .. end) of V -> After, V catch C:R:T -> After, raw_raise end
        let ja = self.new_join();
        let v = self.new_var(None);
        let mut env_ok = env.clone();
        let mut ob = Block::new();
        self.seq_value(&mut ob, &t.after, &mut env_ok);
        let ok_path = ob.finish(self.cont_value(Operand::Var(v), env, k, span));

        let inner = ast::Try {
            body: t.body.clone(),
            of_clauses: t.of_clauses.clone(),
            catch_clauses: t.catch_clauses.clone(),
            after: vec![],
        };
        let mut env_in = env.clone();
        let inner_cont = Cont::Jump(ja, Rc::new(vec![]));
        let body = if inner.of_clauses.is_empty() && inner.catch_clauses.is_empty() {
            self.seq_tail(Block::new(), &inner.body, &mut env_in, &inner_cont, span)
        } else {
            self.lower_try_no_after(Block::new(), &inner, &mut env_in, &inner_cont, span)
        };
        let (c, r, tr) = (self.new_var(None), self.new_var(None), self.new_var(None));
        let mut env_h = env.clone();
        let mut hb = Block::new();
        self.seq_value(&mut hb, &t.after, &mut env_h);
        let handler = hb.finish(Expr::Fail {
            reason: FailReason::Reraise(Operand::Var(c), Operand::Var(r), Operand::Var(tr)),
            loc,
        });
        let tr_expr = Expr::Try {
            body: Box::new(body),
            class: c,
            reason: r,
            trace: tr,
            handler: Box::new(handler),
        };
        b.finish(Expr::LetJoin {
            join: ja,
            params: vec![v],
            recursive: false,
            join_body: Box::new(ok_path),
            body: Box::new(tr_expr),
        })
    }

    fn lower_try_no_after(
        &mut self,
        b: Block,
        t: &ast::Try,
        env: &mut Env,
        k: &Cont,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        // Normal exit: the body's value (and the variables it binds, visible in `of`).
        let mut body_binds = BTreeSet::new();
        for e in &t.body {
            body_binds.extend(analysis::binds(e));
        }
        let names: Vec<Name> = body_binds
            .into_iter()
            .filter(|n| !env.contains_key(n))
            .collect();
        let jok = self.new_join();
        let v = self.new_var(None);
        let mut ok_params = vec![v];
        let mut env_ok = env.clone();
        for n in &names {
            let p = self.new_var(Some(n));
            ok_params.push(p);
            env_ok.insert(n.clone(), Operand::Var(p));
        }
        let ok_body = if t.of_clauses.is_empty() {
            self.cont_value(Operand::Var(v), &env_ok, k, span)
        } else {
            let fail = Expr::Fail {
                reason: FailReason::TryClause(Operand::Var(v)),
                loc,
            };
            let cs: Vec<&ast::Clause> = t.of_clauses.iter().collect();
            self.lower_clauses(vec![v], &cs, &env_ok, false, fail, k, None)
        };
        let mut env_b = env.clone();
        let body = self.seq_tail(
            Block::new(),
            &t.body,
            &mut env_b,
            &Cont::Jump(jok, Rc::new(names)),
            span,
        );
        let (c, r, tr) = (self.new_var(None), self.new_var(None), self.new_var(None));
        let reraise = Expr::Fail {
            reason: FailReason::Reraise(Operand::Var(c), Operand::Var(r), Operand::Var(tr)),
            loc,
        };
        let handler = if t.catch_clauses.is_empty() {
            reraise
        } else {
            let needs_trace = t
                .catch_clauses
                .iter()
                .any(|c| c.patterns.get(2).is_some_and(|p| !p.is_wildcard()));
            let mut hb = Block::new();
            let mut cols = vec![c, r];
            let mut heads_storage: Vec<Vec<&ast::Expr>> = Vec::new();
            if needs_trace {
                let st = self.new_var(None);
                hb.stmts
                    .push(Stmt::Let(st, Prim::BuildStacktrace(Operand::Var(tr)), loc));
                cols.push(st);
            }
            let ncols = cols.len();
            for cl in &t.catch_clauses {
                heads_storage.push(cl.patterns.iter().take(ncols).collect());
            }
            let heads: Vec<Head> = t
                .catch_clauses
                .iter()
                .zip(heads_storage)
                .map(|(cl, pats)| Head {
                    pats,
                    guards: &cl.guards,
                    span: cl.span,
                })
                .collect();
            let clauses = &t.catch_clauses;
            let tree =
                self.lower_heads(cols, &heads, env, false, reraise, &mut |s, i, mut env_i| {
                    s.seq_tail(
                        Block::new(),
                        &clauses[i].body,
                        &mut env_i,
                        k,
                        clauses[i].span,
                    )
                });
            hb.finish(tree)
        };
        let try_expr = Expr::Try {
            body: Box::new(body),
            class: c,
            reason: r,
            trace: tr,
            handler: Box::new(handler),
        };
        b.finish(Expr::LetJoin {
            join: jok,
            params: ok_params,
            recursive: false,
            join_body: Box::new(ok_body),
            body: Box::new(try_expr),
        })
    }

    pub(crate) fn lower_catch(
        &mut self,
        b: Block,
        inner: &ast::Expr,
        env: &mut Env,
        k: &Cont,
        span: Span,
    ) -> Expr {
        let loc = self.loc(span);
        let j = self.new_join();
        let v = self.new_var(None);
        let after = self.cont_value(Operand::Var(v), env, k, span);
        let mut env_b = env.clone();
        let body = self.tail(
            Block::new(),
            inner,
            &mut env_b,
            &Cont::Jump(j, Rc::new(vec![])),
        );
        let (c, r, tr) = (self.new_var(None), self.new_var(None), self.new_var(None));
        // throw -> R; exit -> {'EXIT', R}; error -> {'EXIT', {R, Stacktrace}}
        let exit_v = self.new_var(None);
        let exit_case = Expr::Let {
            var: exit_v,
            prim: Prim::Tuple(vec![Operand::atom("EXIT"), Operand::Var(r)]),
            loc,
            body: Box::new(Expr::Jump(j, vec![Operand::Var(exit_v)])),
        };
        let (st, pair, err_v) = (self.new_var(None), self.new_var(None), self.new_var(None));
        let error_case = Expr::Let {
            var: st,
            prim: Prim::BuildStacktrace(Operand::Var(tr)),
            loc,
            body: Box::new(Expr::Let {
                var: pair,
                prim: Prim::Tuple(vec![Operand::Var(r), Operand::Var(st)]),
                loc,
                body: Box::new(Expr::Let {
                    var: err_v,
                    prim: Prim::Tuple(vec![Operand::atom("EXIT"), Operand::Var(pair)]),
                    loc,
                    body: Box::new(Expr::Jump(j, vec![Operand::Var(err_v)])),
                }),
            }),
        };
        let handler = Expr::Switch {
            on: c,
            cases: vec![
                (
                    Con::Lit(Literal::atom("throw")),
                    Expr::Jump(j, vec![Operand::Var(r)]),
                ),
                (Con::Lit(Literal::atom("exit")), exit_case),
            ],
            default: Box::new(error_case),
        };
        let try_expr = Expr::Try {
            body: Box::new(body),
            class: c,
            reason: r,
            trace: tr,
            handler: Box::new(handler),
        };
        b.finish(Expr::LetJoin {
            join: j,
            params: vec![v],
            recursive: false,
            join_body: Box::new(after),
            body: Box::new(try_expr),
        })
    }

    // -----------------------------------------------------------------------------------
    // Binaries.

    /// Operands of a binary construction, segment by segment (string literals expanded).
    pub(crate) fn bin_segments(
        &mut self,
        b: &mut Block,
        elems: &[ast::BinElement],
        env: &mut Env,
        _guard: bool,
    ) -> Vec<BinSeg> {
        let mut segs = Vec::new();
        for el in elems {
            let spec = match crate::bits::spec_of(el) {
                Ok(s) => s,
                Err(m) => {
                    self.diags.push(internal(el.span, m));
                    continue;
                }
            };
            for el in crate::bits::expand_string(el) {
                let value = self.value(b, &el.value, env);
                let size = match &el.size {
                    Some(s) => Some(self.value(b, s, env)),
                    None => default_size(spec.ty),
                };
                segs.push(BinSeg { value, size, spec });
            }
        }
        segs
    }
}

/// The explicit default size of a segment type (`None`: all / not applicable).
pub(crate) fn default_size(ty: BinType) -> Option<Operand> {
    match ty {
        BinType::Integer => Some(Operand::Lit(Literal::int(8))),
        BinType::Float => Some(Operand::Lit(Literal::int(64))),
        _ => None,
    }
}

/// The reference-marker hint of a receive (OTP 24's `recv_marker_use`): a variable bound
/// before the receive that every clause's pattern matches as a value (inside tuples,
/// lists, aliases or map keys/values; not as a binary segment size). A message matching
/// any clause then contains that term, so if it is a reference created after the
/// runtime's marker was set, older messages cannot match and are skipped. The runtime
/// checks that the marker is bound to exactly this reference; anything else is a no-op.
fn ref_marker_operand(clauses: &[ast::Clause], env: &Env) -> Option<Operand> {
    fn bound_vars<'a>(e: &'a ast::Expr, env: &Env, out: &mut Vec<&'a str>) {
        match &e.kind {
            ast::ExprKind::Var(n) => {
                if env.contains_key(n) {
                    out.push(n);
                }
            }
            ast::ExprKind::Tuple(es) => es.iter().for_each(|x| bound_vars(x, env, out)),
            ast::ExprKind::Cons(h, t) | ast::ExprKind::Match(h, t) => {
                bound_vars(h, env, out);
                bound_vars(t, env, out);
            }
            ast::ExprKind::Map(None, fields) => {
                for f in fields {
                    bound_vars(&f.key, env, out);
                    bound_vars(&f.value, env, out);
                }
            }
            _ => {}
        }
    }
    let mut common: Option<Vec<&str>> = None;
    for c in clauses {
        let mut vs = Vec::new();
        bound_vars(c.patterns.first()?, env, &mut vs);
        common = Some(match common {
            None => vs,
            Some(prev) => prev.into_iter().filter(|v| vs.contains(v)).collect(),
        });
    }
    common?.into_iter().find_map(|n| match env.get(n)? {
        o @ Operand::Var(_) => Some(o.clone()),
        Operand::Lit(_) => None,
    })
}
