//! The BIFs of module `math` (OTP 25 implements every one of them in C): `pi/0`, the
//! trigonometric and hyperbolic functions and their inverses, `exp`, `log`, `log2`,
//! `log10`, `pow`, `sqrt`, `fmod`, `erf`, `erfc`, and the float-returning `floor`/`ceil`.
//!
//! Owns: BEAM's argument and result rules: a non-number is `badarg`; an integer too large
//! for a double, and any NaN or infinite result (domain error, pole, overflow), is
//! `badarith`. The functions are the C library's (as erts calls them), so results agree
//! with BEAM's bit for bit on the same libm.
//! Must not: duplicate the number-to-float conversion of `arith`.

use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Int, Term};
use num_traits::ToPrimitive;

/// The C library's functions (as erts calls them).
mod c {
    extern "C" {
        pub(super) fn sin(x: f64) -> f64;
        pub(super) fn cos(x: f64) -> f64;
        pub(super) fn tan(x: f64) -> f64;
        pub(super) fn asin(x: f64) -> f64;
        pub(super) fn acos(x: f64) -> f64;
        pub(super) fn atan(x: f64) -> f64;
        pub(super) fn atan2(y: f64, x: f64) -> f64;
        pub(super) fn sinh(x: f64) -> f64;
        pub(super) fn cosh(x: f64) -> f64;
        pub(super) fn tanh(x: f64) -> f64;
        pub(super) fn asinh(x: f64) -> f64;
        pub(super) fn acosh(x: f64) -> f64;
        pub(super) fn atanh(x: f64) -> f64;
        pub(super) fn exp(x: f64) -> f64;
        pub(super) fn log(x: f64) -> f64;
        pub(super) fn log2(x: f64) -> f64;
        pub(super) fn log10(x: f64) -> f64;
        pub(super) fn pow(x: f64, y: f64) -> f64;
        pub(super) fn sqrt(x: f64) -> f64;
        pub(super) fn fmod(x: f64, y: f64) -> f64;
        pub(super) fn erf(x: f64) -> f64;
        pub(super) fn erfc(x: f64) -> f64;
    }
}

/// A number argument as a double: badarg if not a number, badarith if too large.
fn arg(t: Term) -> Result<f64, Exception> {
    if let Some(f) = t.float_value() {
        return Ok(f);
    }
    match t.int_value() {
        Some(Int::Small(i)) => Ok(i as f64),
        Some(Int::Big(b)) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(Exception::badarith),
        None => Err(Exception::badarg()),
    }
}

fn result(h: &mut dyn Heap, f: f64) -> BifResult {
    if f.is_finite() {
        Ok(term::float(h, f))
    } else {
        Err(Exception::badarith())
    }
}

fn call1(h: &mut dyn Heap, x: Term, f: unsafe extern "C" fn(f64) -> f64) -> BifResult {
    let x = arg(x)?;
    // SAFETY: the C library's pure math functions accept every double.
    result(h, unsafe { f(x) })
}

fn call2(
    h: &mut dyn Heap,
    x: Term,
    y: Term,
    f: unsafe extern "C" fn(f64, f64) -> f64,
) -> BifResult {
    let (x, y) = (arg(x)?, arg(y)?);
    // SAFETY: as in call1.
    result(h, unsafe { f(x, y) })
}

/// `math:pi()`.
pub fn pi(h: &mut dyn Heap) -> BifResult {
    Ok(term::float(h, std::f64::consts::PI))
}

macro_rules! unary {
    ($($name:ident),*) => {$(
        #[doc = concat!("`math:", stringify!($name), "(X)`.")]
        pub fn $name(h: &mut dyn Heap, x: Term) -> BifResult {
            call1(h, x, c::$name)
        }
    )*};
}

unary!(
    sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, exp, log, log2, log10,
    sqrt, erf, erfc
);

/// `math:atan2(Y, X)`.
pub fn atan2(h: &mut dyn Heap, y: Term, x: Term) -> BifResult {
    call2(h, y, x, c::atan2)
}

/// `math:pow(X, Y)`.
pub fn pow(h: &mut dyn Heap, x: Term, y: Term) -> BifResult {
    call2(h, x, y, c::pow)
}

/// `math:fmod(X, Y)` (NaN for a zero divisor: badarith).
pub fn fmod(h: &mut dyn Heap, x: Term, y: Term) -> BifResult {
    call2(h, x, y, c::fmod)
}

/// `math:floor(X)`: a float.
pub fn floor(h: &mut dyn Heap, x: Term) -> BifResult {
    let x = arg(x)?;
    result(h, x.floor())
}

/// `math:ceil(X)`: a float.
pub fn ceil(h: &mut dyn Heap, x: Term) -> BifResult {
    let x = arg(x)?;
    result(h, x.ceil())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;

    fn show(r: BifResult) -> String {
        match r {
            Ok(t) => to_string(t),
            Err(e) => format!("{}", to_string(e.reason)),
        }
    }

    #[test]
    fn results_and_errors_as_erl() {
        let mut h = FragHeap::new();
        let i = |n: i64| Term::small(n).unwrap();
        let a = Term::intern("a").unwrap();
        assert_eq!(show(sqrt(&mut h, i(4))), "2.0");
        assert_eq!(show(sqrt(&mut h, i(-1))), "badarith");
        assert_eq!(show(sqrt(&mut h, a)), "badarg");
        assert_eq!(show(log(&mut h, i(0))), "badarith");
        assert_eq!(show(pow(&mut h, i(10), i(400))), "badarith");
        assert_eq!(show(atan2(&mut h, i(0), i(0))), "0.0");
        assert_eq!(show(fmod(&mut h, i(1), i(0))), "badarith");
        let m = term::float(&mut h, -0.5);
        assert_eq!(show(floor(&mut h, m)), "-1.0");
        assert_eq!(show(ceil(&mut h, m)), "-0.0");
        assert_eq!(show(floor(&mut h, a)), "badarg");
        assert_eq!(show(pi(&mut h)), "3.141592653589793");
        let big = term::bigint(&mut h, &(num_bigint::BigInt::from(1) << 2000));
        assert_eq!(show(sqrt(&mut h, big)), "badarith");
    }
}
