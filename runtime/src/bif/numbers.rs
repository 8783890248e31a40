//! Number BIFs: `abs/1`, `min/2`, `max/2`, `trunc/1`, `round/1`, `floor/1`, `ceil/1`,
//! `float/1`, and the text forms: `integer_to_list/1,2`, `integer_to_binary/1,2`,
//! `list_to_integer/1,2`, `binary_to_integer/1,2`, `float_to_list/1,2`,
//! `float_to_binary/1,2`, `list_to_float/1`, `binary_to_float/1`.
//!
//! Owns: OTP 25's float formats: the default `%.20e`, `{scientific, N}` (C's `%.*e`),
//! `{decimals, N}` (erts' fast fixed-point algorithm with its rounding constant, and
//! `%.*f` beyond it), `compact`, `short` (`print::format_float`), and the 256-byte
//! buffer limit that makes very long results badarg; the strict float syntax of
//! `list_to_float`. Must not: duplicate arithmetic (`arith`) or shortest-float printing
//! (`print`).

use super::{badarg, byte_list};
use crate::arith;
use crate::cmp::compare;
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::print;
use crate::term::{self, Int, Term};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Num};
use std::cmp::Ordering;

/// `abs(N)`.
pub fn abs(h: &mut dyn Heap, a: Term) -> BifResult {
    arith::abs(h, a)
}

/// `float(N)`.
pub fn float(h: &mut dyn Heap, a: Term) -> BifResult {
    arith::to_float(h, a)
}

/// `min(A, B)`: the first when equal.
pub fn min(_h: &mut dyn Heap, a: Term, b: Term) -> BifResult {
    Ok(if compare(b, a) == Ordering::Less {
        b
    } else {
        a
    })
}

/// `max(A, B)`: the first when equal.
pub fn max(_h: &mut dyn Heap, a: Term, b: Term) -> BifResult {
    Ok(if compare(b, a) == Ordering::Greater {
        b
    } else {
        a
    })
}

fn float_to_int(h: &mut dyn Heap, a: Term, f: fn(f64) -> f64) -> BifResult {
    if a.is_integer() {
        return Ok(a);
    }
    let x = a.float_value().ok_or_else(Exception::badarg)?;
    let r = f(x);
    match BigInt::from_f64(r) {
        Some(b) => Ok(term::bigint(h, &b)),
        None => badarg(),
    }
}

/// `trunc(N)`.
pub fn trunc(h: &mut dyn Heap, a: Term) -> BifResult {
    float_to_int(h, a, f64::trunc)
}
/// `round(N)` (halves away from zero).
pub fn round(h: &mut dyn Heap, a: Term) -> BifResult {
    float_to_int(h, a, f64::round)
}
/// `floor(N)`.
pub fn floor(h: &mut dyn Heap, a: Term) -> BifResult {
    float_to_int(h, a, f64::floor)
}
/// `ceil(N)`.
pub fn ceil(h: &mut dyn Heap, a: Term) -> BifResult {
    float_to_int(h, a, f64::ceil)
}

// ---- integers as text -------------------------------------------------------------

fn base_of(b: Term) -> Result<u32, Exception> {
    match b.small_value() {
        Some(b) if (2..=36).contains(&b) => Ok(b as u32),
        _ => badarg(),
    }
}

/// The text of integer `i` in `base` (upper-case letters), or badarg.
pub fn integer_text(i: Term, base: u32) -> Result<String, Exception> {
    let v = i.int_value().ok_or_else(Exception::badarg)?;
    Ok(match v {
        Int::Small(s) if base == 10 => s.to_string(),
        v => v.to_bigint().to_str_radix(base).to_ascii_uppercase(),
    })
}

/// Parse an integer as `list_to_integer`/`binary_to_integer` do: optional sign, then
/// one or more digits of `base` (either case), nothing else.
pub fn parse_integer(h: &mut dyn Heap, text: &[u8], base: u32) -> BifResult {
    let digits = match text.first() {
        Some(b'+' | b'-') => &text[1..],
        _ => text,
    };
    if digits.is_empty() || !digits.iter().all(|&c| (c as char).is_digit(base)) {
        return badarg();
    }
    if digits.len() <= 15 && base <= 10 || digits.len() <= 11 {
        let s = std::str::from_utf8(text).map_err(|_| Exception::badarg())?;
        let v = i64::from_str_radix(s, base).map_err(|_| Exception::badarg())?;
        return Ok(term::int(h, v));
    }
    let s = std::str::from_utf8(digits).map_err(|_| Exception::badarg())?;
    let mut v = BigInt::from_str_radix(s, base).map_err(|_| Exception::badarg())?;
    if text[0] == b'-' {
        v = -v;
    }
    if v.bits() > arith::MAX_INT_BITS {
        return Err(Exception::system_limit());
    }
    Ok(term::bigint(h, &v))
}

