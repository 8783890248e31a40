//! Inlining of small functions at their local call sites (run before code generation by
//! [`crate::optimize_module`]; `ferlc --dump=ir` shows the IR before it, `--dump=ir-opt`
//! after it).
//!
//! Owns: choosing callees (small bodies whose calls are all non-tail calls, with no try or
//! receive), copying a callee's body into the caller with fresh variables and join ids (a
//! non-tail call becomes a join point whose parameter is the call's result; a tail call
//! keeps the callee's returns), and marking every copied location ([`Loc::inl`],
//! [`Module::inlined`]) so that stack traces still name the callee, and the caller's frame
//! where the call was not a tail call, exactly as without inlining. A function inlined
//! into itself is inlined once (its copy's own calls stay calls), twice when its body is
//! tiny (`UNROLL_NODES`): body recursions like `fib/1` then make fewer calls.
//! A small self-loop (`is_inlinable_loop`: its only calls are self tail calls, like
//! `rev(L, Acc)`) is inlined at a non-tail call site of a caller the code generator
//! accepts (`loop_host`) as a recursive join, so the loop runs in the caller's code with
//! no call.
//! Also owns peeling early returns ([`peel_early_returns`]): a non-tail call of a function
//! whose body starts by returning a parameter or a literal when a comparison or type test
//! of its parameters holds (`fib(N) when N < 2 -> N`, `make(0) -> {nil, nil}`) makes that
//! test itself and takes the result without calling. Nothing in a peeled test or result
//! can raise, so stack traces are unchanged; the skipped calls are not counted as
//! reductions.
//! Must not: inline a callee with tail calls (its callee's frame would name it), try or
//! receive; change evaluation order.

use crate::ir::*;
use crate::simplify::{rn_call, rn_fail, rn_op, rn_prim, rn_test};
use std::collections::HashMap;

/// Callee bodies up to this many IR nodes are inlined.
const MAX_NODES: usize = 24;

/// Self-recursive bodies up to this many IR nodes are unrolled twice (`Cx::unroll`).
const UNROLL_NODES: usize = 10;

fn nodes(e: &Expr) -> usize {
    let mut n = 0;
    e.visit(&mut |_| n += 1);
    n
}

/// Inline small functions at every local call site in `m`; small self-loops only into
/// the functions `loop_host` accepts (the code generator's native-clone candidates: a
/// loop inlined into ordinary code becomes a recursive join, one unit per iteration,
/// slower than the loop function's own self-loop).
pub fn inline_module(m: &mut Module, loop_host: &dyn Fn(&Function) -> bool) {
    let leaves: Vec<Option<Function>> = m
        .functions
        .iter()
        .map(|f| is_inlinable(f).then(|| f.clone()))
        .collect();
    let loops: Vec<Option<Function>> = m
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| is_inlinable_loop(f, FunId(i as u32)).then(|| f.clone()))
        .collect();
    if leaves.iter().chain(&loops).all(Option::is_none) {
        return;
    }
    let mut inlined = std::mem::take(&mut m.inlined);
    let none = vec![None; loops.len()];
    for (i, f) in m.functions.iter_mut().enumerate() {
        let caller = FunId(i as u32);
        let host = loop_host(f);
        let body = std::mem::replace(&mut f.body, Expr::Return(Operand::Lit(Literal::Nil)));
        let mut cx = Cx {
            leaves: &leaves,
            loops: if host { &loops } else { &none },
            caller,
            f,
            inlined: &mut inlined,
            unrolling: false,
        };
        let body = cx.expr(body);
        f.body = body;
    }
    m.inlined = inlined;
}

/// A function's early return: its body is `if Test then return R else ...` (or the
/// reverse) where the test is a comparison or type test of parameters and literals and `R`
/// a parameter or a literal. `(test, result, whether the result is taken when the test
/// holds)` in terms of the parameters.
fn early_return(f: &Function) -> Option<Peel> {
    if !matches!(f.kind, FunKind::Top { .. } | FunKind::Helper) {
        return None;
    }
    let simple = |o: &Operand| match o {
        Operand::Var(v) => f.params.contains(v),
        Operand::Lit(_) => true,
    };
    // `switch P case Lit -> return R; ...`: the cases exclude each other, so testing
    // `P =:= Lit` first is the same.
    if let Expr::Switch { on, cases, .. } = &f.body {
        if !f.params.contains(on) {
            return None;
        }
        return cases.iter().find_map(|(con, body)| match (con, body) {
            (Con::Lit(l), Expr::Return(r)) if simple(r) => Some((
                Test::Cmp(CmpOp::ExactEq, Operand::Var(*on), Operand::Lit(l.clone())),
                r.clone(),
                true,
            )),
            _ => None,
        });
    }
    let Expr::If { test, then, else_ } = &f.body else {
        return None;
    };
    let test_ok = match test {
        Test::Cmp(_, a, b) => simple(a) && simple(b),
        Test::Type(_, a) | Test::TupleArity(a, _) => simple(a),
        _ => false,
    };
    if !test_ok {
        return None;
    }
    match (&**then, &**else_) {
        (Expr::Return(r), _) if simple(r) => Some((test.clone(), r.clone(), true)),
        (_, Expr::Return(r)) if simple(r) => Some((test.clone(), r.clone(), false)),
        _ => None,
    }
}

