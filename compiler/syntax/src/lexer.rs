//! The lexer: source text -> tokens with byte spans, as OTP 25's erl_scan does.
//!
//! Owns: token recognition (a `logos` automaton for the regular part, small hand scanners
//! for quoted atoms, strings and character literals), escape decoding, number parsing.
//! Comments and whitespace are dropped; `.` followed by whitespace, `%` or the end of
//! input becomes [`Tok::FormEnd`]; a character erl_scan has no token for becomes
//! [`Tok::Unknown`] (the parser reports it, as erl_parse does).
//! Must not: panic on any input (problems become diagnostics and lexing goes on), or know
//! about macros (that is the preprocessor's).

use crate::ast::IntLit;
use crate::token::{Name, Tok, Token};
use ferl_diagnostics::{Diagnostic, Diagnostics, FileId, Span};
use logos::Logos;
use num_bigint::BigInt;
use num_traits::Num;

/// The raw token classes recognised by the automaton.
#[derive(Logos, Debug, Clone, Copy, PartialEq)]
#[logos(skip r"[\x00-\x20\u{80}-\u{A0}]+")]
#[logos(skip(r"%[^\n]*", allow_greedy = true))]
enum Raw {
    /// Atom or reserved word.
    #[regex(r"[a-zß-öø-ÿ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*")]
    Name,
    #[regex(r"[A-Z_À-ÖØ-Þ][A-Za-z0-9_@À-ÖØ-öø-ÿ]*")]
    Var,
    #[regex(r"[0-9](_?[0-9])*")]
    Int,
    #[regex(r"[0-9](_?[0-9])*#[0-9a-zA-Z](_?[0-9a-zA-Z])*")]
    BasedInt,
    #[regex(r"[0-9](_?[0-9])*\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?")]
    Float,
    /// `'...'`: the flag says whether it was terminated.
    #[token("'", |lex| scan_quoted(lex, b'\''))]
    QuotedAtom(bool),
    #[token("\"", |lex| scan_quoted(lex, b'"'))]
    Str(bool),
    /// `$c`: false if the input ends right after `$` (or after `$\`).
    #[token("$", scan_char)]
    Char(bool),

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token("::")]
    ColonColon,
    #[token(".")]
    Dot,
    #[token("..")]
    DotDot,
    #[token("...")]
    DotDotDot,
    #[token("|")]
    Bar,
    #[token("||")]
    BarBar,
    #[token("->")]
    Arrow,
    #[token("=>")]
    AssocArrow,
    #[token(":=")]
    ExactArrow,
    #[token("<<")]
    LtLt,
    #[token(">>")]
    GtGt,
    #[token("<-")]
    LeftArrow,
    #[token("<=")]
    DoubleLeftArrow,
    #[token("#")]
    Hash,
    #[token("?")]
    Question,
    #[token("??")]
    QuestionQuestion,
    #[token("!")]
    Bang,
    #[token("=")]
    Match,
    #[token("==")]
    Eq,
    #[token("=:=")]
    ExactEq,
    #[token("=/=")]
    ExactNeq,
    #[token("/=")]
    Neq,
    #[token("<")]
    Lt,
    #[token("=<")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
}

/// Scan the rest of a quoted atom or string up to the closing quote (backslash escapes
/// skip one character). Returns whether the closing quote was found.
fn scan_quoted(lex: &mut logos::Lexer<Raw>, quote: u8) -> bool {
    let rest = lex.remainder().as_bytes();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            b'\\' => i += 2,
            b if b == quote => {
                lex.bump(i + 1);
                return true;
            }
            _ => i += 1,
        }
    }
    lex.bump(rest.len());
    false
}

/// Scan the character after `$` (an escape sequence or any one character).
fn scan_char(lex: &mut logos::Lexer<Raw>) -> bool {
    let rest = lex.remainder();
    let mut chars = rest.chars();
    match chars.next() {
        None => false,
        Some('\\') => match chars.next() {
            None => {
                lex.bump(1);
                false
            }
            Some(_) => {
                let len = escape_len(&rest[1..]);
                lex.bump(1 + len);
                true
            }
        },
        Some(c) => {
            lex.bump(c.len_utf8());
            true
        }
    }
}

