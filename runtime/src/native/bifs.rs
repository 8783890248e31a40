//! BIFs compiled code calls directly as `ferl_bif_<m>_<f>_<a>(p, args...) -> term`
//! (NON_VALUE + status RAISE on error). Each is a thin adapter over the runtime's
//! `arith`/`cmp`/`term` helpers.
//!
//! Owns: the adapters and their symbol table. Must not: implement term semantics itself
//! (it calls the helpers), allocate outside the process's heap/fragments, or collect.

use crate::arith;
use crate::atom::idx;
use crate::cmp;
use crate::exception::{BifResult, Exception};
use crate::process::Process;
use crate::term::Term;
use std::cmp::Ordering;

fn ret(p: &mut Process, r: BifResult) -> u64 {
    match r {
        Ok(t) => t.raw(),
        Err(e) => p.raise(e.class, e.reason).raw(),
    }
}

macro_rules! bif {
    ($sym:ident, $m:literal, $f:literal, ($($a:ident),*), |$p:ident| $body:expr) => {
        #[doc = concat!("`", $m, ":", $f, "`.")]
        ///
        /// # Safety
        /// `p` must be a valid process; arguments valid terms.
        #[no_mangle]
        pub unsafe extern "C" fn $sym(p: *mut Process $(, $a: u64)*) -> u64 {
            // SAFETY: compiled code passes its own valid, exclusively accessed process.
            let $p = unsafe { &mut *p };
            // SAFETY: compiled code passes valid terms.
            $(let $a = unsafe { Term::from_raw($a) };)*
            let r: BifResult = (|| -> BifResult { $body })();
            ret($p, r)
        }
    };
}

fn boolean(b: bool) -> BifResult {
    Ok(Term::bool(b))
}

fn bool_arg(t: Term) -> Result<bool, Exception> {
    match t.atom_index() {
        Some(idx::TRUE) => Ok(true),
        Some(idx::FALSE) => Ok(false),
        _ => Err(Exception::badarg()),
    }
}

bif!(
    ferl_bif_erlang__2B_2,
    "erlang",
    "+",
    (a, b),
    |p| arith::add(p, a, b)
);
bif!(
    ferl_bif_erlang__2D_2,
    "erlang",
    "-",
    (a, b),
    |p| arith::sub(p, a, b)
);
bif!(
    ferl_bif_erlang__2A_2,
    "erlang",
    "*",
    (a, b),
    |p| arith::mul(p, a, b)
);
bif!(ferl_bif_erlang__2F_2, "erlang", "/", (a, b), |p| {
    arith::fdiv(p, a, b)
});
bif!(ferl_bif_erlang_div_2, "erlang", "div", (a, b), |p| {
    arith::div(p, a, b)
});
bif!(ferl_bif_erlang_rem_2, "erlang", "rem", (a, b), |p| {
    arith::rem(p, a, b)
});
bif!(ferl_bif_erlang_band_2, "erlang", "band", (a, b), |p| {
    arith::band(p, a, b)
});
bif!(ferl_bif_erlang_bor_2, "erlang", "bor", (a, b), |p| {
    arith::bor(p, a, b)
});
bif!(ferl_bif_erlang_bxor_2, "erlang", "bxor", (a, b), |p| {
    arith::bxor(p, a, b)
});
bif!(ferl_bif_erlang_bsl_2, "erlang", "bsl", (a, b), |p| {
    arith::bsl(p, a, b)
});
bif!(ferl_bif_erlang_bsr_2, "erlang", "bsr", (a, b), |p| {
    arith::bsr(p, a, b)
});
bif!(ferl_bif_erlang_bnot_1, "erlang", "bnot", (a), |p| {
    arith::bnot(p, a)
});
bif!(ferl_bif_erlang__2D_1, "erlang", "-", (a), |p| arith::neg(
    p, a
));
bif!(ferl_bif_erlang__2B_1, "erlang", "+", (a), |p| arith::plus(
    p, a
));
bif!(ferl_bif_erlang__3D_3D_2, "erlang", "==", (a, b), |_p| {
    boolean(cmp::eq(a, b))
});
bif!(ferl_bif_erlang__2F_3D_2, "erlang", "/=", (a, b), |_p| {
    boolean(!cmp::eq(a, b))
});
bif!(ferl_bif_erlang__3D_3A_3D_2, "erlang", "=:=", (a, b), |_p| {
    boolean(cmp::exact_eq(a, b))
});
bif!(ferl_bif_erlang__3D_2F_3D_2, "erlang", "=/=", (a, b), |_p| {
    boolean(!cmp::exact_eq(a, b))
});
bif!(ferl_bif_erlang__3C_2, "erlang", "<", (a, b), |_p| boolean(
    cmp::compare(a, b) == Ordering::Less
));
bif!(ferl_bif_erlang__3D_3C_2, "erlang", "=<", (a, b), |_p| {
    boolean(cmp::compare(a, b) != Ordering::Greater)
});
bif!(ferl_bif_erlang__3E_2, "erlang", ">", (a, b), |_p| boolean(
    cmp::compare(a, b) == Ordering::Greater
));
bif!(ferl_bif_erlang__3E_3D_2, "erlang", ">=", (a, b), |_p| {
    boolean(cmp::compare(a, b) != Ordering::Less)
});
bif!(ferl_bif_erlang_not_1, "erlang", "not", (a), |_p| bool_arg(
    a
)
.map(|x| Term::bool(!x)));
bif!(ferl_bif_erlang_and_2, "erlang", "and", (a, b), |_p| Ok(
    Term::bool(bool_arg(a)? & bool_arg(b)?)
));
bif!(ferl_bif_erlang_or_2, "erlang", "or", (a, b), |_p| Ok(
    Term::bool(bool_arg(a)? | bool_arg(b)?)
));
bif!(ferl_bif_erlang_xor_2, "erlang", "xor", (a, b), |_p| Ok(
    Term::bool(bool_arg(a)? ^ bool_arg(b)?)
));

