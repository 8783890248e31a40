//! Speculative float blocks: a straight-line run of float arithmetic (`+ - * /` and
//! `math:sqrt/1`, each with a float-typed, speculative-pair or float-literal operand or
//! result, none hinted an integer: see `block_step`) compiled twice.
//!
//! The fast path tests each input of the run once, at its first use (a boxed float, a
//! speculative pair holding a float; unboxed floats need no test; an input read from a
//! tuple by `get_element` with no collection possible since is loaded again from the
//! tuple, so no term is kept in a register across the run), computes every operation in
//! f64 with no per-operation dispatch and checks finiteness once: on the sum of the
//! results whose inf or NaN would not show in a later result of the run (`+ - *`, a
//! dividend and `sqrt` propagate inf and NaN; division by zero and `sqrt` of a negative
//! number make one). Then it boxes the results that must be terms and builds the tuples
//! and cons cells that follow the run (moved after arithmetic that does not read them:
//! they are pure) with one heap check for all of them. Any failed test jumps to the
//! generic code of the whole run (`Tx::let_prim` per statement, as without blocks), a
//! cold copy: the operations are pure, so redoing them gives the same values, errors and
//! stack traces as without the fast path (a sum that overflows although every result is
//! finite only takes the slower path).
//!
//! `FERL_NO_FLOAT_BLOCKS=1` at compile time turns blocks off (for comparisons; part of
//! the object cache key). Not used in native clones (no unboxed floats there).
//!
//! Owns: finding the run, the fast path, the merge. Must not: change any value's
//! representation (`FloatInfo` decides those; both paths define each variable as the
//! generic code does), raise, or keep a term across the heap check without reloading it.

use super::*;
use std::collections::HashSet;

/// One statement of a block.
enum Step<'m> {
    /// `var = a op b`, `op` one of `+ - * /`.
    Op {
        var: Var,
        op: &'m str,
        a: &'m Operand,
        b: &'m Operand,
        prim: &'m Prim,
        loc: ir::Loc,
    },
    /// `var = math:sqrt(arg)`.
    Sqrt { var: Var, call: &'m Call },
    /// `var = tuple(..)` or `cons(..)`, built after the arithmetic.
    Build {
        var: Var,
        prim: &'m Prim,
        loc: ir::Loc,
    },
}

impl Step<'_> {
    fn var(&self) -> Var {
        match self {
            Step::Op { var, .. } | Step::Sqrt { var, .. } | Step::Build { var, .. } => *var,
        }
    }
    fn uses(&self) -> Vec<Var> {
        match self {
            Step::Op { a, b, .. } => [a, b].iter().filter_map(|o| o.as_var()).collect(),
            Step::Sqrt { call, .. } => call.args[0].as_var().into_iter().collect(),
            Step::Build { prim, .. } => prim.operands().iter().filter_map(|o| o.as_var()).collect(),
        }
    }
    /// The arithmetic operands: (operand, whether inf/NaN there makes the result one).
    fn args(&self) -> Vec<(&Operand, bool)> {
        match self {
            Step::Op { op, a, b, .. } => vec![(*a, true), (*b, *op != "/")],
            Step::Sqrt { call, .. } => vec![(&call.args[0], true)],
            Step::Build { .. } => Vec::new(),
        }
    }
}

/// Fewest arithmetic operations worth a block.
const MIN_OPS: usize = 2;

/// An integer literal as the f64 mixed arithmetic converts it to (small integers only).
fn int_lit_f64(o: &Operand) -> Option<Option<f64>> {
    match o {
        Operand::Lit(Literal::Int(i)) => {
            let small = i64::try_from(i)
                .ok()
                .filter(|v| (-(1i64 << 59)..(1i64 << 59)).contains(v));
            Some(small.map(|v| v as f64))
        }
        _ => None,
    }
}