/// Byte length of the escape sequence body that starts `s` (the text after a backslash).
fn escape_len(s: &str) -> usize {
    let b = s.as_bytes();
    match b.first() {
        None => 0,
        Some(b'0'..=b'7') => {
            1 + b[1..]
                .iter()
                .take(2)
                .take_while(|c| (b'0'..=b'7').contains(c))
                .count()
        }
        Some(b'x') => {
            if b.get(1) == Some(&b'{') {
                match b[2..].iter().position(|&c| c == b'}') {
                    Some(p) if b[2..2 + p].iter().all(|c| c.is_ascii_hexdigit()) => 3 + p,
                    _ => 1,
                }
            } else {
                1 + b[1..]
                    .iter()
                    .take(2)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count()
            }
        }
        Some(b'^') => match s[1..].chars().next() {
            Some(c) => 1 + c.len_utf8(),
            None => 1,
        },
        Some(_) => s.chars().next().map(char::len_utf8).unwrap_or(1),
    }
}

/// Decode one escape sequence (the text after `\`, exactly `escape_len` long).
/// `Err(())` for an illegal code point.
fn decode_escape(s: &str) -> Result<u32, ()> {
    let b = s.as_bytes();
    match b.first() {
        None => Err(()),
        Some(b'0'..=b'7') => u32::from_str_radix(s, 8).map_err(|_| ()),
        Some(b'x') => {
            let hex = if b.get(1) == Some(&b'{') {
                &s[2..s.len() - 1]
            } else {
                &s[1..]
            };
            if hex.is_empty() {
                // `\x` with no digits: erl_scan takes it as the letter x.
                return Ok('x' as u32);
            }
            match u32::from_str_radix(hex, 16) {
                Ok(v) if v <= 0x10FFFF => Ok(v),
                _ => Err(()),
            }
        }
        Some(b'^') => match s[1..].chars().next() {
            Some(c) => Ok(c as u32 & 31),
            None => Ok('^' as u32),
        },
        Some(_) => {
            let c = s.chars().next().ok_or(())?;
            Ok(match c {
                'b' => 8,
                'd' => 127,
                'e' => 27,
                'f' => 12,
                'n' => 10,
                'r' => 13,
                's' => 32,
                't' => 9,
                'v' => 11,
                other => other as u32,
            })
        }
    }
}

/// Decode the contents of a quoted atom or string (without the quotes; `base` is the byte
/// offset of `body` in the file). An illegal escape is reported at its position and, as in
/// erl_scan, abandons the literal: `Err(offset)` is where scanning resumes (after it).
fn decode_quoted(
    body: &str,
    file: FileId,
    base: usize,
    diags: &mut Diagnostics,
) -> Result<String, usize> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = match body[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c == '\\' && i + 1 < body.len() {
            let len = escape_len(&body[i + 1..]);
            let esc = &body[i + 1..i + 1 + len];
            match decode_escape(esc).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    diags.push(Diagnostic::error(
                        "E0105",
                        Span::new(file, (base + i) as u32, (base + i + 1 + len) as u32),
                        "illegal character",
                    ));
                    return Err(base + i + 1 + len);
                }
            }
            i += 1 + len;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    Ok(out)
}

/// Parse digits (with `_` separators) in a radix.
fn parse_int(digits: &str, radix: u32) -> Option<IntLit> {
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if let Ok(v) = i64::from_str_radix(&clean, radix) {
        return Some(IntLit::Small(v));
    }
    BigInt::from_str_radix(&clean, radix)
        .ok()
        .map(IntLit::from_bigint)
}

/// erl_scan's `string_thing` head: the first characters of an unterminated literal, as
/// erl_scan prints them in "unterminated string starting with ...".
fn unterminated_head(body: &str) -> String {
    body.chars().take(16).collect()
}