/// Peel early returns ([`early_return`]) off every non-tail local call in `m`:
/// `let X = f(A)` becomes `if Test[A] then X = R[A] else X = f(A)`.
pub fn peel_early_returns(m: &mut Module) {
    let peels: Vec<Option<(Vec<Var>, Peel)>> = m
        .functions
        .iter()
        .map(|f| early_return(f).map(|p| (f.params.clone(), p)))
        .collect();
    if peels.iter().all(Option::is_none) {
        return;
    }
    for f in m.functions.iter_mut() {
        let mut body = std::mem::replace(&mut f.body, Expr::Return(Operand::Lit(Literal::Nil)));
        peel(&mut body, &peels, f);
        f.body = body;
    }
}

/// An early return: the test, the result, whether it is taken when the test holds.
type Peel = (Test, Operand, bool);

fn peel(e: &mut Expr, peels: &[Option<(Vec<Var>, Peel)>], f: &mut Function) {
    for c in e.children_mut() {
        peel(c, peels, f);
    }
    let Expr::LetCall { var, call, .. } = e else {
        return;
    };
    let Some((params, (test, result, when))) = (match &call.callee {
        Callee::Local { fun_id, .. } => peels.get(fun_id.0 as usize).and_then(Option::as_ref),
        _ => None,
    }) else {
        return;
    };
    let sub = |o: &Operand| match o {
        Operand::Var(v) => params
            .iter()
            .position(|p| p == v)
            .map_or_else(|| o.clone(), |i| call.args[i].clone()),
        lit => lit.clone(),
    };
    let test = match test {
        Test::Cmp(op, a, b) => Test::Cmp(*op, sub(a), sub(b)),
        Test::Type(t, a) => Test::Type(*t, sub(a)),
        Test::TupleArity(a, n) => Test::TupleArity(sub(a), *n),
        _ => unreachable!("early_return admits these tests only"),
    };
    let result = sub(result);
    let var = *var;
    let join = JoinId(f.num_joins);
    f.num_joins += 1;
    let called = Var(f.var_names.len() as u32);
    f.var_names
        .push(f.var_names.get(var.0 as usize).cloned().flatten());
    let Expr::LetCall { call, body, .. } =
        std::mem::replace(e, Expr::Return(Operand::Lit(Literal::Nil)))
    else {
        unreachable!("matched above");
    };
    let early = Box::new(Expr::Jump(join, vec![result]));
    let call = Box::new(Expr::LetCall {
        var: called,
        call,
        body: Box::new(Expr::Jump(join, vec![Operand::Var(called)])),
    });
    let (then, else_) = if *when { (early, call) } else { (call, early) };
    *e = Expr::LetJoin {
        join,
        params: vec![var],
        recursive: false,
        join_body: body,
        body: Box::new(Expr::If { test, then, else_ }),
    };
}

/// A small function whose only calls are self tail calls (a loop such as
/// `rev(L, Acc)`): inlined at a non-tail call site as a recursive join, so the loop runs
/// in the caller's code. Its self tail calls become jumps, as they would be loops anyway;
/// its traces name it, as for an inlined leaf.
fn is_inlinable_loop(f: &Function, id: FunId) -> bool {
    if !matches!(f.kind, FunKind::Top { .. } | FunKind::Helper) {
        return false;
    }
    let mut nodes = 0;
    let (mut ok, mut loops) = (true, false);
    f.body.visit(&mut |e| {
        nodes += 1;
        match e {
            Expr::TailCall(Call {
                callee: Callee::Local { fun_id, .. },
                ..
            }) if *fun_id == id => loops = true,
            Expr::TailCall(_)
            | Expr::LetCall { .. }
            | Expr::Try { .. }
            | Expr::RecvPeek { .. }
            | Expr::RecvWait { .. } => ok = false,
            Expr::Let { prim, .. } | Expr::Do { prim, .. } => {
                ok &= !matches!(
                    prim,
                    Prim::RecvRemove
                        | Prim::RecvNext
                        | Prim::RecvUseMark(_)
                        | Prim::BuildStacktrace(_)
                ) && !floaty(prim)
            }
            Expr::If {
                test: Test::Cmp(_, a, b),
                ..
            } => ok &= !is_float_lit(a) && !is_float_lit(b),
            _ => {}
        }
    });
    ok && loops && nodes <= MAX_NODES
}

