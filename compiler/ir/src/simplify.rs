//! A cleanup pass run after lowering: drops join points that are never jumped to and
//! inlines join points jumped to exactly once (from the same try depth), renaming the
//! join's parameters to the jump's arguments. Lowering creates one join per clause body
//! and per continuation; most are single-use, and inlining them gives the code generator
//! (and the IR dumps) straight-line code.
//!
//! Must not: move code into or out of a `Try` body (that would change which catch frame
//! is active), or change evaluation order.

use crate::ir::*;
use std::collections::HashMap;

#[derive(Default)]
struct Info {
    def_depth: HashMap<JoinId, usize>,
    jumps: HashMap<JoinId, Vec<usize>>,
}

fn collect(e: &Expr, depth: usize, info: &mut Info) {
    let mut cur = e;
    loop {
        match cur {
            Expr::Let { body, .. } | Expr::Do { body, .. } | Expr::LetCall { body, .. } => {
                cur = body;
                continue;
            }
            Expr::LetJoin {
                join,
                join_body,
                body,
                ..
            } => {
                info.def_depth.insert(*join, depth);
                collect(join_body, depth, info);
                cur = body;
                continue;
            }
            Expr::Jump(j, _) => info.jumps.entry(*j).or_default().push(depth),
            Expr::If { then, else_, .. } => {
                collect(then, depth, info);
                cur = else_;
                continue;
            }
            Expr::Switch { cases, default, .. } => {
                for (_, c) in cases {
                    collect(c, depth, info);
                }
                cur = default;
                continue;
            }
            Expr::Try { body, handler, .. } => {
                collect(body, depth + 1, info);
                cur = handler;
                continue;
            }
            Expr::RecvPeek { got, empty, .. } => {
                collect(got, depth, info);
                cur = empty;
                continue;
            }
            Expr::RecvWait { timeout, retry, .. } => {
                if let Some((_, t)) = timeout {
                    collect(t, depth, info);
                }
                cur = retry;
                continue;
            }
            Expr::TailCall(_) | Expr::Return(_) | Expr::Fail { .. } => {}
        }
        break;
    }
}

struct Simp<'n> {
    info: Info,
    pending: HashMap<JoinId, (Vec<Var>, Expr)>,
    names: &'n mut Vec<Option<Atom>>,
}

enum Wrap {
    Let(Var, Prim, Loc),
    Do(Prim, Loc),
    Call(Var, Call),
}