macro_rules! table {
    ($(($sym:ident, $m:literal, $f:literal, $a:literal)),* $(,)?) => {
        pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$((stringify!($sym), $sym as *const u8)),*]
        }
        /// (symbol, module, function, arity) of every adapter (the operators are also
        /// exported functions of `erlang`: `fun erlang:'+'/2`, `apply(erlang, '<', L)`).
        pub(crate) fn names() -> Vec<(&'static str, &'static str, &'static str, u32)> {
            vec![$((stringify!($sym), $m, $f, $a)),*]
        }
    };
}

table![
    (ferl_bif_erlang__2B_2, "erlang", "+", 2),
    (ferl_bif_erlang__2D_2, "erlang", "-", 2),
    (ferl_bif_erlang__2A_2, "erlang", "*", 2),
    (ferl_bif_erlang__2F_2, "erlang", "/", 2),
    (ferl_bif_erlang_div_2, "erlang", "div", 2),
    (ferl_bif_erlang_rem_2, "erlang", "rem", 2),
    (ferl_bif_erlang_band_2, "erlang", "band", 2),
    (ferl_bif_erlang_bor_2, "erlang", "bor", 2),
    (ferl_bif_erlang_bxor_2, "erlang", "bxor", 2),
    (ferl_bif_erlang_bsl_2, "erlang", "bsl", 2),
    (ferl_bif_erlang_bsr_2, "erlang", "bsr", 2),
    (ferl_bif_erlang_bnot_1, "erlang", "bnot", 1),
    (ferl_bif_erlang__2D_1, "erlang", "-", 1),
    (ferl_bif_erlang__2B_1, "erlang", "+", 1),
    (ferl_bif_erlang__3D_3D_2, "erlang", "==", 2),
    (ferl_bif_erlang__2F_3D_2, "erlang", "/=", 2),
    (ferl_bif_erlang__3D_3A_3D_2, "erlang", "=:=", 2),
    (ferl_bif_erlang__3D_2F_3D_2, "erlang", "=/=", 2),
    (ferl_bif_erlang__3C_2, "erlang", "<", 2),
    (ferl_bif_erlang__3D_3C_2, "erlang", "=<", 2),
    (ferl_bif_erlang__3E_2, "erlang", ">", 2),
    (ferl_bif_erlang__3E_3D_2, "erlang", ">=", 2),
    (ferl_bif_erlang_not_1, "erlang", "not", 1),
    (ferl_bif_erlang_and_2, "erlang", "and", 2),
    (ferl_bif_erlang_or_2, "erlang", "or", 2),
    (ferl_bif_erlang_xor_2, "erlang", "xor", 2),
];

#[cfg(test)]
mod tests {
    #[test]
    fn bif_symbols_are_mangled_like_the_abi() {
        for (sym, m, f, a) in super::names() {
            assert_eq!(sym, crate::abi::bif_symbol(m, f, a));
        }
    }
}