impl<'a, 'm, 'f> Tx<'a, 'm, 'f> {
    /// An operand a block can read: a variable, a float or a small integer literal.
    fn block_operand(o: &Operand) -> bool {
        matches!(o, Operand::Var(_) | Operand::Lit(Literal::Float(_)))
            || matches!(int_lit_f64(o), Some(Some(_)))
    }
    /// Is `o` a float or most likely one (the float analysis speculates on it).
    fn floatish(&self, o: &Operand) -> bool {
        match o {
            Operand::Lit(Literal::Float(_)) => true,
            Operand::Var(v) => {
                self.fl.typed.contains(v) || self.fl.dual.contains(v) || self.fl.unboxed.contains(v)
            }
            Operand::Lit(_) => false,
        }
    }
    /// `e` as a statement of a block, when it is one.
    fn block_step(&self, e: &'m Expr) -> Option<(Step<'m>, &'m Expr)> {
        match e {
            Expr::Let {
                var,
                prim,
                body,
                loc,
            } if !self.fl.same.contains_key(var) => {
                if let Some((op, a, b)) = floats::float_arith_op(prim) {
                    let intish = self.fl.intish.contains(var)
                        || [a, b]
                            .iter()
                            .any(|o| o.as_var().is_some_and(|v| self.fl.intish.contains(&v)));
                    let likely = self.fl.typed.contains(var)
                        || self.fl.dual.contains(var)
                        || self.floatish(a)
                        || self.floatish(b);
                    if intish || !likely || !Self::block_operand(a) || !Self::block_operand(b) {
                        return None;
                    }
                    return Some((
                        Step::Op {
                            var: *var,
                            op,
                            a,
                            b,
                            prim,
                            loc: *loc,
                        },
                        body,
                    ));
                }
                match prim {
                    Prim::Tuple(_) | Prim::Cons(..) => Some((
                        Step::Build {
                            var: *var,
                            prim,
                            loc: *loc,
                        },
                        body,
                    )),
                    _ => None,
                }
            }
            Expr::LetCall { var, call, body }
                if floats::is_sqrt(&call.callee, call.args.len())
                    && direct_bif(call).is_some()
                    && Self::block_operand(&call.args[0]) =>
            {
                Some((Step::Sqrt { var: *var, call }, body))
            }
            _ => None,
        }
    }

    /// Can a block start at `e` (an arithmetic statement followed by another).
    pub(super) fn float_block_start(&self, e: &'m Expr) -> bool {
        if self.cx.no_float_blocks {
            return false;
        }
        match self.block_step(e) {
            Some((Step::Build { .. }, _)) | None => false,
            Some((_, _)) => true,
        }
    }

    /// The run of statements from `e`: arithmetic, with tuples and cons cells in between
    /// that later arithmetic does not read, and those right after it. `None` when it has
    /// fewer than `MIN_OPS` operations.
    fn block_steps(&self, e: &'m Expr) -> Option<(Vec<Step<'m>>, &'m Expr)> {
        let mut steps = Vec::new();
        let mut built: HashSet<Var> = HashSet::new();
        let mut cur = e;
        while let Some((step, next)) = self.block_step(cur) {
            match step {
                Step::Build { var, .. } => {
                    built.insert(var);
                }
                _ => {
                    if step.uses().iter().any(|v| built.contains(v)) {
                        break;
                    }
                }
            }
            steps.push(step);
            cur = next;
        }
        let ops = steps
            .iter()
            .filter(|s| !matches!(s, Step::Build { .. }))
            .count();
        (ops >= MIN_OPS).then_some((steps, cur))
    }

    /// Input `v` (its value `t`) loaded again from its tuple when no collection can have
    /// happened since its `get_element` (noted in `refetched`, for the generic code to do
    /// the same): its first load is then dead, instead of a value kept across the block.
    fn refetch(&mut self, v: Var, t: Value, refetched: &mut Vec<(Var, Var, i32)>) -> Value {
        match self.elem_src.get(&v) {
            Some(&(tup, off, epoch)) if epoch == self.gc_epoch => {
                let tv = self.use_(tup);
                let x = self.load(tv, off);
                self.def(v, x);
                refetched.push((v, tup, off));
                x
            }
            _ => t,
        }
    }