impl Simp<'_> {
    fn uses(&self, j: JoinId) -> usize {
        self.info.jumps.get(&j).map_or(0, Vec::len)
    }

    fn inlinable(&self, j: JoinId) -> bool {
        match (self.info.jumps.get(&j), self.info.def_depth.get(&j)) {
            (Some(js), Some(d)) => js.len() == 1 && js[0] == *d,
            _ => false,
        }
    }

    fn simp(&mut self, e: Expr) -> Expr {
        let mut wraps = Vec::new();
        let mut cur = e;
        let tail = loop {
            match cur {
                Expr::Let {
                    var,
                    prim,
                    loc,
                    body,
                } => {
                    wraps.push(Wrap::Let(var, prim, loc));
                    cur = *body;
                }
                Expr::Do { prim, loc, body } => {
                    wraps.push(Wrap::Do(prim, loc));
                    cur = *body;
                }
                Expr::LetCall { var, call, body } => {
                    wraps.push(Wrap::Call(var, call));
                    cur = *body;
                }
                Expr::LetJoin {
                    join,
                    params,
                    recursive,
                    join_body,
                    body,
                } => {
                    if !recursive && self.uses(join) == 0 {
                        cur = *body;
                        continue;
                    }
                    let jb = self.simp(*join_body);
                    if !recursive && self.inlinable(join) {
                        self.pending.insert(join, (params, jb));
                        cur = *body;
                        continue;
                    }
                    let b = self.simp(*body);
                    break Expr::LetJoin {
                        join,
                        params,
                        recursive,
                        join_body: Box::new(jb),
                        body: Box::new(b),
                    };
                }
                other => break self.simp_node(other),
            }
        };
        let mut out = tail;
        for w in wraps.into_iter().rev() {
            out = match w {
                Wrap::Let(var, prim, loc) => Expr::Let {
                    var,
                    prim,
                    loc,
                    body: Box::new(out),
                },
                Wrap::Do(prim, loc) => Expr::Do {
                    prim,
                    loc,
                    body: Box::new(out),
                },
                Wrap::Call(var, call) => Expr::LetCall {
                    var,
                    call,
                    body: Box::new(out),
                },
            };
        }
        out
    }

    fn simp_node(&mut self, e: Expr) -> Expr {
        match e {
            Expr::Jump(j, args) => match self.pending.remove(&j) {
                Some((params, mut body)) => {
                    let mut map = HashMap::new();
                    let mut moves = Vec::new();
                    for (p, a) in params.iter().zip(args) {
                        match a {
                            Operand::Var(v) => {
                                map.insert(*p, v);
                                let pn = self.names.get(p.0 as usize).cloned().flatten();
                                if let Some(slot) = self.names.get_mut(v.0 as usize) {
                                    if slot.is_none() {
                                        *slot = pn;
                                    }
                                }
                            }
                            lit => moves.push((*p, lit)),
                        }
                    }
                    rename(&mut body, &map);
                    for (p, lit) in moves.into_iter().rev() {
                        body = Expr::Let {
                            var: p,
                            prim: Prim::Move(lit),
                            loc: Loc::default(),
                            body: Box::new(body),
                        };
                    }
                    body
                }
                None => Expr::Jump(j, args),
            },
            Expr::If { test, then, else_ } => Expr::If {
                test,
                then: Box::new(self.simp(*then)),
                else_: Box::new(self.simp(*else_)),
            },
            Expr::Switch { on, cases, default } => Expr::Switch {
                on,
                cases: cases.into_iter().map(|(c, x)| (c, self.simp(x))).collect(),
                default: Box::new(self.simp(*default)),
            },
            Expr::Try {
                body,
                class,
                reason,
                trace,
                handler,
            } => Expr::Try {
                body: Box::new(self.simp(*body)),
                class,
                reason,
                trace,
                handler: Box::new(self.simp(*handler)),
            },
            Expr::RecvPeek { msg, got, empty } => Expr::RecvPeek {
                msg,
                got: Box::new(self.simp(*got)),
                empty: Box::new(self.simp(*empty)),
            },
            Expr::RecvWait {
                timeout,
                retry,
                loc,
            } => Expr::RecvWait {
                timeout: timeout.map(|(t, x)| (t, Box::new(self.simp(*x)))),
                retry: Box::new(self.simp(*retry)),
                loc,
            },
            other => other,
        }
    }
}

pub(crate) fn rn_op(o: &mut Operand, m: &HashMap<Var, Var>) {
    if let Operand::Var(v) = o {
        if let Some(n) = m.get(v) {
            *v = *n;
        }
    }
}

fn rn_var(v: &mut Var, m: &HashMap<Var, Var>) {
    if let Some(n) = m.get(v) {
        *v = *n;
    }
}

pub(crate) fn rn_prim(p: &mut Prim, m: &HashMap<Var, Var>) {
    match p {
        Prim::Move(o)
        | Prim::GetTupleElement(o, _)
        | Prim::GetHd(o)
        | Prim::GetTl(o)
        | Prim::BuildStacktrace(o)
        | Prim::BsStartMatch(o) => rn_op(o, m),
        Prim::Tuple(os) => os.iter_mut().for_each(|o| rn_op(o, m)),
        Prim::Cons(a, b) => {
            rn_op(a, m);
            rn_op(b, m);
        }
        Prim::MapNew(kvs) => kvs.iter_mut().for_each(|(k, v)| {
            rn_op(k, m);
            rn_op(v, m);
        }),
        Prim::MapUpdate { map, ops } => {
            rn_op(map, m);
            for (_, k, v) in ops {
                rn_op(k, m);
                rn_op(v, m);
            }
        }
        Prim::BinBuild(segs) => {
            for s in segs {
                rn_op(&mut s.value, m);
                if let Some(sz) = &mut s.size {
                    rn_op(sz, m);
                }
            }
        }
        Prim::MakeFun { free, .. } => free.iter_mut().for_each(|o| rn_op(o, m)),
        Prim::Bif { args, .. } => args.iter_mut().for_each(|o| rn_op(o, m)),
        Prim::RecvRemove | Prim::RecvNext => {}
        Prim::RecvUseMark(o) => rn_op(o, m),
    }
}

