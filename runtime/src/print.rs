//! Printing terms exactly as `io:format("~w", [T])` does on OTP 25.
//!
//! Owns: the `~w` text of every term kind, atom quoting (`io_lib:quote_atom`), and the
//! shortest round-trip float text of `float_to_list(F, [short])`.
//! Must not: allocate on process heaps or have any side effect; `~p` (pretty printing,
//! line breaking, printable-string detection) belongs to a later module.

use crate::term::{Int, Kind, Term};
use std::fmt::Write;

/// `io_lib:format("~w", [t])` as a Rust string (characters, not bytes).
pub fn to_string(t: Term) -> String {
    let mut s = String::new();
    write_term(&mut s, t);
    s
}

/// Append the `~w` text of `t`.
pub fn write_term(out: &mut String, t: Term) {
    match t.kind() {
        Kind::Small | Kind::Big => match t.int_value() {
            Some(Int::Small(i)) => {
                let _ = write!(out, "{i}");
            }
            Some(Int::Big(b)) => {
                let _ = write!(out, "{b}");
            }
            None => {}
        },
        Kind::Float => out.push_str(&format_float(t.float_value().unwrap_or(0.0))),
        Kind::Atom => write_atom(out, t.atom_name().unwrap_or("")),
        Kind::Nil => out.push_str("[]"),
        Kind::Pid => {
            let _ = write!(out, "<0.{}.0>", t.pid_serial().unwrap_or(0));
        }
        Kind::Port => {
            let _ = write!(out, "#Port<0.{}>", t.raw() >> 4);
        }
        Kind::Ref => {
            let ids = t.ref_ids().unwrap_or([0; 3]);
            let _ = write!(out, "#Ref<0.{}.{}.{}>", ids[2], ids[1], ids[0]);
        }
        Kind::Export => {
            if let Some((m, f, a)) = t.export_mfa() {
                out.push_str("fun ");
                write_atom(out, m.atom_name().unwrap_or(""));
                out.push(':');
                write_atom(out, f.atom_name().unwrap_or(""));
                let _ = write!(out, "/{a}");
            }
        }
        Kind::Fun => {
            if let Some((e, _)) = t.closure_parts() {
                out.push_str("#Fun<");
                out.push_str(e.module.atom_name().unwrap_or(""));
                let _ = write!(out, ".{}.{}>", e.index, e.old_uniq);
            }
        }
        Kind::Tuple => {
            out.push('{');
            for (i, e) in t.tuple_elements().unwrap_or(&[]).iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_term(out, *e);
            }
            out.push('}');
        }
        Kind::Map => {
            out.push_str("#{");
            for (n, (k, v)) in crate::map::entries(t).into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_term(out, k);
                out.push_str(" => ");
                write_term(out, v);
            }
            out.push('}');
        }
        Kind::Cons => {
            out.push('[');
            let mut cur = t;
            let mut first = true;
            while let Some((h, tl)) = cur.cons_parts() {
                if !first {
                    out.push(',');
                }
                first = false;
                write_term(out, h);
                cur = tl;
            }
            if !cur.is_nil() {
                out.push('|');
                write_term(out, cur);
            }
            out.push(']');
        }
        Kind::Bits => {
            out.push_str("<<");
            if let Some(b) = t.bits() {
                let v = b.to_vec();
                let whole = b.bit_size / 8;
                let rest = b.bit_size % 8;
                for (i, byte) in v.iter().take(whole).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{byte}");
                }
                if rest > 0 {
                    if whole > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{}:{}", v[whole] >> (8 - rest), rest);
                }
            }
            out.push_str(">>");
        }
        Kind::Other => out.push_str("#NonValue"),
    }
}

