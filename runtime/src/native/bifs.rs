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
use crate::term::{self, Term};
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

bif!(ferl_bif_erlang__2B_2, "erlang", "+", (a, b), |p| arith::add(p, a, b));
bif!(ferl_bif_erlang__2D_2, "erlang", "-", (a, b), |p| arith::sub(p, a, b));
bif!(ferl_bif_erlang__2A_2, "erlang", "*", (a, b), |p| arith::mul(p, a, b));
bif!(ferl_bif_erlang__2F_2, "erlang", "/", (a, b), |p| arith::fdiv(p, a, b));
bif!(ferl_bif_erlang_div_2, "erlang", "div", (a, b), |p| arith::div(p, a, b));
bif!(ferl_bif_erlang_rem_2, "erlang", "rem", (a, b), |p| arith::rem(p, a, b));
bif!(ferl_bif_erlang_band_2, "erlang", "band", (a, b), |p| arith::band(p, a, b));
bif!(ferl_bif_erlang_bor_2, "erlang", "bor", (a, b), |p| arith::bor(p, a, b));
bif!(ferl_bif_erlang_bxor_2, "erlang", "bxor", (a, b), |p| arith::bxor(p, a, b));
bif!(ferl_bif_erlang_bsl_2, "erlang", "bsl", (a, b), |p| arith::bsl(p, a, b));
bif!(ferl_bif_erlang_bsr_2, "erlang", "bsr", (a, b), |p| arith::bsr(p, a, b));
bif!(ferl_bif_erlang_bnot_1, "erlang", "bnot", (a), |p| arith::bnot(p, a));
bif!(ferl_bif_erlang__2D_1, "erlang", "-", (a), |p| arith::neg(p, a));
bif!(ferl_bif_erlang__2B_1, "erlang", "+", (a), |p| arith::plus(p, a));
bif!(ferl_bif_erlang_abs_1, "erlang", "abs", (a), |p| arith::abs(p, a));
bif!(ferl_bif_erlang_float_1, "erlang", "float", (a), |p| arith::to_float(p, a));
bif!(ferl_bif_erlang__3D_3D_2, "erlang", "==", (a, b), |_p| boolean(cmp::eq(a, b)));
bif!(ferl_bif_erlang__2F_3D_2, "erlang", "/=", (a, b), |_p| boolean(!cmp::eq(a, b)));
bif!(ferl_bif_erlang__3D_3A_3D_2, "erlang", "=:=", (a, b), |_p| boolean(cmp::exact_eq(a, b)));
bif!(ferl_bif_erlang__3D_2F_3D_2, "erlang", "=/=", (a, b), |_p| boolean(!cmp::exact_eq(a, b)));
bif!(ferl_bif_erlang__3C_2, "erlang", "<", (a, b), |_p| boolean(cmp::compare(a, b) == Ordering::Less));
bif!(ferl_bif_erlang__3D_3C_2, "erlang", "=<", (a, b), |_p| boolean(cmp::compare(a, b) != Ordering::Greater));
bif!(ferl_bif_erlang__3E_2, "erlang", ">", (a, b), |_p| boolean(cmp::compare(a, b) == Ordering::Greater));
bif!(ferl_bif_erlang__3E_3D_2, "erlang", ">=", (a, b), |_p| boolean(cmp::compare(a, b) != Ordering::Less));
bif!(ferl_bif_erlang_not_1, "erlang", "not", (a), |_p| bool_arg(a).map(|x| Term::bool(!x)));
bif!(ferl_bif_erlang_and_2, "erlang", "and", (a, b), |_p| Ok(Term::bool(bool_arg(a)? & bool_arg(b)?)));
bif!(ferl_bif_erlang_or_2, "erlang", "or", (a, b), |_p| Ok(Term::bool(bool_arg(a)? | bool_arg(b)?)));
bif!(ferl_bif_erlang_xor_2, "erlang", "xor", (a, b), |_p| Ok(Term::bool(bool_arg(a)? ^ bool_arg(b)?)));
bif!(ferl_bif_erlang_error_1, "erlang", "error", (r), |_p| Err(Exception::error(r)));
bif!(ferl_bif_erlang_error_2, "erlang", "error", (r, _args), |_p| Err(Exception::error(r)));
bif!(ferl_bif_erlang_exit_1, "erlang", "exit", (r), |_p| Err(Exception { class: Term::atom(idx::EXIT), reason: r }));
bif!(ferl_bif_erlang_throw_1, "erlang", "throw", (r), |_p| Err(Exception { class: Term::atom(idx::THROW), reason: r }));
bif!(ferl_bif_erlang_self_0, "erlang", "self", (), |p| Ok(p.pid()));
bif!(ferl_bif_erlang_hd_1, "erlang", "hd", (l), |_p| l.cons_parts().map(|c| c.0).ok_or_else(Exception::badarg));
bif!(ferl_bif_erlang_tl_1, "erlang", "tl", (l), |_p| l.cons_parts().map(|c| c.1).ok_or_else(Exception::badarg));
bif!(ferl_bif_erlang_tuple__size_1, "erlang", "tuple_size", (t), |_p| t
    .tuple_elements()
    .map(|e| Term::small(e.len() as i64).unwrap_or(term::NIL))
    .ok_or_else(Exception::badarg));