pub(crate) fn rn_call(c: &mut Call, m: &HashMap<Var, Var>) {
    match &mut c.callee {
        Callee::Local { .. } => {}
        Callee::Remote { module, function } => {
            rn_op(module, m);
            rn_op(function, m);
        }
        Callee::Apply { fun } => rn_op(fun, m),
    }
    c.args.iter_mut().for_each(|o| rn_op(o, m));
}

pub(crate) fn rn_test(t: &mut Test, m: &HashMap<Var, Var>) {
    match t {
        Test::Type(_, o) | Test::TupleArity(o, _) => rn_op(o, m),
        Test::FunctionArity(a, b) | Test::Cmp(_, a, b) => {
            rn_op(a, m);
            rn_op(b, m);
        }
        Test::MapGet { map, key, .. } => {
            rn_op(map, m);
            rn_op(key, m);
        }
        Test::Guard { prim, .. } => rn_prim(prim, m),
        Test::BsGet { ctx, size, .. } => {
            rn_var(ctx, m);
            if let Some(s) = size {
                rn_op(s, m);
            }
        }
        Test::BsEnd(c) => rn_var(c, m),
    }
}

pub(crate) fn rn_fail(r: &mut FailReason, m: &HashMap<Var, Var>) {
    match r {
        FailReason::Badmatch(o)
        | FailReason::CaseClause(o)
        | FailReason::TryClause(o)
        | FailReason::BadGenerator(o)
        | FailReason::BadFilter(o)
        | FailReason::BadargValue(o) => rn_op(o, m),
        FailReason::IfClause => {}
        FailReason::FunctionClause(os) => os.iter_mut().for_each(|o| rn_op(o, m)),
        FailReason::Reraise(a, b, c) => {
            rn_op(a, m);
            rn_op(b, m);
            rn_op(c, m);
        }
    }
}

/// Rename variable uses in place.
pub fn rename(e: &mut Expr, m: &HashMap<Var, Var>) {
    if m.is_empty() {
        return;
    }
    let mut cur = e;
    loop {
        match cur {
            Expr::Let { prim, body, .. } | Expr::Do { prim, body, .. } => {
                rn_prim(prim, m);
                cur = body;
                continue;
            }
            Expr::LetCall { call, body, .. } => {
                rn_call(call, m);
                cur = body;
                continue;
            }
            Expr::TailCall(c) => rn_call(c, m),
            Expr::Return(o) => rn_op(o, m),
            Expr::LetJoin {
                join_body, body, ..
            } => {
                rename(join_body, m);
                cur = body;
                continue;
            }
            Expr::Jump(_, args) => args.iter_mut().for_each(|o| rn_op(o, m)),
            Expr::If { test, then, else_ } => {
                rn_test(test, m);
                rename(then, m);
                cur = else_;
                continue;
            }
            Expr::Switch { on, cases, default } => {
                rn_var(on, m);
                for (_, c) in cases.iter_mut() {
                    rename(c, m);
                }
                cur = default;
                continue;
            }
            Expr::Try { body, handler, .. } => {
                rename(body, m);
                cur = handler;
                continue;
            }
            Expr::RecvPeek { got, empty, .. } => {
                rename(got, m);
                cur = empty;
                continue;
            }
            Expr::RecvWait { timeout, retry, .. } => {
                if let Some((t, x)) = timeout {
                    rn_op(t, m);
                    rename(x, m);
                }
                cur = retry;
                continue;
            }
            Expr::Fail { reason, .. } => rn_fail(reason, m),
        }
        break;
    }
}

/// Simplify one function in place.
pub fn simplify_function(f: &mut Function) {
    let mut info = Info::default();
    collect(&f.body, 0, &mut info);
    let body = std::mem::replace(&mut f.body, Expr::Return(Operand::Lit(Literal::Nil)));
    let mut s = Simp {
        info,
        pending: HashMap::new(),
        names: &mut f.var_names,
    };
    f.body = s.simp(body);
}

/// Simplify every function of a module.
pub fn simplify_module(m: &mut Module) {
    for f in &mut m.functions {
        simplify_function(f);
    }
}
