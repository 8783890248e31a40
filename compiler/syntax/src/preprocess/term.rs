//! Literal terms for the preprocessor: OTP's `~w` spelling of tokens (for `??Arg`
//! stringification, as epp's `token_src`), and a small `erl_parse:parse_term` +
//! `io_lib:format("~tp")` for the argument of `-error(Term).` / `-warning(Term).`.
//!
//! Must not: evaluate anything (only literal terms are accepted), or panic on any tokens.

use crate::token::Tok;
use crate::token::Token;
use num_bigint::BigInt;

/// epp's `token_src/1`: how `??Arg` spells one token.
pub(crate) fn token_src(t: &Tok) -> String {
    match t {
        Tok::FormEnd => ".".to_string(),
        Tok::Var(v) => v.to_string(),
        Tok::Char(c) => crate::print::char_literal(*c),
        Tok::String(s) => crate::print::string(s),
        Tok::Atom(a) => crate::print::atom(a),
        Tok::Integer(i) => i.to_string(),
        Tok::Float(f) => crate::print::float(*f),
        Tok::Unknown(c) => c.to_string(),
        other => other.symbol().to_string(),
    }
}

/// epp's `stringify/2`: the tokens' sources joined by single spaces.
pub(crate) fn stringify(ts: &[Token]) -> String {
    let parts: Vec<String> = ts.iter().map(|t| token_src(&t.kind)).collect();
    parts.join(" ")
}

/// A literal term, as `erl_parse:parse_term` returns it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Term {
    Int(BigInt),
    Float(f64),
    Atom(String),
    /// A proper or improper list: elements and tail (`None` = `[]`).
    List(Vec<Term>, Option<Box<Term>>),
    Tuple(Vec<Term>),
    Map(Vec<(Term, Term)>),
    Binary(Vec<u8>),
}

/// Parse `( Term )` possibly followed by a form end: the argument of `-error`/`-warning`.
/// `None` if the tokens are not exactly one literal term.
pub(crate) fn parse_paren_term(toks: &[Token]) -> Option<Term> {
    let mut toks: Vec<&Tok> = toks.iter().map(|t| &t.kind).collect();
    if toks.last() == Some(&&Tok::FormEnd) {
        toks.pop();
    }
    let mut p = TermParser {
        toks: &toks,
        pos: 0,
        depth: 0,
    };
    let t = p.term()?;
    (p.pos == toks.len()).then_some(t)
}

struct TermParser<'a> {
    toks: &'a [&'a Tok],
    pos: usize,
    depth: usize,
}