    /// The f64 of a term that must be a boxed float, else a jump to `no`.
    fn tested_float(&mut self, t: Value, no: Block) -> Value {
        let a = self.b.ins().iadd_imm_s(t, -2);
        let tag = self.b.ins().band_imm_s(a, 3);
        let boxed = self.b.ins().icmp_imm_s(IntCC::Equal, tag, 0);
        self.guard_to(boxed, no);
        let h = self.load(t, -2);
        let is_float = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, h, FLOAT_HEADER as i64);
        self.guard_to(is_float, no);
        self.b.ins().load(types::F64, mf(), t, 6)
    }

    /// Compile the block starting at `e`, when there is one: the expression after it.
    pub(super) fn float_block(&mut self, e: &'m Expr) -> R<Option<&'m Expr>> {
        let Some((steps, rest)) = self.block_steps(e) else {
            return Ok(None);
        };
        let (ops, builds): (Vec<&Step>, Vec<&Step>) =
            steps.iter().partition(|s| !matches!(s, Step::Build { .. }));
        let generic = self.b.create_block();
        let join = self.b.create_block();

        // The arithmetic in order; each input is tested at its first use.
        let mut vals: HashMap<Var, Value> = HashMap::new();
        let mut refetched: Vec<(Var, Var, i32)> = Vec::new();
        let mut propagated: HashSet<Var> = HashSet::new();
        for s in &ops {
            for (o, prop) in s.args() {
                if let (Some(v), true) = (o.as_var(), prop) {
                    propagated.insert(v);
                }
            }
        }
        let mut sinks: Vec<Value> = Vec::new();
        for s in &ops {
            let mut args: Vec<Value> = Vec::new();
            for (o, _) in s.args() {
                args.push(match o {
                    Operand::Var(v) => match vals.get(v) {
                        Some(x) => *x,
                        None => {
                            let x = match self.num(o)? {
                                Num::F(x) => x,
                                Num::Boxed(t) => self.b.ins().load(types::F64, mf(), t, 6),
                                n @ Num::Dual(..) => self.spec_f64(&n, generic),
                                Num::Term(t) => {
                                    let t = self.refetch(*v, t, &mut refetched);
                                    self.tested_float(t, generic)
                                }
                            };
                            vals.insert(*v, x);
                            x
                        }
                    },
                    Operand::Lit(Literal::Float(x)) => self.b.ins().f64const(*x),
                    o => {
                        let x = int_lit_f64(o).flatten().unwrap_or(f64::NAN);
                        self.b.ins().f64const(x)
                    }
                });
            }
            let r = match s {
                Step::Op { op, .. } => match *op {
                    "+" => self.b.ins().fadd(args[0], args[1]),
                    "-" => self.b.ins().fsub(args[0], args[1]),
                    "*" => self.b.ins().fmul(args[0], args[1]),
                    _ => self.b.ins().fdiv(args[0], args[1]),
                },
                _ => self.b.ins().sqrt(args[0]),
            };
            vals.insert(s.var(), r);
            if !propagated.contains(&s.var()) {
                sinks.push(r);
            }
        }
        // An inf or NaN among them makes their sum inf or NaN, and a sum s is finite
        // exactly when s - s is 0.0. (All finite but a sum that overflows: the generic
        // code, which gets the same results, only slower.)
        let mut sum: Option<Value> = None;
        for r in sinks {
            sum = Some(match sum {
                Some(a) => self.b.ins().fadd(a, r),
                None => r,
            });
        }
        let acc = sum.map(|s| self.b.ins().fsub(s, s));
        if let Some(a) = acc {
            let finite = self.b.ins().fcmp(FloatCC::Ordered, a, a);
            self.guard_to(finite, generic);
        }

        // Results as the generic code represents them; boxed ones and the builds share
        // one heap check.
        let mut boxed: Vec<Var> = Vec::new();
        for s in &ops {
            let (v, r) = (s.var(), vals[&s.var()]);
            if self.fl.unboxed.contains(&v) {
                let x = self.fvar(v);
                self.b.def_var(x, r);
                let z = self.iconst(0);
                self.def(v, z);
            } else if self.fl.dual.contains(&v) {
                let x = self.fvar(v);
                self.b.def_var(x, r);
                let nil = self.iconst(NIL);
                self.def(v, nil);
            } else {
                boxed.push(v);
            }
        }
        let size = |p: &Prim| match p {
            Prim::Tuple(es) => 1 + es.len(),
            _ => 2,
        };
        let words = 2 * boxed.len()
            + builds
                .iter()
                .map(|s| match s {
                    Step::Build { prim, .. } => size(prim),
                    _ => 0,
                })
                .sum::<usize>();
        if words > 0 {
            let mut live = self.info.needs(rest);
            for s in &builds {
                live.extend(s.uses());
            }
            for v in boxed
                .iter()
                .chain(builds.iter().map(|s| s.var()).collect::<Vec<_>>().iter())
            {
                live.remove(v);
            }
            let (htop, _) = self.ensure(words, &live)?;
            let mut off = 0i32;
            let fh = self.iconst(FLOAT_HEADER as i64);
            for v in &boxed {
                self.store(fh, htop, off);
                self.b.ins().store(mf(), vals[v], htop, off + 8);
                let t = self.b.ins().iadd_imm_s(htop, off as i64 + 2);
                self.def(*v, t);
                off += 16;
            }
            for s in &builds {
                let Step::Build { var, prim, .. } = s else {
                    continue;
                };
                let t = match prim {
                    Prim::Tuple(es) => {
                        let h = self.iconst(make_header(sub::TUPLE, es.len()) as i64);
                        self.store(h, htop, off);
                        let es = self.operands(es)?;
                        for (i, x) in es.iter().enumerate() {
                            self.store(*x, htop, off + 8 + 8 * i as i32);
                        }
                        self.b.ins().iadd_imm_s(htop, off as i64 + 2)
                    }
                    Prim::Cons(h, t) => {
                        let h = self.operand(h)?;
                        let t = self.operand(t)?;
                        self.store(h, htop, off);
                        self.store(t, htop, off + 8);
                        self.b.ins().iadd_imm_s(htop, off as i64 + 1)
                    }
                    _ => return Err(unsupported("float block: a build other than tuple/cons")),
                };
                self.def(*var, t);
                off += 8 * size(prim) as i32;
            }
            self.bump(htop, words);
        }
        self.jump(join, &[]);

        // The generic code, in the fast path's order: arithmetic, then the builds.
        self.b.switch_to_block(generic);
        let first = self.b.func.dfg.num_blocks();
        self.b.set_cold_block(generic);
        for (v, t, off) in refetched {
            let tv = self.use_(t);
            let x = self.load(tv, off);
            self.def(v, x);
        }
        let order: Vec<&Step> = ops.iter().chain(builds.iter()).copied().collect();
        let mut live_after: Vec<BTreeSet<Var>> = vec![BTreeSet::new(); order.len()];
        let mut live = self.info.needs(rest);
        for (i, s) in order.iter().enumerate().rev() {
            live.remove(&s.var());
            live_after[i] = live.clone();
            live.extend(s.uses());
        }
        for (s, live) in order.iter().zip(&live_after) {
            match s {
                Step::Op { var, prim, loc, .. } | Step::Build { var, prim, loc } => {
                    self.let_prim(*var, prim, *loc, live)?
                }
                Step::Sqrt { var, call } => self.let_sqrt(*var, call, live)?,
            }
        }
        self.jump(join, &[]);
        for i in first..self.b.func.dfg.num_blocks() {
            self.b.set_cold_block(Block::from_u32(i as u32));
        }
        self.b.switch_to_block(join);
        Ok(Some(rest))
    }
}
