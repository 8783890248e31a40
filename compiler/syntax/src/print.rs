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
        c.is_ascii_alphanumeric() || c == '_' || c == '@' || (('ß'..='ÿ').contains(&c) && c != '÷') || (('À'..='Þ').contains(&c) && c != '×')
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

/// A string literal with escapes: `"a\nb"`.
pub fn string(st: &str) -> String {
    let mut s = String::with_capacity(st.len() + 2);
    s.push('"');
    for c in st.chars() {
        escape_char_into(c, '"', &mut s);
    }
    s.push('"');
    s
}

/// A character literal: `$a`, `$\n`.
pub fn char_literal(c: u32) -> String {
    match char::from_u32(c) {
        Some(ch) => {
            let mut s = String::from("$");
            escape_char_into(ch, '\0', &mut s);
            s
        }
        None => format!("$\\x{{{c:X}}}"),
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
        c if (c as u32) < 0x20 => {
            s.push_str(&format!("\\{:o}", c as u32));
        }
        c => s.push(c),
    }
}

/// A float the way OTP 25 prints it with `~p`/`float_to_list(F, [short])`: the shortest
/// representation that reads back to the same value, always with a `.` and a digit
/// on each side, exponent as `e+N`/`e-N` only when OTP uses it.
pub fn float(f: f64) -> String {
    if !f.is_finite() {
        return format!("{f}");
    }
    // Rust's `{:?}` gives the shortest round-trip digits; reshape to Erlang's layout.
    let s = format!("{:e}", f); // like "1.5e2" or "-1e-7"
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    // OTP (io_lib_format:fwrite_g / float_to_list short) uses plain notation when
    // -4 <= exp < 21 roughly; io_lib prints e.g. 1.0e21 and 1.0e-5.
    if (-5..21).contains(&exp) && !(exp < -4) {
        let n = digits.len() as i32;
        if exp >= 0 {
            let int_len = exp + 1;
            if n <= int_len {
                let mut r = digits.clone();
                r.extend(std::iter::repeat('0').take((int_len - n) as usize));
                format!("{sign}{r}.0")
            } else {
                format!("{sign}{}.{}", &digits[..int_len as usize], &digits[int_len as usize..])
            }
        } else {
            let zeros = (-exp - 1) as usize;
            format!("{sign}0.{}{}", "0".repeat(zeros), digits)
        }
    } else {
        let frac = if digits.len() > 1 { &digits[1..] } else { "0" };
        let esign = if exp < 0 { "-" } else { "+" };
        format!("{sign}{}.{}e{esign}{}", &digits[..1], frac, exp.abs())
    }
}