impl TermParser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).copied()
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn term(&mut self) -> Option<Term> {
        self.depth += 1;
        if self.depth > 200 {
            return None;
        }
        let r = self.term1();
        self.depth -= 1;
        r
    }
    fn term1(&mut self) -> Option<Term> {
        let t = self.peek()?.clone();
        self.pos += 1;
        Some(match t {
            Tok::LParen => {
                let inner = self.term()?;
                self.eat(&Tok::RParen).then_some(inner)?
            }
            Tok::Integer(i) => Term::Int(i.to_bigint()),
            Tok::Char(c) => Term::Int(BigInt::from(c)),
            Tok::Float(f) => Term::Float(f),
            Tok::Atom(a) => Term::Atom(a.to_string()),
            Tok::Minus | Tok::Plus => {
                let neg = t == Tok::Minus;
                match self.peek()?.clone() {
                    Tok::Integer(i) => {
                        self.pos += 1;
                        let v = i.to_bigint();
                        Term::Int(if neg { -v } else { v })
                    }
                    Tok::Char(c) => {
                        self.pos += 1;
                        let v = BigInt::from(c);
                        Term::Int(if neg { -v } else { v })
                    }
                    Tok::Float(f) => {
                        self.pos += 1;
                        Term::Float(if neg { -f } else { f })
                    }
                    _ => return None,
                }
            }
            Tok::String(s) => {
                let mut all: String = s.to_string();
                while let Some(Tok::String(more)) = self.peek() {
                    all.push_str(more);
                    self.pos += 1;
                }
                Term::List(
                    all.chars()
                        .map(|c| Term::Int(BigInt::from(c as u32)))
                        .collect(),
                    None,
                )
            }
            Tok::LBracket => {
                if self.eat(&Tok::RBracket) {
                    return Some(Term::List(Vec::new(), None));
                }
                let mut elems = vec![self.term()?];
                while self.eat(&Tok::Comma) {
                    elems.push(self.term()?);
                }
                let tail = if self.eat(&Tok::Bar) {
                    Some(Box::new(self.term()?))
                } else {
                    None
                };
                if !self.eat(&Tok::RBracket) {
                    return None;
                }
                match tail {
                    Some(t) => match *t {
                        Term::List(more, tail2) => {
                            elems.extend(more);
                            Term::List(elems, tail2)
                        }
                        other => Term::List(elems, Some(Box::new(other))),
                    },
                    None => Term::List(elems, None),
                }
            }
            Tok::LBrace => {
                let mut elems = Vec::new();
                if !self.eat(&Tok::RBrace) {
                    elems.push(self.term()?);
                    while self.eat(&Tok::Comma) {
                        elems.push(self.term()?);
                    }
                    if !self.eat(&Tok::RBrace) {
                        return None;
                    }
                }
                Term::Tuple(elems)
            }
            Tok::Hash => {
                if !self.eat(&Tok::LBrace) {
                    return None;
                }
                let mut pairs: Vec<(Term, Term)> = Vec::new();
                if !self.eat(&Tok::RBrace) {
                    loop {
                        let k = self.term()?;
                        if !self.eat(&Tok::AssocArrow) {
                            return None;
                        }
                        let v = self.term()?;
                        pairs.retain(|(k2, _)| *k2 != k);
                        pairs.push((k, v));
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        if self.eat(&Tok::RBrace) {
                            break;
                        }
                        return None;
                    }
                }
                pairs.sort_by(|a, b| term_cmp(&a.0, &b.0));
                Term::Map(pairs)
            }
            Tok::LtLt => {
                let mut bytes = Vec::new();
                if !self.eat(&Tok::GtGt) {
                    loop {
                        match self.peek()?.clone() {
                            Tok::Integer(i) => {
                                self.pos += 1;
                                let v = i.to_bigint() & BigInt::from(255);
                                bytes.push(u8::try_from(v).unwrap_or(0));
                            }
                            Tok::Char(c) => {
                                self.pos += 1;
                                bytes.push((c & 255) as u8);
                            }
                            Tok::String(s) => {
                                self.pos += 1;
                                bytes.extend(s.chars().map(|c| (c as u32 & 255) as u8));
                            }
                            _ => return None,
                        }
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        if self.eat(&Tok::GtGt) {
                            break;
                        }
                        return None;
                    }
                }
                Term::Binary(bytes)
            }
            _ => return None,
        })
    }
}

fn type_rank(t: &Term) -> u8 {
    match t {
        Term::Int(_) | Term::Float(_) => 0,
        Term::Atom(_) => 1,
        Term::Tuple(_) => 2,
        Term::Map(_) => 3,
        Term::List(e, None) if e.is_empty() => 4,
        Term::List(..) => 5,
        Term::Binary(_) => 6,
    }
}