pub fn is_float_lit(o: &Operand) -> bool {
    matches!(o, Operand::Lit(Literal::Float(_)))
}

/// Float arithmetic (a float literal operand, `/`, `float/1`): a loop doing it keeps its
/// own function, whose self-loop header keeps float parameters unboxed (the recursive
/// join it would become passes terms in ordinary code).
pub fn floaty(p: &Prim) -> bool {
    match p {
        Prim::Bif { name, args, .. } => {
            matches!(&**name, "/" | "float") || args.iter().any(is_float_lit)
        }
        _ => false,
    }
}

fn is_inlinable(f: &Function) -> bool {
    if !matches!(f.kind, FunKind::Top { .. } | FunKind::Helper) {
        return false;
    }
    let mut nodes = 0;
    let mut leaf = true;
    f.body.visit(&mut |e| {
        nodes += 1;
        if matches!(
            e,
            Expr::TailCall(_) | Expr::Try { .. } | Expr::RecvPeek { .. } | Expr::RecvWait { .. }
        ) {
            leaf = false;
        }
        if let Expr::Let { prim, .. } | Expr::Do { prim, .. } = e {
            if matches!(
                prim,
                Prim::RecvRemove | Prim::RecvNext | Prim::RecvUseMark(_) | Prim::BuildStacktrace(_)
            ) {
                leaf = false;
            }
        }
    });
    leaf && nodes <= MAX_NODES
}

struct Cx<'a> {
    leaves: &'a [Option<Function>],
    /// Small self-loops (`is_inlinable_loop`), inlined at non-tail call sites as loops.
    loops: &'a [Option<Function>],
    caller: FunId,
    f: &'a mut Function,
    inlined: &'a mut Vec<Inlined>,
    /// Whether the copy being expanded is itself a copy of the caller (`unroll`).
    unrolling: bool,
}

