//! Arithmetic BIF helpers: `+ - * / div rem band bor bxor bnot bsl bsr`, unary minus,
//! with transparent promotion to bignums and demotion back to smalls.
//!
//! Owns: BEAM's exact error behaviour: `badarith` for non-numbers, zero divisors,
//! non-finite float results and bignums too large for a float; `system_limit` for
//! integers over BEAM's maximum size (524,287 64-bit words). Fast paths for smalls.
//! Must not: panic (no unchecked overflow, no division by zero), or print.

use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Int, Term};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// Largest integer size in bits (BEAM: 524,287 words of 64 bits).
pub const MAX_INT_BITS: u64 = ((1 << 19) - 1) * 64;

fn int_result<H: Heap + ?Sized>(heap: &mut H, b: BigInt) -> BifResult {
    if b.bits() > MAX_INT_BITS {
        return Err(Exception::system_limit());
    }
    Ok(term::bigint(heap, &b))
}

fn float_result<H: Heap + ?Sized>(heap: &mut H, f: f64) -> BifResult {
    if f.is_finite() {
        Ok(term::float(heap, f))
    } else {
        Err(Exception::badarith())
    }
}

enum Num {
    I(Int),
    F(f64),
}

fn num(t: Term) -> Result<Num, Exception> {
    if let Some(f) = t.float_value() {
        return Ok(Num::F(f));
    }
    t.int_value().map(Num::I).ok_or_else(Exception::badarith)
}

fn int_to_f64(i: &Int) -> Result<f64, Exception> {
    match i {
        Int::Small(s) => Ok(*s as f64),
        Int::Big(b) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(Exception::badarith),
    }
}

fn both_f64(a: Num, b: Num) -> Result<(f64, f64), Exception> {
    let x = match a {
        Num::F(f) => f,
        Num::I(i) => int_to_f64(&i)?,
    };
    let y = match b {
        Num::F(f) => f,
        Num::I(i) => int_to_f64(&i)?,
    };
    Ok((x, y))
}

/// `A + B`.
pub fn add<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    if let (Some(x), Some(y)) = (a.small_value(), b.small_value()) {
        return Ok(term::int(heap, x + y)); // 60-bit values cannot overflow i64
    }
    match (num(a)?, num(b)?) {
        (Num::I(x), Num::I(y)) => int_result(heap, x.to_bigint() + y.to_bigint()),
        (x, y) => {
            let (x, y) = both_f64(x, y)?;
            float_result(heap, x + y)
        }
    }
}

/// `A - B`.
pub fn sub<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    if let (Some(x), Some(y)) = (a.small_value(), b.small_value()) {
        return Ok(term::int(heap, x - y));
    }
    match (num(a)?, num(b)?) {
        (Num::I(x), Num::I(y)) => int_result(heap, x.to_bigint() - y.to_bigint()),
        (x, y) => {
            let (x, y) = both_f64(x, y)?;
            float_result(heap, x - y)
        }
    }
}

/// `A * B`.
pub fn mul<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    if let (Some(x), Some(y)) = (a.small_value(), b.small_value()) {
        return Ok(term::int128(heap, x as i128 * y as i128));
    }
    match (num(a)?, num(b)?) {
        (Num::I(x), Num::I(y)) => {
            let (x, y) = (x.to_bigint(), y.to_bigint());
            if x.bits() + y.bits() > MAX_INT_BITS + 1 {
                return Err(Exception::system_limit());
            }
            int_result(heap, x * y)
        }
        (x, y) => {
            let (x, y) = both_f64(x, y)?;
            float_result(heap, x * y)
        }
    }
}

/// `A / B` (always a float).
pub fn fdiv<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    let (x, y) = both_f64(num(a)?, num(b)?)?;
    if y == 0.0 {
        return Err(Exception::badarith());
    }
    float_result(heap, x / y)
}

/// `-A`.
pub fn neg<H: Heap + ?Sized>(heap: &mut H, a: Term) -> BifResult {
    match num(a)? {
        Num::I(Int::Small(x)) => Ok(term::int(heap, -x)),
        Num::I(Int::Big(b)) => int_result(heap, -b),
        Num::F(f) => float_result(heap, -f),
    }
}

/// `+A` (checks that A is a number).
pub fn plus<H: Heap + ?Sized>(_heap: &mut H, a: Term) -> BifResult {
    num(a)?;
    Ok(a)
}

fn ints(a: Term, b: Term) -> Result<(Int, Int), Exception> {
    match (a.int_value(), b.int_value()) {
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(Exception::badarith()),
    }
}

/// `A div B` (truncating).
pub fn div<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    match ints(a, b)? {
        (_, Int::Small(0)) => Err(Exception::badarith()),
        (Int::Small(x), Int::Small(y)) => Ok(term::int(heap, x / y)),
        (x, y) => int_result(heap, x.to_bigint() / y.to_bigint()),
    }
}