/// `integer_to_list(I)`.
pub fn integer_to_list(h: &mut dyn Heap, i: Term) -> BifResult {
    Ok(term::string(h, &integer_text(i, 10)?))
}
/// `integer_to_list(I, Base)`.
pub fn integer_to_list2(h: &mut dyn Heap, i: Term, b: Term) -> BifResult {
    let base = base_of(b)?;
    Ok(term::string(h, &integer_text(i, base)?))
}
/// `integer_to_binary(I)`.
pub fn integer_to_binary(h: &mut dyn Heap, i: Term) -> BifResult {
    Ok(term::binary(h, integer_text(i, 10)?.as_bytes()))
}
/// `integer_to_binary(I, Base)`.
pub fn integer_to_binary2(h: &mut dyn Heap, i: Term, b: Term) -> BifResult {
    let base = base_of(b)?;
    Ok(term::binary(h, integer_text(i, base)?.as_bytes()))
}
/// `list_to_integer(String)`.
pub fn list_to_integer(h: &mut dyn Heap, l: Term) -> BifResult {
    let bytes = byte_list(l).ok_or_else(Exception::badarg)?;
    parse_integer(h, &bytes, 10)
}
/// `list_to_integer(String, Base)`.
pub fn list_to_integer2(h: &mut dyn Heap, l: Term, b: Term) -> BifResult {
    let bytes = byte_list(l).ok_or_else(Exception::badarg)?;
    let base = base_of(b)?;
    parse_integer(h, &bytes, base)
}
/// `binary_to_integer(Binary)`.
pub fn binary_to_integer(h: &mut dyn Heap, b: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?.to_vec();
    parse_integer(h, &bytes, 10)
}
/// `binary_to_integer(Binary, Base)`.
pub fn binary_to_integer2(h: &mut dyn Heap, b: Term, base: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?.to_vec();
    let base = base_of(base)?;
    parse_integer(h, &bytes, base)
}

// ---- floats as text -----------------------------------------------------------------

/// A float format chosen by `float_to_list/2` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatFormat {
    /// `%.Ne` (the default is 20 digits).
    Scientific(usize),
    /// `{decimals, N}`, with `compact` when the flag is set.
    Decimals(usize, bool),
    /// `short`: the shortest text that reads back the same.
    Short,
}

/// Parse `float_to_list/2` options as erts does: later format options override earlier
/// ones; `compact` only affects `{decimals, N}`.
pub fn float_format(opts: Term) -> Result<FloatFormat, Exception> {
    let mut fmt = FloatFormat::Scientific(20);
    let mut compact = false;
    let mut cur = opts;
    while let Some((o, tl)) = cur.cons_parts() {
        if let Some(name) = o.atom_name() {
            match name {
                "compact" => compact = true,
                "short" => fmt = FloatFormat::Short,
                _ => return badarg(),
            }
        } else if let Some(&[k, v]) = o.tuple_elements() {
            let n = v.small_value().ok_or_else(Exception::badarg)?;
            match k.atom_name() {
                Some("decimals") if (0..=253).contains(&n) => {
                    fmt = FloatFormat::Decimals(n as usize, false)
                }
                Some("scientific") if (0..=249).contains(&n) => {
                    fmt = FloatFormat::Scientific(n as usize)
                }
                _ => return badarg(),
            }
        } else {
            return badarg();
        }
        cur = tl;
    }
    if !cur.is_nil() {
        return badarg();
    }
    if let FloatFormat::Decimals(n, _) = fmt {
        fmt = FloatFormat::Decimals(n, compact);
    }
    Ok(fmt)
}

/// Size of erts' conversion buffer: results must be shorter.
const FLOAT_BUF: usize = 256;

/// `%.Ne` as C prints it (exponent with sign and at least two digits).
pub fn format_scientific(f: f64, digits: usize) -> String {
    let s = format!("{:.*e}", digits, f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    format!(
        "{mant}e{}{:02}",
        if e < 0 { '-' } else { '+' },
        e.unsigned_abs()
    )
}

fn trim_trailing_zeros(s: &mut String) {
    // erts' find_first_trailing_zero: drop trailing '0's, keep one after a '.'.
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.push('0');
    }
}

