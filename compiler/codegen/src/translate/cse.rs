//! Repeated pure arithmetic: `let a = P; let b = P` (consecutive, `P` the same integer
//! arithmetic BIF on the same variables and integer literals) binds `b` to `a`'s value
//! instead of computing it again (`(I + J) * (I + J + 1)` after inlining).
//!
//! Owns: finding such pairs. Must not: alias across anything in between (no other
//! statement, so no collection can move `a`'s value before `b` takes it), or alias values
//! the float analysis keeps unboxed (`FloatInfo::unboxed`, `dual`: no plain term there).

use crate::floats::FloatInfo;
use ferl_ir::ir::{Expr, Literal, Operand, Prim, Var};
use std::collections::HashMap;

/// `b -> a` for every `let a = P; let b = P` pair in `body`.
pub(super) fn repeats(body: &Expr, fl: &FloatInfo) -> HashMap<Var, Var> {
    let mut out = HashMap::new();
    body.visit(&mut |e| {
        let Expr::Let {
            var: a,
            prim: p,
            body: next,
            ..
        } = e
        else {
            return;
        };
        let Expr::Let {
            var: b, prim: q, ..
        } = &**next
        else {
            return;
        };
        let plain =
            |v: &Var| !fl.unboxed.contains(v) && !fl.dual.contains(v) && !fl.typed.contains(v);
        if p == q && pure_int_arith(p) && plain(a) && plain(b) {
            out.insert(*b, *a);
        }
    });
    out
}

/// An arithmetic BIF of `erlang` with no effect but its result (or its exception), on
/// variables and integer literals only.
fn pure_int_arith(p: &Prim) -> bool {
    let Prim::Bif { module, name, args } = p else {
        return false;
    };
    &**module == "erlang"
        && args.len() == 2
        && matches!(
            &**name,
            "+" | "-" | "*" | "div" | "rem" | "band" | "bor" | "bxor" | "bsl" | "bsr"
        )
        && args
            .iter()
            .all(|a| matches!(a, Operand::Var(_) | Operand::Lit(Literal::Int(_))))
}