/// Erlang's term order (numbers < atoms < tuples < maps < [] < lists < binaries).
pub(crate) fn term_cmp(a: &Term, b: &Term) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (ra, rb) = (type_rank(a), type_rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x.cmp(y),
        (Term::Float(x), Term::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Term::Int(x), Term::Float(y)) => {
            use num_traits::ToPrimitive;
            x.to_f64()
                .and_then(|x| x.partial_cmp(y))
                .unwrap_or(Ordering::Equal)
        }
        (Term::Float(_), Term::Int(_)) => term_cmp(b, a).reverse(),
        (Term::Atom(x), Term::Atom(y)) => x.cmp(y),
        (Term::Tuple(x), Term::Tuple(y)) => x.len().cmp(&y.len()).then_with(|| seq_cmp(x, y)),
        (Term::Map(x), Term::Map(y)) => x.len().cmp(&y.len()).then_with(|| {
            let kx: Vec<Term> = x.iter().map(|p| p.0.clone()).collect();
            let ky: Vec<Term> = y.iter().map(|p| p.0.clone()).collect();
            let vx: Vec<Term> = x.iter().map(|p| p.1.clone()).collect();
            let vy: Vec<Term> = y.iter().map(|p| p.1.clone()).collect();
            seq_cmp(&kx, &ky).then_with(|| seq_cmp(&vx, &vy))
        }),
        (Term::List(x, tx), Term::List(y, ty)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                let o = term_cmp(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            let nil = Term::List(Vec::new(), None);
            let rest = |e: &Vec<Term>, t: &Option<Box<Term>>, n: usize| -> Term {
                if e.len() > n {
                    Term::List(e[n..].to_vec(), t.clone())
                } else {
                    t.as_deref().cloned().unwrap_or_else(|| nil.clone())
                }
            };
            let n = x.len().min(y.len());
            term_cmp(&rest(x, tx, n), &rest(y, ty, n))
        }
        (Term::Binary(x), Term::Binary(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

fn seq_cmp(x: &[Term], y: &[Term]) -> std::cmp::Ordering {
    for (p, q) in x.iter().zip(y.iter()) {
        let o = term_cmp(p, q);
        if o != std::cmp::Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len())
}

/// Is this character printable for `~tp` with the default (latin1) printable range?
fn printable(c: u32) -> bool {
    (32..=126).contains(&c) || (160..=255).contains(&c) || matches!(c, 8..=13 | 27)
}

/// `io_lib:format("~tp", [Term])` on one line (epp's `-error(~tp).`).
pub(crate) fn print_term(t: &Term) -> String {
    let mut s = String::new();
    print_into(t, &mut s);
    s
}

fn print_into(t: &Term, s: &mut String) {
    match t {
        Term::Int(i) => s.push_str(&i.to_string()),
        Term::Float(f) => s.push_str(&crate::print::float(*f)),
        Term::Atom(a) => s.push_str(&crate::print::atom(a)),
        Term::List(elems, None) if !elems.is_empty() && elems.iter().all(|e| matches!(e, Term::Int(i) if u32::try_from(i).map(printable).unwrap_or(false))) => {
            let st: String = elems
                .iter()
                .filter_map(|e| match e {
                    Term::Int(i) => u32::try_from(i).ok().and_then(char::from_u32),
                    _ => None,
                })
                .collect();
            s.push_str(&crate::print::string(&st));
        }
        Term::List(elems, tail) => {
            s.push('[');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                print_into(e, s);
            }
            if let Some(t) = tail {
                s.push('|');
                print_into(t, s);
            }
            s.push(']');
        }
        Term::Tuple(elems) => {
            s.push('{');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                print_into(e, s);
            }
            s.push('}');
        }
        Term::Map(pairs) => {
            s.push_str("#{");
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                print_into(k, s);
                s.push_str(" => ");
                print_into(v, s);
            }
            s.push('}');
        }
        Term::Binary(bytes) => {
            if !bytes.is_empty() && bytes.iter().all(|&b| printable(b as u32)) {
                let st: String = bytes.iter().map(|&b| b as char).collect();
                s.push_str("<<");
                s.push_str(&crate::print::string(&st));
                s.push_str(">>");
            } else {
                let parts: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
                s.push_str("<<");
                s.push_str(&parts.join(","));
                s.push_str(">>");
            }
        }
    }
}