/// `A rem B` (sign of A).
pub fn rem<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    match ints(a, b)? {
        (_, Int::Small(0)) => Err(Exception::badarith()),
        (Int::Small(x), Int::Small(y)) => Ok(term::int(heap, x % y)),
        (x, y) => int_result(heap, x.to_bigint() % y.to_bigint()),
    }
}

/// `A band B`.
pub fn band<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    match ints(a, b)? {
        (Int::Small(x), Int::Small(y)) => Ok(term::int(heap, x & y)),
        (x, y) => int_result(heap, x.to_bigint() & y.to_bigint()),
    }
}

/// `A bor B`.
pub fn bor<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    match ints(a, b)? {
        (Int::Small(x), Int::Small(y)) => Ok(term::int(heap, x | y)),
        (x, y) => int_result(heap, x.to_bigint() | y.to_bigint()),
    }
}

/// `A bxor B`.
pub fn bxor<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    match ints(a, b)? {
        (Int::Small(x), Int::Small(y)) => Ok(term::int(heap, x ^ y)),
        (x, y) => int_result(heap, x.to_bigint() ^ y.to_bigint()),
    }
}

/// `bnot A`.
pub fn bnot<H: Heap + ?Sized>(heap: &mut H, a: Term) -> BifResult {
    match a.int_value() {
        Some(Int::Small(x)) => Ok(term::int(heap, !x)),
        Some(Int::Big(b)) => int_result(heap, -b - 1),
        None => Err(Exception::badarith()),
    }
}

/// `A bsl B` (a negative B shifts right).
pub fn bsl<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    let (x, n) = ints(a, b)?;
    shift(heap, x.to_bigint(), n.to_bigint())
}

/// `A bsr B` (a negative B shifts left).
pub fn bsr<H: Heap + ?Sized>(heap: &mut H, a: Term, b: Term) -> BifResult {
    let (x, n) = ints(a, b)?;
    shift(heap, x.to_bigint(), -n.to_bigint())
}

/// Shift `x` left by `n` bits (right when negative), flooring like BEAM.
fn shift<H: Heap + ?Sized>(heap: &mut H, x: BigInt, n: BigInt) -> BifResult {
    if x.is_zero() {
        return Ok(Term::small(0).unwrap_or(Term::NIL));
    }
    if n.is_negative() {
        let r = match n.abs().to_u64() {
            Some(k) if k < x.bits() + 1 => x.div_floor(&(BigInt::from(1) << k)),
            _ => {
                if x.is_negative() {
                    BigInt::from(-1)
                } else {
                    BigInt::zero()
                }
            }
        };
        return int_result(heap, r);
    }
    match n.to_u64() {
        Some(k) if x.bits() + k <= MAX_INT_BITS => int_result(heap, x << k),
        _ => Err(Exception::system_limit()),
    }
}

/// `float(A)`: badarg when not a number or too large.
pub fn to_float<H: Heap + ?Sized>(heap: &mut H, a: Term) -> BifResult {
    if a.is_float() {
        return Ok(a);
    }
    match a.int_value() {
        Some(i) => match int_to_f64(&i) {
            Ok(f) => Ok(term::float(heap, f)),
            Err(_) => Err(Exception::badarg()),
        },
        None => Err(Exception::badarg()),
    }
}