impl Cx<'_> {
    fn loop_leaf(&self, call: &Call) -> Option<&Function> {
        match &call.callee {
            Callee::Local { fun_id, .. } if *fun_id != self.caller => {
                self.loops.get(fun_id.0 as usize)?.as_ref()
            }
            _ => None,
        }
    }

    /// `let var = g(args) in body`, `g` a loop: `letjoin r(var) = body in letjoin rec
    /// l(params) = g's body (self tail calls jump to l, returns to r) in l(args)`.
    fn inline_loop(&mut self, g: &Function, call: &Call, var: Var, body: Expr) -> Expr {
        let result = JoinId(self.f.num_joins);
        let lp = JoinId(self.f.num_joins + 1);
        self.f.num_joins += 2;
        let (params, copy) = self.copy_with(g, call, Some(result), Some(lp));
        Expr::LetJoin {
            join: result,
            params: vec![var],
            recursive: false,
            join_body: Box::new(body),
            body: Box::new(Expr::LetJoin {
                join: lp,
                params,
                recursive: true,
                join_body: Box::new(copy),
                body: Box::new(Expr::Jump(lp, call.args.clone())),
            }),
        }
    }

    fn leaf(&self, call: &Call) -> Option<&Function> {
        match &call.callee {
            Callee::Local { fun_id, .. } => self.leaves.get(fun_id.0 as usize)?.as_ref(),
            _ => None,
        }
    }

    fn expr(&mut self, e: Expr) -> Expr {
        match e {
            Expr::Let {
                var,
                prim,
                loc,
                body,
            } => Expr::Let {
                var,
                prim,
                loc,
                body: Box::new(self.expr(*body)),
            },
            Expr::Do { prim, loc, body } => Expr::Do {
                prim,
                loc,
                body: Box::new(self.expr(*body)),
            },
            Expr::LetCall { var, call, body } => {
                let body = self.expr(*body);
                match self.leaf(&call).cloned() {
                    Some(g) => {
                        let join = JoinId(self.f.num_joins);
                        self.f.num_joins += 1;
                        let copy = self.copy(&g, &call, Some(join));
                        let copy = self.unroll(&call, copy);
                        Expr::LetJoin {
                            join,
                            params: vec![var],
                            recursive: false,
                            join_body: Box::new(body),
                            body: Box::new(copy),
                        }
                    }
                    None => match self.loop_leaf(&call).cloned() {
                        Some(g) => self.inline_loop(&g, &call, var, body),
                        None => Expr::LetCall {
                            var,
                            call,
                            body: Box::new(body),
                        },
                    },
                }
            }
            Expr::TailCall(call) => match self.leaf(&call).cloned() {
                Some(g) => self.copy(&g, &call, None),
                None => Expr::TailCall(call),
            },
            Expr::LetJoin {
                join,
                params,
                recursive,
                join_body,
                body,
            } => Expr::LetJoin {
                join,
                params,
                recursive,
                join_body: Box::new(self.expr(*join_body)),
                body: Box::new(self.expr(*body)),
            },
            Expr::If { test, then, else_ } => Expr::If {
                test,
                then: Box::new(self.expr(*then)),
                else_: Box::new(self.expr(*else_)),
            },
            Expr::Switch { on, cases, default } => Expr::Switch {
                on,
                cases: cases.into_iter().map(|(c, x)| (c, self.expr(x))).collect(),
                default: Box::new(self.expr(*default)),
            },
            Expr::Try {
                body,
                class,
                reason,
                trace,
                handler,
            } => Expr::Try {
                body: Box::new(self.expr(*body)),
                class,
                reason,
                trace,
                handler: Box::new(self.expr(*handler)),
            },
            Expr::RecvPeek { msg, got, empty } => Expr::RecvPeek {
                msg,
                got: Box::new(self.expr(*got)),
                empty: Box::new(self.expr(*empty)),
            },
            Expr::RecvWait {
                timeout,
                retry,
                loc,
            } => Expr::RecvWait {
                timeout: timeout.map(|(t, x)| (t, Box::new(self.expr(*x)))),
                retry: Box::new(self.expr(*retry)),
                loc,
            },
            other @ (Expr::Return(_) | Expr::Jump(..) | Expr::Fail { .. }) => other,
        }
    }

    /// A copy of a tiny function inlined into itself (at most `UNROLL_NODES` nodes:
    /// `fib/1`, binary-trees' `make/1`) has its own calls inlined once more: two levels
    /// of the recursion per call instead of one.
    fn unroll(&mut self, call: &Call, copy: Expr) -> Expr {
        let own = matches!(call.callee, Callee::Local { fun_id, .. } if fun_id == self.caller);
        let tiny = self.leaves[self.caller.0 as usize]
            .as_ref()
            .is_some_and(|g| nodes(&g.body) <= UNROLL_NODES);
        if !own || !tiny || self.unrolling {
            return copy;
        }
        self.unrolling = true;
        let copy = self.expr(copy);
        self.unrolling = false;
        copy
    }

    /// A copy of `g`'s body for `call`: its parameters bound to the arguments, every
    /// other variable and join fresh, its returns jumping to `result` (a non-tail call)
    /// or kept (a tail call), its locations marked as inlined.
    fn copy(&mut self, g: &Function, call: &Call, result: Option<JoinId>) -> Expr {
        self.copy_with(g, call, result, None).1
    }

    /// `copy`, or for a loop (`lp`: its join) a copy whose parameters are fresh (the
    /// loop join's, returned) and whose self tail calls jump to `lp`.
    fn copy_with(
        &mut self,
        g: &Function,
        call: &Call,
        result: Option<JoinId>,
        lp: Option<JoinId>,
    ) -> (Vec<Var>, Expr) {
        self.inlined.push(Inlined {
            callee: match call.callee {
                Callee::Local { fun_id, .. } => fun_id,
                _ => self.caller,
            },
            caller: self.caller,
            call: call.loc,
            tail: result.is_none(),
        });
        let inl = self.inlined.len() as u32;
        let mut vars: HashMap<Var, Var> = HashMap::new();
        let mut moves = Vec::new();
        let mut params = Vec::new();
        for (p, a) in g.params.iter().zip(&call.args) {
            if lp.is_some() {
                let n = self.fresh_var(g, *p);
                vars.insert(*p, n);
                params.push(n);
                continue;
            }
            match a {
                Operand::Var(v) => {
                    vars.insert(*p, *v);
                }
                lit => {
                    let n = self.fresh_var(g, *p);
                    vars.insert(*p, n);
                    moves.push((n, lit.clone()));
                }
            }
        }
        for i in 0..g.var_names.len() as u32 {
            if !vars.contains_key(&Var(i)) {
                let n = self.fresh_var(g, Var(i));
                vars.insert(Var(i), n);
            }
        }
        let joins: HashMap<JoinId, JoinId> = (0..g.num_joins)
            .map(|j| (JoinId(j), JoinId(self.f.num_joins + j)))
            .collect();
        self.f.num_joins += g.num_joins;
        let mut body = g.body.clone();
        let own = match call.callee {
            Callee::Local { fun_id, .. } => lp.map(|l| (fun_id, l)),
            _ => None,
        };
        relabel(&mut body, &vars, &joins, inl, result, own);
        for (v, lit) in moves.into_iter().rev() {
            body = Expr::Let {
                var: v,
                prim: Prim::Move(lit),
                loc: Loc { inl, ..call.loc },
                body: Box::new(body),
            };
        }
        (params, body)
    }

    fn fresh_var(&mut self, g: &Function, v: Var) -> Var {
        let n = Var(self.f.var_names.len() as u32);
        self.f
            .var_names
            .push(g.var_names.get(v.0 as usize).cloned().flatten());
        n
    }
}