bif!(ferl_bif_erlang_element_2, "erlang", "element", (n, t), |_p| {
    match (n.small_value(), t.tuple_elements()) {
        (Some(i), Some(e)) if i >= 1 && (i as usize) <= e.len() => Ok(e[i as usize - 1]),
        _ => Err(Exception::badarg()),
    }
});
bif!(ferl_bif_erlang_setelement_3, "erlang", "setelement", (n, t, v), |p| {
    match (n.small_value(), t.tuple_elements().map(<[Term]>::to_vec)) {
        (Some(i), Some(mut e)) if i >= 1 && (i as usize) <= e.len() => {
            e[i as usize - 1] = v;
            Ok(term::tuple(p, &e))
        }
        _ => Err(Exception::badarg()),
    }
});
bif!(ferl_bif_erlang_length_1, "erlang", "length", (l), |_p| {
    let mut n = 0i64;
    let mut t = l;
    while let Some((_, tl)) = t.cons_parts() {
        n += 1;
        t = tl;
    }
    if t.is_nil() {
        Ok(Term::small(n).unwrap_or(term::NIL))
    } else {
        Err(Exception::badarg())
    }
});
bif!(ferl_bif_erlang__2B_2B_2, "erlang", "++", (a, b), |p| {
    match a.list_to_vec() {
        Some(v) => Ok(term::list_with_tail(p, &v, b)),
        None => Err(Exception::badarg()),
    }
});
bif!(ferl_bif_erlang_tuple__to__list_1, "erlang", "tuple_to_list", (t), |p| match t.tuple_elements().map(<[Term]>::to_vec) {
    Some(v) => Ok(term::list(p, &v)),
    None => Err(Exception::badarg()),
});
bif!(ferl_bif_erlang_list__to__tuple_1, "erlang", "list_to_tuple", (l), |p| match l.list_to_vec() {
    Some(v) => Ok(term::tuple(p, &v)),
    None => Err(Exception::badarg()),
});
bif!(ferl_bif_erlang_max_2, "erlang", "max", (a, b), |_p| Ok(if cmp::compare(a, b) == Ordering::Less { b } else { a }));
bif!(ferl_bif_erlang_min_2, "erlang", "min", (a, b), |_p| Ok(if cmp::compare(a, b) == Ordering::Greater { b } else { a }));

macro_rules! table {
    ($(($sym:ident, $m:literal, $f:literal, $a:literal)),* $(,)?) => {
        pub(crate) fn symbols() -> Vec<(&'static str, *const u8)> {
            vec![$((stringify!($sym), $sym as *const u8)),*]
        }
        #[cfg(test)]
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
    (ferl_bif_erlang_abs_1, "erlang", "abs", 1),
    (ferl_bif_erlang_float_1, "erlang", "float", 1),
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
    (ferl_bif_erlang_error_1, "erlang", "error", 1),
    (ferl_bif_erlang_error_2, "erlang", "error", 2),
    (ferl_bif_erlang_exit_1, "erlang", "exit", 1),
    (ferl_bif_erlang_throw_1, "erlang", "throw", 1),
    (ferl_bif_erlang_self_0, "erlang", "self", 0),
    (ferl_bif_erlang_hd_1, "erlang", "hd", 1),
    (ferl_bif_erlang_tl_1, "erlang", "tl", 1),
    (ferl_bif_erlang_tuple__size_1, "erlang", "tuple_size", 1),
    (ferl_bif_erlang_element_2, "erlang", "element", 2),
    (ferl_bif_erlang_setelement_3, "erlang", "setelement", 3),
    (ferl_bif_erlang_length_1, "erlang", "length", 1),
    (ferl_bif_erlang__2B_2B_2, "erlang", "++", 2),
    (ferl_bif_erlang_tuple__to__list_1, "erlang", "tuple_to_list", 1),
    (ferl_bif_erlang_list__to__tuple_1, "erlang", "list_to_tuple", 1),
    (ferl_bif_erlang_max_2, "erlang", "max", 2),
    (ferl_bif_erlang_min_2, "erlang", "min", 2),
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