/// `abs(A)`: badarg when not a number.
pub fn abs<H: Heap + ?Sized>(heap: &mut H, a: Term) -> BifResult {
    match num(a).map_err(|_| Exception::badarg())? {
        Num::I(Int::Small(x)) => Ok(term::int(heap, x.abs())),
        Num::I(Int::Big(b)) => int_result(heap, b.abs()),
        Num::F(f) => Ok(if f < 0.0 { term::float(heap, -f) } else { a }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::print::to_string;
    use crate::term::SMALL_MAX;

    fn s(i: i64) -> Term {
        Term::small(i).unwrap()
    }
    fn big(h: &mut FragHeap, s: &str) -> Term {
        term::bigint(h, &s.parse().unwrap())
    }
    fn err(r: BifResult) -> String {
        match r {
            Err(e) => to_string(e.reason),
            Ok(t) => format!("ok:{}", to_string(t)),
        }
    }
    fn ok(r: BifResult) -> String {
        match r {
            Ok(t) => to_string(t),
            Err(e) => format!("error:{}", to_string(e.reason)),
        }
    }

    #[test]
    fn promotion_and_demotion() {
        let mut h = FragHeap::new();
        let m = s(SMALL_MAX);
        let r = add(&mut h, m, s(1)).unwrap();
        assert!(!r.is_small());
        assert_eq!(to_string(r), "576460752303423488");
        let back = sub(&mut h, r, s(1)).unwrap();
        assert!(back.is_small(), "demoted");
        let p = mul(&mut h, m, m).unwrap();
        assert_eq!(to_string(p), "332306998946228967073030260463239169");
        let b = big(&mut h, "123456789012345678901234567890");
        assert_eq!(
            ok(mul(&mut h, b, b)),
            "15241578753238836750495351562536198787501905199875019052100"
        );
        assert_eq!(
            ok(neg(&mut h, s(crate::term::SMALL_MIN))),
            "576460752303423488"
        );
        let nb = big(&mut h, "-576460752303423489");
        assert_eq!(ok(add(&mut h, s(1), nb)), "-576460752303423488");
    }

    #[test]
    fn floats() {
        let mut h = FragHeap::new();
        let f = term::float(&mut h, 1.5);
        assert_eq!(ok(add(&mut h, s(1), f)), "2.5");
        assert_eq!(ok(fdiv(&mut h, s(1), s(4))), "0.25");
        assert_eq!(ok(fdiv(&mut h, s(4), s(2))), "2.0");
        let e308 = term::float(&mut h, 1.0e308);
        assert_eq!(err(mul(&mut h, e308, s(10))), "badarith");
        assert_eq!(err(fdiv(&mut h, s(1), s(0))), "badarith");
        let z = term::float(&mut h, 0.0);
        assert_eq!(err(fdiv(&mut h, s(1), z)), "badarith");
        let b1024 = bsl(&mut h, s(1), s(1024)).unwrap();
        let one = term::float(&mut h, 1.0);
        assert_eq!(err(fdiv(&mut h, b1024, one)), "badarith");
        let b1100 = bsl(&mut h, s(1), s(1100)).unwrap();
        assert_eq!(err(mul(&mut h, b1100, one)), "badarith");
        assert_eq!(err(to_float(&mut h, b1100)), "badarg");
        assert_eq!(ok(to_float(&mut h, s(3))), "3.0");
        assert_eq!(ok(neg(&mut h, f)), "-1.5");
    }

    #[test]
    fn integer_ops_as_erl() {
        let mut h = FragHeap::new();
        // erl: -7 div 2 = -3, -7 rem 2 = -1, 7 rem -2 = 1
        assert_eq!(ok(div(&mut h, s(-7), s(2))), "-3");
        assert_eq!(ok(rem(&mut h, s(-7), s(2))), "-1");
        assert_eq!(ok(rem(&mut h, s(7), s(-2))), "1");
        assert_eq!(err(div(&mut h, s(7), s(0))), "badarith");
        assert_eq!(err(rem(&mut h, s(7), s(0))), "badarith");
        let f = term::float(&mut h, 1.5);
        assert_eq!(err(div(&mut h, f, s(1))), "badarith");
        let a = Term::intern("a").unwrap();
        assert_eq!(err(add(&mut h, a, s(1))), "badarith");
        assert_eq!(err(neg(&mut h, a)), "badarith");
        let one_f = term::float(&mut h, 1.0);
        assert_eq!(err(band(&mut h, one_f, s(1))), "badarith");
        assert_eq!(ok(band(&mut h, s(-6), s(3))), "2");
        assert_eq!(ok(bnot(&mut h, s(5))), "-6");
        assert_eq!(ok(bsr(&mut h, s(-1), s(3))), "-1");
        let b64 = bsl(&mut h, s(1), s(64)).unwrap();
        assert_eq!(ok(bsr(&mut h, b64, s(63))), "2");
        let nb64 = neg(&mut h, b64).unwrap();
        assert_eq!(ok(bsr(&mut h, nb64, s(1))), "-9223372036854775808");
        assert_eq!(err(bsl(&mut h, s(1), a)), "badarith");
        assert_eq!(err(bsl(&mut h, s(1), one_f)), "badarith");
        assert_eq!(ok(bsl(&mut h, s(1), s(-1))), "0");
        assert_eq!(ok(bsr(&mut h, s(5), s(-2))), "20");
        let b70 = bsl(&mut h, s(1), s(70)).unwrap();
        assert_eq!(ok(bsl(&mut h, s(0), b70)), "0");
        assert_eq!(ok(bsr(&mut h, s(-1), b70)), "-1");
        assert_eq!(ok(bsr(&mut h, s(1), b70)), "0");
        assert_eq!(err(bsl(&mut h, s(1), b70)), "system_limit");
        assert_eq!(err(bsl(&mut h, s(1), s(4294967296))), "system_limit");
        assert_eq!(err(bsl(&mut h, s(1), s(33554368))), "system_limit");
        assert!(bsl(&mut h, s(1), s(33554367)).is_ok());
        let bb = big(&mut h, "-123456789012345678901234567890");
        assert_eq!(ok(band(&mut h, bb, s(0xFFFF))), "62766");
        assert_eq!(ok(bor(&mut h, bb, s(1))), "-123456789012345678901234567889");
        assert_eq!(ok(bxor(&mut h, bb, bb)), "0");
        assert_eq!(ok(bnot(&mut h, bb)), "123456789012345678901234567889");
        assert_eq!(ok(div(&mut h, bb, s(7))), "-17636684144620811271604938270");
        assert_eq!(ok(rem(&mut h, bb, s(7))), "0");
        assert_eq!(ok(abs(&mut h, bb)), "123456789012345678901234567890");
        assert_eq!(err(abs(&mut h, a)), "badarg");
    }
}