/// Lex a whole file. Never panics; errors become diagnostics and lexing continues.
pub fn lex(file: FileId, text: &str, diags: &mut Diagnostics) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4);
    // erl_scan resumes after some errors in the middle of what the automaton took as one
    // token (after the base of `37#12`, after a bad escape in a string): the lexer then
    // restarts on the rest of the text from `base`.
    let mut base = 0usize;
    let mut lexer = Raw::lexer(text);
    let mut restart: Option<usize> = None;
    let span_of = |r: std::ops::Range<usize>| Span::new(file, r.start as u32, r.end as u32);
    loop {
        if let Some(at) = restart.take() {
            base = at.min(text.len());
            lexer = Raw::lexer(&text[base..]);
        }
        let Some(res) = lexer.next() else { break };
        let local = lexer.span();
        let range = local.start + base..local.end + base;
        let slice = lexer.slice();
        let span = span_of(range.clone());
        let kind = match res {
            Err(()) => {
                // A Latin-1 character with no token of its own: erl_scan makes it a token
                // (the parser rejects it); anything above 255 is an illegal character.
                let c = slice.chars().next().unwrap_or('\u{FFFD}');
                if (c as u32) > 255 {
                    diags.push(Diagnostic::error("E0103", span, "illegal character"));
                    continue;
                }
                Tok::Unknown(c)
            }
            Ok(raw) => match raw {
                Raw::Name => Tok::keyword(slice).unwrap_or_else(|| atom_tok(slice, span, diags)),
                Raw::Var => Tok::Var(Name::from(slice)),
                Raw::Int => match parse_int(slice, 10) {
                    Some(i) => Tok::Integer(i),
                    None => {
                        diags.push(Diagnostic::error("E0107", span, "illegal integer"));
                        continue;
                    }
                },
                Raw::BasedInt => {
                    let (base_text, digits) = slice.split_once('#').unwrap_or((slice, "0"));
                    let base_clean: String = base_text.chars().filter(|&c| c != '_').collect();
                    match base_clean.parse::<u32>() {
                        Ok(b) if (2..=36).contains(&b) => match parse_int(digits, b) {
                            Some(i) => Tok::Integer(i),
                            None => {
                                // erl_scan takes the digits valid in the base; with none,
                                // `Base#` is an illegal integer and scanning goes on after it.
                                let valid = digits
                                    .char_indices()
                                    .take_while(|&(_, c)| c == '_' || c.to_digit(b).is_some())
                                    .map(|(i, c)| i + c.len_utf8())
                                    .last()
                                    .unwrap_or(0);
                                let valid_digits = digits[..valid].trim_end_matches('_');
                                match parse_int(valid_digits, b)
                                    .filter(|_| !valid_digits.is_empty())
                                {
                                    Some(i) => {
                                        let end =
                                            range.start + base_text.len() + 1 + valid_digits.len();
                                        restart = Some(end);
                                        out.push(Token {
                                            kind: Tok::Integer(i),
                                            span: span_of(range.start..end),
                                        });
                                    }
                                    None => {
                                        let end = range.start + base_text.len() + 1;
                                        diags.push(Diagnostic::error(
                                            "E0104",
                                            span_of(range.start..end),
                                            "illegal integer",
                                        ));
                                        restart = Some(end);
                                    }
                                }
                                continue;
                            }
                        },
                        _ => {
                            let end = range.start + base_text.len();
                            diags.push(Diagnostic::error(
                                "E0104",
                                span_of(range.start..end),
                                format!("illegal base '{base_clean}'"),
                            ));
                            restart = Some(end);
                            continue;
                        }
                    }
                }
                Raw::Float => {
                    let clean: String = slice.chars().filter(|&c| c != '_').collect();
                    match clean.parse::<f64>() {
                        Ok(f) if f.is_finite() => Tok::Float(f),
                        _ => {
                            diags.push(Diagnostic::error("E0107", span, "illegal float"));
                            continue;
                        }
                    }
                }
                Raw::QuotedAtom(terminated) | Raw::Str(terminated) => {
                    let is_atom = matches!(raw, Raw::QuotedAtom(_));
                    let body_end = if terminated {
                        slice.len() - 1
                    } else {
                        slice.len()
                    };
                    let body = &slice[1..body_end];
                    if !terminated {
                        let (what, q) = if is_atom {
                            ("atom", '\'')
                        } else {
                            ("string", '"')
                        };
                        let head = unterminated_head(body);
                        let shown = if q == '"' {
                            crate::print::string(&head)
                        } else {
                            let quoted = crate::print::string(&head);
                            format!("'{}'", &quoted[1..quoted.len() - 1])
                        };
                        diags.push(Diagnostic::error(
                            if is_atom { "E0102" } else { "E0101" },
                            Span::new(file, span.start, span.start + 1),
                            format!("unterminated {what} starting with {shown}"),
                        ));
                        break;
                    }
                    let value = match decode_quoted(body, file, range.start + 1, diags) {
                        Ok(v) => v,
                        Err(resume) => {
                            restart = Some(resume);
                            continue;
                        }
                    };
                    if is_atom {
                        atom_tok(&value, span, diags)
                    } else {
                        Tok::String(value.into())
                    }
                }
                Raw::Char(complete) => {
                    if !complete {
                        diags.push(Diagnostic::error("E0106", span, "unterminated character"));
                        continue;
                    }
                    let body = &slice[1..];
                    if let Some(esc) = body.strip_prefix('\\') {
                        match decode_escape(esc) {
                            Ok(v) if char::from_u32(v).is_some() => Tok::Char(v),
                            _ => {
                                diags.push(Diagnostic::error("E0105", span, "illegal character"));
                                continue;
                            }
                        }
                    } else {
                        Tok::Char(body.chars().next().map(|c| c as u32).unwrap_or(0))
                    }
                }
                Raw::Dot => {
                    let next = text[range.end..].chars().next();
                    match next {
                        None | Some('%') => Tok::FormEnd,
                        Some(c) if (c as u32) <= 0x20 || (0x80..=0xA0).contains(&(c as u32)) => {
                            Tok::FormEnd
                        }
                        _ => Tok::Dot,
                    }
                }
                Raw::LParen => Tok::LParen,
                Raw::RParen => Tok::RParen,
                Raw::LBracket => Tok::LBracket,
                Raw::RBracket => Tok::RBracket,
                Raw::LBrace => Tok::LBrace,
                Raw::RBrace => Tok::RBrace,
                Raw::Comma => Tok::Comma,
                Raw::Semi => Tok::Semi,
                Raw::Colon => Tok::Colon,
                Raw::ColonColon => Tok::ColonColon,
                Raw::DotDot => Tok::DotDot,
                Raw::DotDotDot => Tok::DotDotDot,
                Raw::Bar => Tok::Bar,
                Raw::BarBar => Tok::BarBar,
                Raw::Arrow => Tok::Arrow,
                Raw::AssocArrow => Tok::AssocArrow,
                Raw::ExactArrow => Tok::ExactArrow,
                Raw::LtLt => Tok::LtLt,
                Raw::GtGt => Tok::GtGt,
                Raw::LeftArrow => Tok::LeftArrow,
                Raw::DoubleLeftArrow => Tok::DoubleLeftArrow,
                Raw::Hash => Tok::Hash,
                Raw::Question => Tok::Question,
                Raw::QuestionQuestion => Tok::QuestionQuestion,
                Raw::Bang => Tok::Bang,
                Raw::Match => Tok::Match,
                Raw::Eq => Tok::Eq,
                Raw::ExactEq => Tok::ExactEq,
                Raw::ExactNeq => Tok::ExactNeq,
                Raw::Neq => Tok::Neq,
                Raw::Lt => Tok::Lt,
                Raw::Le => Tok::Le,
                Raw::Gt => Tok::Gt,
                Raw::Ge => Tok::Ge,
                Raw::Plus => Tok::Plus,
                Raw::Minus => Tok::Minus,
                Raw::Star => Tok::Star,
                Raw::Slash => Tok::Slash,
                Raw::PlusPlus => Tok::PlusPlus,
                Raw::MinusMinus => Tok::MinusMinus,
            },
        };
        out.push(Token { kind, span });
    }
    out
}

