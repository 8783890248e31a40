//! Printing literals in Erlang source form (atoms quoted when needed, strings and chars
//! escaped, floats as OTP prints them). Used by token texts, `-E` output and messages.

/// Does this atom need quotes when printed?
pub fn atom_needs_quotes(a: &str) -> bool {
    let mut chars = a.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() || ('ß'..='ÿ').contains(&c) && c != '÷' => {}
        _ => return true,
    }
    if crate::token::Tok::keyword(a).is_some() {
        return true;
    }
    !a.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || c == '_'
            || c == '@'
            || (('ß'..='ÿ').contains(&c) && c != '÷')
            || (('À'..='Þ').contains(&c) && c != '×')
    })
}

/// An atom as written in source: `foo`, `'Foo'`, `'a b'`.
pub fn atom(a: &str) -> String {
    if atom_needs_quotes(a) {
        let mut s = String::with_capacity(a.len() + 2);
        s.push('\'');
        for c in a.chars() {
            escape_char_into(c, '\'', &mut s);
        }
        s.push('\'');
        s
    } else {
        a.to_string()
    }
}

/// A float as OTP 25 writes it with `~w` (`float_to_list(F, [short])`): the shortest
/// round-trip digits, in plain notation unless the scientific one is shorter (ties go
/// to plain), and always scientific from 2^53 up.
pub fn float(f: f64) -> String {
    if !f.is_finite() {
        return format!("{f}");
    }
    let s = format!("{:e}", f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    let frac = if digits.len() > 1 { &digits[1..] } else { "0" };
    let sci = format!("{sign}{}.{}e{}", &digits[..1], frac, exp);
    let n = digits.len() as i32;
    let plain = if exp >= 0 {
        let int_len = exp + 1;
        if n <= int_len {
            format!("{sign}{}{}.0", digits, "0".repeat((int_len - n) as usize))
        } else {
            format!(
                "{sign}{}.{}",
                &digits[..int_len as usize],
                &digits[int_len as usize..]
            )
        }
    } else {
        format!("{sign}0.{}{}", "0".repeat((-exp - 1) as usize), digits)
    };
    if f.abs() >= 9007199254740992.0 || sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

fn escape_char_into(c: char, quote: char, s: &mut String) {
    match c {
        '\n' => s.push_str("\\n"),
        '\r' => s.push_str("\\r"),
        '\t' => s.push_str("\\t"),
        '\x0B' => s.push_str("\\v"),
        '\x08' => s.push_str("\\b"),
        '\x0C' => s.push_str("\\f"),
        '\x1B' => s.push_str("\\e"),
        '\x7F' => s.push_str("\\d"),
        '\\' => s.push_str("\\\\"),
        c if c == quote => {
            s.push('\\');
            s.push(c);
        }
        c if (c as u32) < 0x20 => s.push_str(&format!("\\{:03o}", c as u32)),
        c => s.push(c),
    }
}

/// `io_lib:write_string/1`.
pub fn string(st: &str) -> String {
    let mut s = String::with_capacity(st.len() + 2);
    s.push('"');
    for c in st.chars() {
        escape_char_into(c, '"', &mut s);
    }
    s.push('"');
    s
}

/// `io_lib:write_char/1`: `$a`, `$\s`, `$\n`.
pub fn char_literal(c: u32) -> String {
    match char::from_u32(c) {
        Some(' ') => "$\\s".to_string(),
        Some(ch) => {
            let mut s = String::from("$");
            escape_char_into(ch, '\0', &mut s);
            s
        }
        None => format!("$\\x{{{c:X}}}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected texts from OTP 25: `io:format("~w", [F])`.
    #[test]
    fn floats_as_otp_writes_them() {
        let cases = [
            (1.5e10, "1.5e10"),
            (0.1, "0.1"),
            (1.0e-5, "1.0e-5"),
            (123.456, "123.456"),
            (1.0e21, "1.0e21"),
            (100.0, "100.0"),
        ];
        for (f, want) in cases {
            assert_eq!(float(f), want, "{f:e}");
        }
    }

    #[test]
    fn atoms_quoted_when_needed() {
        assert_eq!(atom("foo"), "foo");
        assert_eq!(atom("Foo"), "'Foo'");
        assert_eq!(atom("case"), "'case'");
        assert_eq!(atom("a b"), "'a b'");
        assert_eq!(atom("it's"), "'it\\'s'");
        assert_eq!(string("a\"b\n"), "\"a\\\"b\\n\"");
        assert_eq!(char_literal(' ' as u32), "$\\s");
    }
}
