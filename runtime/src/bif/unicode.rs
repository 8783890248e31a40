//! The C-implemented BIFs of module `unicode` (as on BEAM): `characters_to_list/2` and
//! `characters_to_binary/2` (UTF-8 output); the other conversions are Erlang in
//! `stdlib/unicode.erl` on top of these.
//!
//! Owns: decoding chardata in latin1, UTF-8, UTF-16 and UTF-32 (big or little endian),
//! a character continuing from one binary into the next, and the `{error, Done, Rest}`
//! / `{incomplete, Done, Rest}` results: Rest keeps the input's nesting
//! (`[InnerRest | OuterTail]` per enclosing list; for a bad binary, erts's
//! `[BinRest, Tails]`, or `BinRest` alone when nothing follows). Must not: recurse natively on input depth (an explicit stack of
//! enclosing tails is kept).

use super::{badarg, uint};
use crate::exception::{BifResult, Exception};
use crate::heap::Heap;
use crate::term::{self, Term};

#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Latin1,
    Utf8,
    Utf16(bool),
    Utf32(bool),
}

fn encoding(t: Term) -> Option<Enc> {
    if let Some(a) = t.atom_name() {
        return match a {
            "latin1" => Some(Enc::Latin1),
            "unicode" | "utf8" => Some(Enc::Utf8),
            "utf16" => Some(Enc::Utf16(true)),
            "utf32" => Some(Enc::Utf32(true)),
            _ => None,
        };
    }
    match t.tuple_elements()? {
        [k, e] => {
            let big = match e.atom_name()? {
                "big" => true,
                "little" => false,
                _ => return None,
            };
            match k.atom_name()? {
                "utf16" => Some(Enc::Utf16(big)),
                "utf32" => Some(Enc::Utf32(big)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn valid(c: i64, e: Enc) -> bool {
    match e {
        Enc::Latin1 => (0..=255).contains(&c),
        _ => (0..=0x10FFFF).contains(&c) && !(0xD800..=0xDFFF).contains(&c),
    }
}

/// How decoding a byte string ended.
enum Dec {
    Done,
    /// an unfinished character starts at this offset (and runs to the end)
    Pending(usize),
    /// an invalid sequence starts at this offset
    Error(usize),
}

/// The bytes from `b` on are the start of a UTF-8 character cut short: a lead byte and
/// continuation bytes, without erts checking the range (overlong, surrogate, above
/// U+10FFFF) before the character is complete.
fn utf8_prefix(b: &[u8]) -> bool {
    let cont = |x: u8| x & 0xC0 == 0x80;
    match *b {
        [b0] => b0 & 0xE0 == 0xC0 || b0 & 0xF0 == 0xE0 || b0 & 0xF8 == 0xF0,
        [b0, b1] => (b0 & 0xF0 == 0xE0 || b0 & 0xF8 == 0xF0) && cont(b1),
        [b0, b1, b2] => b0 & 0xF8 == 0xF0 && cont(b1) && cont(b2),
        _ => false,
    }
}

/// One UTF-8 character at the start of `b`: (code point, length).
fn utf8_char(b: &[u8]) -> Option<(u32, usize)> {
    let b0 = *b.first()? as u32;
    let (len, min, init) = match b0 {
        0x00..=0x7F => return Some((b0, 1)),
        0xC0..=0xDF => (2, 0x80, b0 & 0x1F),
        0xE0..=0xEF => (3, 0x800, b0 & 0x0F),
        0xF0..=0xF7 => (4, 0x10000, b0 & 0x07),
        _ => return None,
    };
    if b.len() < len {
        return None;
    }
    let mut c = init;
    for &x in &b[1..len] {
        if x & 0xC0 != 0x80 {
            return None;
        }
        c = (c << 6) | (x as u32 & 0x3F);
    }
    if c < min || c > 0x10FFFF || (0xD800..=0xDFFF).contains(&c) {
        return None;
    }
    Some((c, len))
}

fn decode(b: &[u8], e: Enc, out: &mut Vec<u32>) -> Dec {
    let mut i = 0;
    match e {
        Enc::Latin1 => out.extend(b.iter().map(|&x| x as u32)),
        Enc::Utf8 => {
            while i < b.len() {
                match utf8_char(&b[i..]) {
                    Some((c, n)) => {
                        out.push(c);
                        i += n;
                    }
                    None if utf8_prefix(&b[i..]) => return Dec::Pending(i),
                    None => return Dec::Error(i),
                }
            }
        }
        Enc::Utf16(big) => {
            let word = |x: &[u8]| if big { u16::from_be_bytes([x[0], x[1]]) } else { u16::from_le_bytes([x[0], x[1]]) } as u32;
            while i < b.len() {
                let rest = &b[i..];
                // a cut unit is an error when its known high byte is already wrong
                if rest.len() < 2 {
                    return if big && (0xDC..=0xDF).contains(&rest[0]) {
                        Dec::Error(i)
                    } else {
                        Dec::Pending(i)
                    };
                }
                let w = word(rest);
                if (0xD800..=0xDBFF).contains(&w) {
                    if rest.len() < 4 {
                        return if big && rest.len() == 3 && !(0xDC..=0xDF).contains(&rest[2]) {
                            Dec::Error(i)
                        } else {
                            Dec::Pending(i)
                        };
                    }
                    let w2 = word(&rest[2..]);
                    if !(0xDC00..=0xDFFF).contains(&w2) {
                        return Dec::Error(i);
                    }
                    out.push(0x10000 + ((w - 0xD800) << 10) + (w2 - 0xDC00));
                    i += 4;
                } else if (0xDC00..=0xDFFF).contains(&w) {
                    return Dec::Error(i);
                } else {
                    out.push(w);
                    i += 2;
                }
            }
        }
        Enc::Utf32(big) => {
            while i < b.len() {
                let rest = &b[i..];
                if rest.len() < 4 {
                    // the known high bytes must still allow a value up to U+10FFFF
                    let ok = if big {
                        rest[0] == 0 && rest.get(1).map_or(true, |&x| x <= 0x10)
                    } else {
                        rest.get(2).map_or(true, |&x| x <= 0x10)
                    };
                    return if ok { Dec::Pending(i) } else { Dec::Error(i) };
                }
                let x = [rest[0], rest[1], rest[2], rest[3]];
                let c = if big {
                    u32::from_be_bytes(x)
                } else {
                    u32::from_le_bytes(x)
                };
                if !valid(c as i64, e) {
                    return Dec::Error(i);
                }
                out.push(c);
                i += 4;
            }
        }
    }
    Dec::Done
}

enum Outcome {
    Ok,
    Error(Term),
    Incomplete(Term),
}

/// Decode chardata `data` into `out`.
fn convert(h: &mut dyn Heap, data: Term, e: Enc, out: &mut Vec<u32>) -> Result<Outcome, Exception> {
    if let Some(b) = data.binary_bytes() {
        let b = b.to_vec();
        return Ok(match decode(&b, e, out) {
            Dec::Done => Outcome::Ok,
            Dec::Pending(i) => Outcome::Incomplete(term::binary(h, &b[i..])),
            Dec::Error(i) => Outcome::Error(term::binary(h, &b[i..])),
        });
    }
    if !data.is_list() {
        return badarg();
    }
    let mut outer: Vec<Term> = Vec::new();
    let mut cur = data;
    let mut pend: Vec<u8> = Vec::new();
    let rest0 = loop {
        if let Some((hd, tl)) = cur.cons_parts() {
            if let Some(c) = hd.small_value() {
                if !pend.is_empty() {
                    let p = term::binary(h, &pend);
                    let l = term::list_with_tail(h, &[p, cur], Term::NIL);
                    break Some(l);
                }
                if !valid(c, e) {
                    break Some(cur);
                }
                out.push(c as u32);
                cur = tl;
            } else if let Some(bin) = hd.binary_bytes() {
                let blen = bin.len();
                let mut bytes = std::mem::take(&mut pend);
                bytes.extend_from_slice(bin);
                match decode(&bytes, e, out) {
                    Dec::Done => {}
                    Dec::Pending(i) => pend = bytes[i..].to_vec(),
                    Dec::Error(i) if bytes.len() - i > blen => {
                        let p = term::binary(h, &bytes[..bytes.len() - blen]);
                        break Some(term::list_with_tail(h, &[p, hd], tl));
                    }
                    Dec::Error(i) if e == Enc::Utf8 && !short_lead(&bytes[i..]) => {
                        let r = term::binary(h, &bytes[i..]);
                        break Some(term::cons(h, r, tl));
                    }
                    Dec::Error(i) => {
                        // as erts for a sequence cut by the binary's end: the binary's
                        // rest, then the input after it (the tails of the enclosing
                        // lists, each nested in the next)
                        let r = term::binary(h, &bytes[i..]);
                        let mut t = tl;
                        while let Some(o) = outer.pop() {
                            t = if t.is_nil() {
                                o
                            } else if o.is_nil() {
                                term::cons(h, t, Term::NIL)
                            } else {
                                term::cons(h, t, o)
                            };
                        }
                        break Some(if t.is_nil() {
                            r
                        } else {
                            term::list_with_tail(h, &[r, t], Term::NIL)
                        });
                    }
                }
                cur = tl;
            } else if hd.int_value().is_some() {
                // a bignum: never a character
                break Some(cur);
            } else if hd.is_list() {
                outer.push(tl);
                cur = hd;
            } else if hd.is_nil() {
                cur = tl;
            } else {
                return badarg();
            }
        } else if cur.is_nil() {
            match outer.pop() {
                Some(t) => cur = t,
                None => break None,
            }
        } else if cur.is_binary() {
            // a binary tail: as a last element
            cur = term::cons(h, cur, Term::NIL);
        } else {
            return badarg();
        }
    };
    Ok(match rest0 {
        None if pend.is_empty() => Outcome::Ok,
        None => Outcome::Incomplete(term::binary(h, &pend)),
        Some(mut r) => {
            while let Some(t) = outer.pop() {
                r = term::cons(h, r, t);
            }
            Outcome::Error(r)
        }
    })
}

/// A UTF-8 lead byte whose sequence is longer than the bytes left.
fn short_lead(b: &[u8]) -> bool {
    let need = match b.first() {
        Some(0xC0..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF7) => 4,
        _ => 0,
    };
    need > b.len()
}

fn result(h: &mut dyn Heap, done: Term, o: Outcome) -> Term {
    match o {
        Outcome::Ok => done,
        Outcome::Error(r) => {
            let tag = Term::intern("error").unwrap_or(Term::NIL);
            term::tuple(h, &[tag, done, r])
        }
        Outcome::Incomplete(r) => {
            let tag = Term::intern("incomplete").unwrap_or(Term::NIL);
            term::tuple(h, &[tag, done, r])
        }
    }
}

/// `unicode:characters_to_list(Data, InEncoding)`.
pub fn characters_to_list(h: &mut dyn Heap, data: Term, enc: Term) -> BifResult {
    let Some(e) = encoding(enc) else {
        return badarg();
    };
    let mut cps = Vec::new();
    let o = convert(h, data, e, &mut cps)?;
    let elems: Vec<Term> = cps.iter().map(|&c| uint(c as usize)).collect();
    let done = term::list_with_tail(h, &elems, Term::NIL);
    Ok(result(h, done, o))
}

/// `unicode:characters_to_binary(Data, InEncoding)` (UTF-8 output).
pub fn characters_to_binary(h: &mut dyn Heap, data: Term, enc: Term) -> BifResult {
    let Some(e) = encoding(enc) else {
        return badarg();
    };
    let mut cps = Vec::new();
    let o = convert(h, data, e, &mut cps)?;
    let s: String = cps.iter().filter_map(|&c| char::from_u32(c)).collect();
    let done = term::binary(h, s.as_bytes());
    Ok(result(h, done, o))
}