const RESERVED: &[&str] = &[
    "after", "begin", "case", "try", "cond", "catch", "andalso", "orelse", "end", "fun", "if",
    "let", "of", "receive", "when", "bnot", "not", "div", "rem", "band", "and", "bor", "bxor",
    "bsl", "bsr", "or", "xor",
];

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{DF}'..='\u{FF}').contains(&c) && c != '\u{F7}')
}
fn is_name_char(c: char) -> bool {
    is_lower(c)
        || c.is_ascii_uppercase()
        || (('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}')
        || c.is_ascii_digit()
        || c == '_'
        || c == '@'
}

/// Does this atom text need quotes (`io_lib:quote_atom/2`).
pub fn atom_needs_quotes(name: &str) -> bool {
    if RESERVED.contains(&name) {
        return true;
    }
    let mut cs = name.chars();
    match cs.next() {
        Some(c) if is_lower(c) => !cs.all(is_name_char),
        _ => true,
    }
}

/// Append an atom as `~w` writes it.
pub fn write_atom(out: &mut String, name: &str) {
    if !atom_needs_quotes(name) {
        out.push_str(name);
        return;
    }
    out.push('\'');
    for c in name.chars() {
        write_string_char(out, c, '\'');
    }
    out.push('\'');
}

/// `io_lib:string_char(unicode_as_latin1, C, Q, _)`.
fn write_string_char(out: &mut String, c: char, q: char) {
    let n = c as u32;
    match c {
        _ if c == q => {
            out.push('\\');
            out.push(q);
        }
        '\\' => out.push_str("\\\\"),
        ' '..='~' => out.push(c),
        '\u{A0}'..='\u{FF}' => out.push(c),
        _ if n > 0xFF => {
            let _ = write!(out, "\\x{{{n:X}}}");
        }
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{0B}' => out.push_str("\\v"),
        '\u{08}' => out.push_str("\\b"),
        '\u{0C}' => out.push_str("\\f"),
        '\u{1B}' => out.push_str("\\e"),
        '\u{7F}' => out.push_str("\\d"),
        _ => {
            let _ = write!(out, "\\{}{}{}", n >> 6, (n >> 3) & 7, n & 7);
        }
    }
}

/// `float_to_list(F, [short])` (also `~w` of a float): the shortest digits that read back
/// as `f`, in fixed notation when that is not longer than scientific notation and the
/// magnitude is below 2^53, else in scientific notation.
pub fn format_float(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    if !f.is_finite() {
        // Erlang floats are always finite; never reached for valid terms.
        return format!("{f}");
    }
    let (digits, exp) = shortest_digits(f.abs());
    let n = digits.len() as i32;
    let sign = if f < 0.0 { "-" } else { "" };
    let sci_text = {
        let (first, rest) = digits.split_at(1);
        format!("{first}.{}e{exp}", if rest.is_empty() { "0" } else { rest })
    };
    let fixed_text = if exp >= 0 {
        if n > exp + 1 {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{a}.{b}")
        } else {
            format!("{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    };
    let fixed_ok = exp < 0 || f.abs() < 9007199254740992.0;
    if fixed_ok && fixed_text.len() <= sci_text.len() {
        format!("{sign}{fixed_text}")
    } else {
        format!("{sign}{sci_text}")
    }
}

/// The shortest round-trip significant digits of a positive finite `f` and the decimal
/// exponent of the first one (`1.2345e4` gives ("12345", 4)). Rust picks the upper of two
/// equally short candidates that lie exactly as far from `f`; OTP (Ryu) picks the even
/// one, so such a tie is resolved to the even digit here.
fn shortest_digits(f: f64) -> (String, i32) {
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let last = digits.as_bytes()[digits.len() - 1];
    if (last - b'0') % 2 == 1 && is_halfway_below(f, &digits, exp) {
        let mut lower = digits.clone();
        lower.pop();
        lower.push((last - 1) as char);
        let text = format!("{}.{}e{}", &lower[..1], &lower[1..], exp);
        if text.parse::<f64>() == Ok(f) {
            digits = lower;
        }
    }
    (digits, exp)
}

/// Whether `f` is exactly (D - 1/2) * 10^k, where D is the integer of `digits` and
/// 10^k the weight of its last digit (`exp` is the weight of the first one).
fn is_halfway_below(f: f64, digits: &str, exp: i32) -> bool {
    let Ok(d) = digits.parse::<u128>() else {
        return false;
    };
    let k = exp - (digits.len() as i32 - 1);
    // f = m * 2^e with m odd
    let bits = f.to_bits();
    let be = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if be == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), be - 1075)
    };
    if m == 0 {
        return false;
    }
    while m % 2 == 0 {
        m /= 2;
        e += 1;
    }
    let odd = 2 * d - 1; // 2f * 10^-k must equal this
    if k >= 0 {
        // 2f = m * 2^(e+1) = odd * 10^k; the right side is an integer
        if e + 1 < 0 || e + 1 > 70 {
            return false;
        }
        let lhs = (m as u128).checked_shl((e + 1) as u32);
        let rhs = 10u128
            .checked_pow(k as u32)
            .and_then(|p| p.checked_mul(odd));
        matches!((lhs, rhs), (Some(a), Some(b)) if a == b && a >> (e + 1) == m as u128)
    } else {
        // 2f * 10^j = m * 5^j * 2^(e+1+j) must be the odd integer `odd`
        let j = -k;
        if e + 1 + j != 0 {
            return false;
        }
        5u128
            .checked_pow(j as u32)
            .and_then(|p| p.checked_mul(m as u128))
            == Some(odd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::term;

    #[test]
    fn floats_match_otp25() {
        // expected strings produced by erl (OTP 25) with io:format("~w", [...])
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.0e20, "1.0e20"),
            (1.0e15, "1.0e15"),
            (1.0e16, "1.0e16"),
            (123456789.0, "123456789.0"),
            (1.0e-5, "1.0e-5"),
            (0.001, "0.001"),
            (1.5e-10, "1.5e-10"),
            (-2.5, "-2.5"),
            (1.0e100, "1.0e100"),
            (5.0e-324, "5.0e-324"),
            (100.0, "100.0"),
            (1.0e21, "1.0e21"),
            (12345678901234567890.0, "1.2345678901234567e19"),
            (10.0, "10.0"),
            (1000.0, "1.0e3"),
            (10000.0, "1.0e4"),
            (1234.0, "1234.0"),
            (12345.0, "12345.0"),
            (0.01, "0.01"),
            (0.0001, "0.0001"),
            (0.00012, "1.2e-4"),
            (1.5e3, "1.5e3"),
            (1250.0, "1250.0"),
            (100000.5, "100000.5"),
            (1.0e7, "1.0e7"),
            (1.2e7, "1.2e7"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (0.003, "0.003"),
            (1.0e22, "1.0e22"),
            (9007199254740992.0, "9.007199254740992e15"),
            (123456789012345.0, "123456789012345.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e16"),
            (1.0e14, "1.0e14"),
            (9.0e14, "9.0e14"),
            (999999999999999.0, "999999999999999.0"),
            (9999999999999998.0, "9.999999999999998e15"),
            (123456789012345.6, "123456789012345.6"),
            (0.000123456, "1.23456e-4"),
            (0.0123456, "0.0123456"),
            (1.0e-323, "1.0e-323"),
            (-1000.0, "-1.0e3"),
            (200.0, "200.0"),
            (2.2e22, "2.2e22"),
            (1.5, "1.5"),
            (123.456, "123.456"),
            (1.0e300, "1.0e300"),
            (598609296265237.25, "598609296265237.2"),
            (-910621150000000.25, "-910621150000000.2"),
            (910621150000000.375, "910621150000000.4"),
            (1283018276000000.25, "1283018276000000.2"),
            (4503599627370497.5, "4503599627370498.0"),
            (2.0e23, "2.0e23"),
            (0.5, "0.5"),
            (2.5, "2.5"),
        ];
        for &(f, s) in cases {
            assert_eq!(format_float(f), s, "for {f:e}");
        }
    }

    #[test]
    fn atoms_match_otp25() {
        let cases: &[(&str, &str)] = &[
            ("a", "a"),
            ("A", "'A'"),
            ("hello world", "'hello world'"),
            ("", "''"),
            ("[]", "'[]'"),
            ("a@b", "a@b"),
            ("a.b", "'a.b'"),
            ("\u{e9}", "\u{e9}"),
            ("true", "true"),
            ("aB_9", "aB_9"),
            ("if", "'if'"),
            ("end", "'end'"),
            ("catch", "'catch'"),
            ("maybe", "maybe"),
            ("else", "else"),
            ("\u{1F600}", "'\\x{1F600}'"),
            ("h\u{e9}llo", "h\u{e9}llo"),
            ("it's", "'it\\'s'"),
            ("a\nb", "'a\\nb'"),
            ("a\\b", "'a\\\\b'"),
            ("\u{1}", "'\\001'"),
        ];
        for &(a, s) in cases {
            let mut out = String::new();
            write_atom(&mut out, a);
            assert_eq!(out, s);
        }
    }

    #[test]
    fn compound_terms() {
        let mut h = FragHeap::new();
        let one = Term::small(1).unwrap();
        let two = Term::small(2).unwrap();
        let l = term::list_with_tail(&mut h, &[one, two], Term::small(3).unwrap());
        assert_eq!(to_string(l), "[1,2|3]");
        let s = term::string(&mut h, "ab\n");
        assert_eq!(to_string(s), "[97,98,10]");
        let b = term::binary(&mut h, b"ab");
        let t = term::tuple(&mut h, &[one, b]);
        assert_eq!(to_string(t), "{1,<<97,98>>}");
        assert_eq!(to_string(term::bitstring(&mut h, &[0x20], 3)), "<<1:3>>");
        assert_eq!(
            to_string(term::bitstring(&mut h, &[255, 1, 0x10], 21)),
            "<<255,1,2:5>>"
        );
        assert_eq!(to_string(term::tuple(&mut h, &[])), "{}");
        assert_eq!(to_string(Term::pid(9)), "<0.9.0>");
        let r = term::reference(&mut h, [124427, 2702966785, 54958200]);
        assert_eq!(to_string(r), "#Ref<0.54958200.2702966785.124427>");
        let e = term::export_fun(
            &mut h,
            Term::intern("lists").unwrap(),
            Term::intern("map").unwrap(),
            2,
        );
        assert_eq!(to_string(e), "fun lists:map/2");
        let big = term::bigint(&mut h, &"123456789012345678901234567890".parse().unwrap());
        assert_eq!(to_string(big), "123456789012345678901234567890");
        let k = Term::intern("k").unwrap();
        let v = Term::intern("v").unwrap();
        let m = term::map_from_sorted(&mut h, &[k], &[v]);
        assert_eq!(to_string(m), "#{k => v}");
        assert_eq!(to_string(term::map_from_sorted(&mut h, &[], &[])), "#{}");
    }
}