/// Rename every variable (bound or used) and join of an inlinable body, mark its
/// locations with `inl`, and turn its returns into jumps to `result` when given.
fn relabel(
    e: &mut Expr,
    vars: &HashMap<Var, Var>,
    joins: &HashMap<JoinId, JoinId>,
    inl: u32,
    result: Option<JoinId>,
    own: Option<(FunId, JoinId)>,
) {
    let v = |x: &mut Var| {
        if let Some(n) = vars.get(x) {
            *x = *n;
        }
    };
    let j = |x: &mut JoinId| {
        if let Some(n) = joins.get(x) {
            *x = *n;
        }
    };
    match e {
        Expr::Let {
            var,
            prim,
            loc,
            body,
        } => {
            v(var);
            rn_prim(prim, vars);
            loc.inl = inl;
            relabel(body, vars, joins, inl, result, own);
        }
        Expr::Do { prim, loc, body } => {
            rn_prim(prim, vars);
            loc.inl = inl;
            relabel(body, vars, joins, inl, result, own);
        }
        Expr::Return(o) => {
            rn_op(o, vars);
            if let Some(r) = result {
                *e = Expr::Jump(r, vec![o.clone()]);
            }
        }
        Expr::LetJoin {
            join,
            params,
            join_body,
            body,
            ..
        } => {
            j(join);
            params.iter_mut().for_each(v);
            relabel(join_body, vars, joins, inl, result, own);
            relabel(body, vars, joins, inl, result, own);
        }
        Expr::Jump(k, args) => {
            j(k);
            args.iter_mut().for_each(|o| rn_op(o, vars));
        }
        Expr::If { test, then, else_ } => {
            rn_test(test, vars);
            match test {
                Test::MapGet { out, .. } | Test::Guard { out, .. } => v(out),
                Test::BsGet { out, rest, .. } => {
                    if let Some(o) = out {
                        v(o);
                    }
                    v(rest);
                }
                _ => {}
            }
            relabel(then, vars, joins, inl, result, own);
            relabel(else_, vars, joins, inl, result, own);
        }
        Expr::Switch { on, cases, default } => {
            v(on);
            for (_, c) in cases.iter_mut() {
                relabel(c, vars, joins, inl, result, own);
            }
            relabel(default, vars, joins, inl, result, own);
        }
        Expr::Fail { reason, loc } => {
            rn_fail(reason, vars);
            loc.inl = inl;
        }
        Expr::LetCall { var, call, body } => {
            v(var);
            rn_call(call, vars);
            call.loc.inl = inl;
            relabel(body, vars, joins, inl, result, own);
        }
        // A loop's self tail call (`is_inlinable_loop`): a jump to the loop.
        Expr::TailCall(call) => {
            if let (Callee::Local { fun_id, .. }, Some((me, lp))) = (&call.callee, own) {
                if *fun_id == me {
                    let mut args = call.args.clone();
                    args.iter_mut().for_each(|o| rn_op(o, vars));
                    *e = Expr::Jump(lp, args);
                }
            }
        }
        // Not in an inlinable body (`is_inlinable`).
        Expr::Try { .. } | Expr::RecvPeek { .. } | Expr::RecvWait { .. } => {}
    }
}
