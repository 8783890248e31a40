//! Speculative integer runs, in ordinary (non-clone) code: the integer counterpart of
//! `fblock` (speculative float blocks), which is tried first where a float block starts.
//!
//! Owns: finding a straight run of pure arithmetic `Let`s (`erlang` `+ - * / div rem band
//! bor bxor bsr` with two operands) holding at least two integer operations, and
//! translating it twice: a fast path that assumes small integers (and floats where the
//! float analysis says so) and knows, from one test passed, that a value stays small
//! through the rest of the run (as a native clone does), and the ordinary translation,
//! which the fast path jumps to from its start as soon as anything else happens
//! (an operand that is not a small integer, an overflow, a full heap, any runtime call).
//! The run is pure, so doing it again from its start is safe; results, errors and stack
//! traces are the ordinary code's. Both paths define the same variables and meet after
//! the run. `(I + J) * (I + J + 1) div 2 + I + 1` tests each operand once instead of
//! each intermediate result.
//! Must not: put anything with an effect, a call, a collection or a raise in a fast path
//! (the fast path's heap check bails out instead of collecting, so no value moves).

use super::{Tx, R};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use ferl_ir::ir::{Expr, Prim};
use ferl_runtime::process::offsets;

/// The arithmetic a run may hold (`erlang:F/2`).
const RUN_OPS: &[&str] = &[
    "+", "-", "*", "/", "div", "rem", "band", "bor", "bxor", "bsr",
];

/// At most this many `Let`s per run (the run's code is emitted twice).
const MAX_RUN: usize = 24;

impl<'a, 'm, 'f> Tx<'a, 'm, 'f> {
    /// The number of `Let`s from `e` on that form a speculative run worth having (at least
    /// two integer operations), in ordinary code outside a run.
    pub(super) fn spec_run_len(&self, e: &Expr) -> Option<usize> {
        if self.nat.is_some() || self.spec.is_some() {
            return None;
        }
        let (mut n, mut ints) = (0, 0);
        let mut e = e;
        while let Expr::Let {
            var, prim, body, ..
        } = e
        {
            if n == MAX_RUN {
                break;
            }
            if !self.fl.same.contains_key(var) {
                let Prim::Bif { module, name, args } = prim else {
                    break;
                };
                if &**module != "erlang" || args.len() != 2 || !RUN_OPS.contains(&&**name) {
                    break;
                }
                let float = self.fl.typed.contains(var)
                    || self.fl.dual.contains(var)
                    || args.iter().any(|a| self.fl.is_float(a));
                if &**name != "/" && !float {
                    ints += 1;
                }
            }
            n += 1;
            e = body;
        }
        (ints >= 2).then_some(n)
    }

    /// Translate the run of `n` `Let`s at `e` (`spec_run_len`): the fast path, then the
    /// ordinary code it bails out to; both continue after the run. Returns the expression
    /// after the run.
    pub(super) fn spec_run(&mut self, e: &'m Expr, n: usize) -> R<&'m Expr> {
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let merge = self.b.create_block();
        let facts = (self.facts.small.len(), self.facts.bounds.len());
        self.spec = Some(slow);
        let fast = self.lets(e, n);
        self.spec = None;
        self.facts.small.truncate(facts.0);
        self.facts.bounds.truncate(facts.1);
        let rest = fast?;
        self.jump(merge, &[]);
        self.b.switch_to_block(slow);
        self.lets(e, n)?;
        self.jump(merge, &[]);
        self.b.switch_to_block(merge);
        Ok(rest)
    }

    fn lets(&mut self, mut e: &'m Expr, n: usize) -> R<&'m Expr> {
        for _ in 0..n {
            e = self.let_(e)?;
        }
        Ok(e)
    }

    /// A fast path's heap check: `need` words free below `p.stop`, else bail out (the
    /// ordinary code collects).
    pub(super) fn spec_ensure(&mut self, need: usize) -> (Value, Value) {
        let p = self.p();
        let htop = self.load(p, offsets::HTOP as i32);
        let stop = self.load(p, offsets::STOP as i32);
        let end = self.b.ins().iadd_imm_s(htop, (need * 8) as i64);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, stop);
        let bb = self.bail_block();
        let ok = self.b.create_block();
        self.brif(full, bb, ok);
        self.b.switch_to_block(ok);
        (htop, stop)
    }
}