/// An atom token, checking erl_scan's length limit (255 characters).
fn atom_tok(name: &str, span: Span, diags: &mut Diagnostics) -> Tok {
    if name.chars().count() > 255 {
        diags.push(Diagnostic::error("E0108", span, "illegal atom"));
    }
    Tok::Atom(Name::from(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        let mut d = Diagnostics::new();
        let toks = lex(FileId(0), src, &mut d);
        assert!(!d.has_errors(), "unexpected errors: {:?}", d.items);
        toks.into_iter().map(|t| t.kind).collect()
    }

    fn kinds_lossy(src: &str) -> Vec<Tok> {
        let mut d = Diagnostics::new();
        lex(FileId(0), src, &mut d)
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    fn errors(src: &str) -> Vec<(u32, String)> {
        let mut d = Diagnostics::new();
        lex(FileId(0), src, &mut d);
        d.items
            .into_iter()
            .map(|x| (x.primary.start, x.message))
            .collect()
    }

    #[test]
    fn names_and_keywords() {
        assert_eq!(
            kinds("foo Bar _x 'hello world' case Ünï ßa"),
            vec![
                Tok::Atom("foo".into()),
                Tok::Var("Bar".into()),
                Tok::Var("_x".into()),
                Tok::Atom("hello world".into()),
                Tok::Case,
                Tok::Var("Ünï".into()),
                Tok::Atom("ßa".into()),
            ]
        );
        assert_eq!(kinds("'a\\'b\\n'"), vec![Tok::Atom("a'b\n".into())]);
        assert_eq!(kinds("'case'"), vec![Tok::Atom("case".into())]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("42 1_000 16#FF 2#1010 36#zz 1.5 2.0e3 1.0E-2 3_1.4_1"),
            vec![
                Tok::Integer(IntLit::Small(42)),
                Tok::Integer(IntLit::Small(1000)),
                Tok::Integer(IntLit::Small(255)),
                Tok::Integer(IntLit::Small(10)),
                Tok::Integer(IntLit::Small(1295)),
                Tok::Float(1.5),
                Tok::Float(2000.0),
                Tok::Float(0.01),
                Tok::Float(31.41),
            ]
        );
        let big = kinds("123456789012345678901234567890");
        assert_eq!(big[0].text(), "123456789012345678901234567890");
        // `1.` then a non-digit: an integer and a dot.
        assert_eq!(
            kinds("X#r.f"),
            vec![
                Tok::Var("X".into()),
                Tok::Hash,
                Tok::Atom("r".into()),
                Tok::Dot,
                Tok::Atom("f".into())
            ]
        );
        assert_eq!(
            kinds("1_"),
            vec![Tok::Integer(IntLit::Small(1)), Tok::Var("_".into())]
        );
    }

    #[test]
    fn chars_and_strings() {
        assert_eq!(
            kinds(r#"$a $\n $\x{41} $\^A $\s $  $\101 $\x41 $\\ $ä"#),
            vec![
                Tok::Char('a' as u32),
                Tok::Char(10),
                Tok::Char(0x41),
                Tok::Char(1),
                Tok::Char(32),
                Tok::Char(32),
                Tok::Char(0o101),
                Tok::Char(0x41),
                Tok::Char('\\' as u32),
                Tok::Char('ä' as u32),
            ]
        );
        assert_eq!(
            kinds(r#""a\tb\"c" "d\x{263a}\e""#),
            vec![
                Tok::String("a\tb\"c".into()),
                Tok::String("d\u{263a}\u{1b}".into())
            ]
        );
        assert_eq!(
            kinds("\"multi\nline\""),
            vec![Tok::String("multi\nline".into())]
        );
    }

    #[test]
    fn punctuation_and_form_end() {
        assert_eq!(
            kinds("f() -> ok.\n"),
            vec![
                Tok::Atom("f".into()),
                Tok::LParen,
                Tok::RParen,
                Tok::Arrow,
                Tok::Atom("ok".into()),
                Tok::FormEnd
            ]
        );
        assert_eq!(kinds("a.%c"), vec![Tok::Atom("a".into()), Tok::FormEnd]);
        assert_eq!(kinds("a."), vec![Tok::Atom("a".into()), Tok::FormEnd]);
        assert_eq!(
            kinds("<< >> <= <- => := =:= =/= == /= =< >= :: .. ... || ?? ! ++ --"),
            vec![
                Tok::LtLt,
                Tok::GtGt,
                Tok::DoubleLeftArrow,
                Tok::LeftArrow,
                Tok::AssocArrow,
                Tok::ExactArrow,
                Tok::ExactEq,
                Tok::ExactNeq,
                Tok::Eq,
                Tok::Neq,
                Tok::Le,
                Tok::Ge,
                Tok::ColonColon,
                Tok::DotDot,
                Tok::DotDotDot,
                Tok::BarBar,
                Tok::QuestionQuestion,
                Tok::Bang,
                Tok::PlusPlus,
                Tok::MinusMinus,
            ]
        );
        assert_eq!(
            kinds("a ` b"),
            vec![
                Tok::Atom("a".into()),
                Tok::Unknown('`'),
                Tok::Atom("b".into())
            ]
        );
    }

    #[test]
    fn spans_are_bytes() {
        let mut d = Diagnostics::new();
        let toks = lex(FileId(3), "ä = 'b'.", &mut d);
        assert_eq!(toks[0].span, Span::new(FileId(3), 0, 2));
        assert_eq!(toks[2].span, Span::new(FileId(3), 5, 8));
    }

    #[test]
    fn errors_like_erl_scan() {
        assert_eq!(
            errors("f() -> \"abc\n"),
            vec![(7, "unterminated string starting with \"abc\\n\"".into())]
        );
        assert_eq!(
            errors("f() -> 'abc\n"),
            vec![(7, "unterminated atom starting with 'abc\\n'".into())]
        );
        assert_eq!(errors("37#12"), vec![(0, "illegal base '37'".into())]);
        // erl_scan goes on after the base (`#12`), after `2#` and after a bad escape.
        assert_eq!(
            kinds_lossy("37#12"),
            vec![Tok::Hash, Tok::Integer(IntLit::Small(12))]
        );
        assert_eq!(kinds_lossy("2#3"), vec![Tok::Integer(IntLit::Small(3))]);
        assert_eq!(
            kinds_lossy("2#103"),
            vec![
                Tok::Integer(IntLit::Small(2)),
                Tok::Integer(IntLit::Small(3))
            ]
        );
        assert_eq!(errors("1.5e999"), vec![(0, "illegal float".into())]);
        assert_eq!(
            errors("\"\\x{110000}\""),
            vec![
                (1, "illegal character".into()),
                (11, "unterminated string starting with \"\"".into())
            ]
        );
        assert_eq!(errors("$"), vec![(0, "unterminated character".into())]);
        assert_eq!(errors("a \u{3c0} b"), vec![(2, "illegal character".into())]);
        assert_eq!(
            errors(&format!("'{}'", "a".repeat(256))),
            vec![(0, "illegal atom".into())]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "$\\",
            "'\\",
            "\"\\",
            "$\\x{",
            "16#",
            "\u{0}\u{1}",
            "'\\x{zz}'",
            "$\\^",
            "0#1",
            "99999999999999999999#1",
        ] {
            let mut d = Diagnostics::new();
            let _ = lex(FileId(0), s, &mut d);
        }
    }
}