/// `float_to_list(F, [{decimals, N}])` (with `compact`), as OTP 25's
/// `sys_double_to_chars_fast`: below 19 decimals and 2^53, the integer part and the
/// fraction scaled by 10^N are rounded separately in doubles; otherwise C's `%.*f`.
/// None when the text does not fit erts' 256-byte buffer (badarg).
pub fn format_decimals(f: f64, decimals: usize, compact: bool) -> Option<String> {
    const MAX_DECIMALS: usize = 19;
    const MAX_FLOAT: f64 = (1u64 << 53) as f64;
    let neg = f.is_sign_negative();
    let af = f.abs();
    if af > MAX_FLOAT || decimals >= MAX_DECIMALS {
        let mut s = format!("{:.*}", decimals, f);
        if s.len() >= FLOAT_BUF {
            return None;
        }
        if compact {
            trim_trailing_zeros(&mut s);
        }
        return Some(s);
    }
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if decimals == 0 {
        s.push_str(&(af.round() as u64).to_string());
        return Some(s);
    }
    let pow = 10f64.powi(decimals as i32);
    let int_f = af.floor();
    let frac_f = ((af - int_f) * pow).round();
    let (mut int_part, mut frac_part) = (int_f as u64, frac_f as u64);
    if frac_f >= pow {
        int_part += 1;
        frac_part = 0;
    }
    s.push_str(&int_part.to_string());
    s.push('.');
    let digits = frac_part.to_string();
    s.push_str(&"0".repeat(decimals.saturating_sub(digits.len())));
    s.push_str(&digits);
    if compact {
        trim_trailing_zeros(&mut s);
    }
    Some(s)
}

/// The text of float `f` in format `fmt` (None: too long for erts, badarg).
pub fn float_text(f: f64, fmt: FloatFormat) -> Option<String> {
    match fmt {
        FloatFormat::Scientific(n) => Some(format_scientific(f, n)).filter(|s| s.len() < FLOAT_BUF),
        FloatFormat::Decimals(n, compact) => format_decimals(f, n, compact),
        FloatFormat::Short => Some(print::format_float(f)),
    }
}

fn float_arg(f: Term) -> Result<f64, Exception> {
    f.float_value().ok_or_else(Exception::badarg)
}

/// `float_to_list(F)`.
pub fn float_to_list(h: &mut dyn Heap, f: Term) -> BifResult {
    let s = format_scientific(float_arg(f)?, 20);
    Ok(term::string(h, &s))
}
/// `float_to_list(F, Options)`.
pub fn float_to_list2(h: &mut dyn Heap, f: Term, opts: Term) -> BifResult {
    let x = float_arg(f)?;
    let s = float_text(x, float_format(opts)?).ok_or_else(Exception::badarg)?;
    Ok(term::string(h, &s))
}
/// `float_to_binary(F)`.
pub fn float_to_binary(h: &mut dyn Heap, f: Term) -> BifResult {
    let s = format_scientific(float_arg(f)?, 20);
    Ok(term::binary(h, s.as_bytes()))
}
/// `float_to_binary(F, Options)`.
pub fn float_to_binary2(h: &mut dyn Heap, f: Term, opts: Term) -> BifResult {
    let x = float_arg(f)?;
    let s = float_text(x, float_format(opts)?).ok_or_else(Exception::badarg)?;
    Ok(term::binary(h, s.as_bytes()))
}

/// Parse Erlang float text (`[+-]D+.D+([eE][+-]?D+)?`); None when malformed or out of range.
pub fn parse_float(text: &[u8]) -> Option<f64> {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < text.len() && text[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > s
    };
    if matches!(text.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    // erts accepts a comma as the decimal point too.
    if !digits(&mut i) || !matches!(text.get(i), Some(b'.' | b',')) {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != text.len() {
        return None;
    }
    let f: f64 = std::str::from_utf8(text)
        .ok()?
        .replacen(',', ".", 1)
        .parse()
        .ok()?;
    f.is_finite().then_some(f)
}

/// `list_to_float(String)`.
pub fn list_to_float(h: &mut dyn Heap, l: Term) -> BifResult {
    let bytes = byte_list(l).ok_or_else(Exception::badarg)?;
    let f = parse_float(&bytes).ok_or_else(Exception::badarg)?;
    Ok(term::float(h, f))
}
/// `binary_to_float(Binary)`.
pub fn binary_to_float(h: &mut dyn Heap, b: Term) -> BifResult {
    let bytes = b.binary_bytes().ok_or_else(Exception::badarg)?;
    let f = parse_float(bytes).ok_or_else(Exception::badarg)?;
    Ok(term::float(h, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_scientific_as_otp25() {
        // erl: float_to_list(1.5, [{decimals,3}]) etc.
        assert_eq!(format_decimals(1.5, 3, false).as_deref(), Some("1.500"));
        assert_eq!(format_decimals(1.5, 2, true).as_deref(), Some("1.5"));
        assert_eq!(
            format_decimals(1.0e20, 0, false).as_deref(),
            Some("100000000000000000000")
        );
        assert_eq!(format_scientific(1.5, 3), "1.500e+00");
        assert_eq!(format_scientific(1.0, 20), "1.00000000000000000000e+00");
        assert_eq!(parse_float(b"1.5e3"), Some(1500.0));
        assert_eq!(parse_float(b"1"), None);
        assert_eq!(parse_float(b"1.e3"), None);
    }
}
