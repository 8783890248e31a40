//! Match specifications (`ets:select/2`, and the patterns of `match/2`, `match_object/2`):
//! matching a head pattern with `'$N'` variables and `'_'`, evaluating guards and bodies.
//!
//! Owns: validation of a spec (a bad one is `badarg`), pattern matching against stored
//! objects (read only), and the guard/body interpreter (`'$_'`, `'$$'`, `'$N'`, `{const,
//! X}`, `{{...}}` tuple construction, lists, `andalso`/`orelse`, comparisons, arithmetic
//! and the pure guard BIFs of `bif::TABLE`). Terms are built on the heap given to `run`.
//! Must not: keep the spec's terms beyond one BIF call (they live on the caller's heap).

use crate::arith;
use crate::cmp;
use crate::exception::Exception;
use crate::heap::Heap;
use crate::term::{self, Term, NIL};

struct Clause {
    head: Term,
    guards: Vec<Term>,
    body: Vec<Term>,
}

/// A validated match specification.
pub struct Spec {
    clauses: Vec<Clause>,
    /// The caller's pid (`{self}`).
    me: Term,
}

/// `'$N'` -> Some(N).
fn var(t: Term) -> Option<usize> {
    let n = t.atom_name()?;
    let d = n.strip_prefix('$')?;
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) || d.len() > 9 {
        return None;
    }
    d.parse().ok()
}

const OPERATORS: &[&str] = &[
    ">",
    "<",
    ">=",
    "=<",
    "==",
    "/=",
    "=:=",
    "=/=",
    "and",
    "or",
    "xor",
    "not",
    "+",
    "-",
    "*",
    "/",
    "div",
    "rem",
    "band",
    "bor",
    "bxor",
    "bsl",
    "bsr",
    "bnot",
    "andalso",
    "orelse",
    "is_record",
    "self",
];

const GUARD_BIFS: &[&str] = &[
    "is_atom",
    "is_float",
    "is_integer",
    "is_list",
    "is_number",
    "is_pid",
    "is_port",
    "is_reference",
    "is_tuple",
    "is_map",
    "is_binary",
    "is_function",
    "is_map_key",
    "map_get",
    "map_size",
    "abs",
    "element",
    "hd",
    "tl",
    "length",
    "node",
    "round",
    "size",
    "bit_size",
    "byte_size",
    "trunc",
    "float",
    "binary_part",
];

/// Is `x` a guard or body expression a match specification may contain?
fn valid(x: Term) -> bool {
    if let Some((h, t)) = x.cons_parts() {
        return valid(h) && valid(t);
    }
    let Some(el) = x.tuple_elements() else {
        return true;
    };
    if el.len() == 1 {
        if let Some(inner) = el[0].tuple_elements() {
            return inner.iter().all(|i| valid(*i));
        }
    }
    match el.first().and_then(|f| f.atom_name()) {
        Some("const") => el.len() == 2,
        Some(f) if OPERATORS.contains(&f) || GUARD_BIFS.contains(&f) => {
            el[1..].iter().all(|i| valid(*i))
        }
        _ => false,
    }
}

/// The `'$N'` variables a head binds.
fn head_vars(x: Term, out: &mut Vec<usize>) {
    if let Some(n) = var(x) {
        out.push(n);
    } else if let Some((h, t)) = x.cons_parts() {
        head_vars(h, out);
        head_vars(t, out);
    } else if let Some(el) = x.tuple_elements() {
        el.iter().for_each(|e| head_vars(*e, out));
    } else if x.is_map() {
        for (k, v) in crate::map::entries(x) {
            head_vars(k, out);
            head_vars(v, out);
        }
    }
}

/// Does a guard or body expression use only variables the head binds (as BEAM
/// requires: `[{{'$1'}, [], ['$2']}]` is badarg)? `{const, T}` is not looked into.
fn bound_only(x: Term, vars: &[usize]) -> bool {
    if let Some(n) = var(x) {
        return vars.contains(&n);
    }
    if let Some((h, t)) = x.cons_parts() {
        return bound_only(h, vars) && bound_only(t, vars);
    }
    let Some(el) = x.tuple_elements() else {
        return true;
    };
    if el.len() == 2 && el[0].atom_name() == Some("const") {
        return true;
    }
    el.iter().all(|e| bound_only(*e, vars))
}

fn is_wild(t: Term) -> bool {
    t.atom_name() == Some("_")
}

/// Validate and compile `[{Head, Guards, Body}]`.
pub fn compile(spec: Term, me: Term) -> Option<Spec> {
    let mut clauses = Vec::new();
    for c in spec.list_to_vec()? {
        let [head, guards, body] = c.tuple_elements()? else {
            return None;
        };
        if !(head.is_tuple() || is_wild(*head) || var(*head).is_some()) {
            return None;
        }
        let body = body.list_to_vec()?;
        if body.is_empty() {
            return None;
        }
        let guards = guards.list_to_vec()?;
        if !guards.iter().chain(&body).all(|x| valid(*x)) {
            return None;
        }
        let mut vars = Vec::new();
        head_vars(*head, &mut vars);
        if !guards.iter().chain(&body).all(|x| bound_only(*x, &vars)) {
            return None;
        }
        clauses.push(Clause {
            head: *head,
            guards,
            body,
        });
    }
    Some(Spec { clauses, me })
}

/// A pattern as a spec returning the object (`match_object`) or the bindings (`match`).
pub fn from_pattern<H: Heap + ?Sized>(h: &mut H, pat: Term, object: bool) -> Term {
    let body = if object {
        Term::intern("$_")
    } else {
        Term::intern("$$")
    }
    .unwrap_or(NIL);
    let body = term::list(h, &[body]);
    let c = term::tuple(h, &[pat, NIL, body]);
    term::list(h, &[c])
}

fn pmatch(pat: Term, obj: Term, b: &mut Vec<Option<Term>>) -> bool {
    if pat.is_atom() {
        if is_wild(pat) {
            return true;
        }
        if let Some(n) = var(pat) {
            if b.len() <= n {
                b.resize(n + 1, None);
            }
            return match b[n] {
                Some(v) => cmp::exact_eq(v, obj),
                None => {
                    b[n] = Some(obj);
                    true
                }
            };
        }
        return pat == obj;
    }
    if let Some(pe) = pat.tuple_elements() {
        let Some(oe) = obj.tuple_elements() else {
            return false;
        };
        return pe.len() == oe.len() && pe.iter().zip(oe).all(|(p, o)| pmatch(*p, *o, b));
    }
    if let Some((ph, pt)) = pat.cons_parts() {
        let Some((oh, ot)) = obj.cons_parts() else {
            return false;
        };
        return pmatch(ph, oh, b) && pmatch(pt, ot, b);
    }
    if pat.is_map() {
        if !obj.is_map() {
            return false;
        }
        return crate::map::entries(pat)
            .into_iter()
            .all(|(k, v)| crate::map::get(obj, k).is_some_and(|ov| pmatch(v, ov, b)));
    }
    cmp::exact_eq(pat, obj)
}

fn ground(t: Term) -> bool {
    if t.is_atom() {
        return !is_wild(t) && var(t).is_none();
    }
    if let Some(e) = t.tuple_elements() {
        return e.iter().all(|x| ground(*x));
    }
    if let Some((h, tl)) = t.cons_parts() {
        return ground(h) && ground(tl);
    }
    if t.is_map() {
        return crate::map::entries(t)
            .into_iter()
            .all(|(k, v)| ground(k) && ground(v));
    }
    true
}

type R = Result<Term, Exception>;

fn bad() -> R {
    Err(Exception::badarg())
}

struct Env<'a> {
    me: Term,
    obj: Term,
    b: &'a [Option<Term>],
}

fn truth(t: Term) -> Result<bool, Exception> {
    match t.atom_name() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err(Exception::badarg()),
    }
}

fn eval<H: Heap + ?Sized>(h: &mut H, e: &Env, x: Term) -> R {
    if x.is_atom() {
        return match x.atom_name() {
            Some("$_") => Ok(e.obj),
            Some("$$") => {
                let vals: Vec<Term> = e.b.iter().flatten().copied().collect();
                Ok(term::list(h, &vals))
            }
            _ => match var(x) {
                Some(n) => e.b.get(n).copied().flatten().ok_or_else(Exception::badarg),
                None => Ok(x),
            },
        };
    }
    if let Some((hd, tl)) = x.cons_parts() {
        let a = eval(h, e, hd)?;
        let b = eval(h, e, tl)?;
        return Ok(term::cons(h, a, b));
    }
    let Some(el) = x.tuple_elements() else {
        return Ok(x);
    };
    if el.len() == 1 {
        if let Some(inner) = el[0].tuple_elements() {
            let mut v = Vec::with_capacity(inner.len());
            for i in inner {
                v.push(eval(h, e, *i)?);
            }
            return Ok(term::tuple(h, &v));
        }
    }
    let Some(f) = el.first().and_then(|f| f.atom_name()) else {
        return bad();
    };
    let args = &el[1..];
    match (f, args.len()) {
        ("const", 1) => return Ok(args[0]),
        ("andalso", _) => {
            for a in args {
                if !truth(eval(h, e, *a)?)? {
                    return Ok(Term::bool(false));
                }
            }
            return Ok(Term::bool(true));
        }
        ("orelse", _) => {
            for a in args {
                if truth(eval(h, e, *a)?)? {
                    return Ok(Term::bool(true));
                }
            }
            return Ok(Term::bool(false));
        }
        ("self", 0) => return Ok(e.me),
        ("is_seq_trace", 0) | ("get_tcw", 0) => return bad(),
        _ => {}
    }
    let mut v = Vec::with_capacity(args.len());
    for a in args {
        v.push(eval(h, e, *a)?);
    }
    call(h, f, &v)
}

fn call<H: Heap + ?Sized>(h: &mut H, f: &str, v: &[Term]) -> R {
    use std::cmp::Ordering::*;
    let c = |o: bool| Ok(Term::bool(o));
    match (f, v) {
        (">", [a, b]) => c(cmp::compare(*a, *b) == Greater),
        ("<", [a, b]) => c(cmp::compare(*a, *b) == Less),
        (">=", [a, b]) => c(cmp::compare(*a, *b) != Less),
        ("=<", [a, b]) => c(cmp::compare(*a, *b) != Greater),
        ("==", [a, b]) => c(cmp::eq(*a, *b)),
        ("/=", [a, b]) => c(!cmp::eq(*a, *b)),
        ("=:=", [a, b]) => c(cmp::exact_eq(*a, *b)),
        ("=/=", [a, b]) => c(!cmp::exact_eq(*a, *b)),
        ("and", [a, b]) => c(truth(*a)? & truth(*b)?),
        ("or", [a, b]) => c(truth(*a)? | truth(*b)?),
        ("xor", [a, b]) => c(truth(*a)? ^ truth(*b)?),
        ("not", [a]) => c(!truth(*a)?),
        ("+", [a, b]) => arith::add(h, *a, *b),
        ("-", [a, b]) => arith::sub(h, *a, *b),
        ("*", [a, b]) => arith::mul(h, *a, *b),
        ("/", [a, b]) => arith::fdiv(h, *a, *b),
        ("div", [a, b]) => arith::div(h, *a, *b),
        ("rem", [a, b]) => arith::rem(h, *a, *b),
        ("band", [a, b]) => arith::band(h, *a, *b),
        ("bor", [a, b]) => arith::bor(h, *a, *b),
        ("bxor", [a, b]) => arith::bxor(h, *a, *b),
        ("bsl", [a, b]) => arith::bsl(h, *a, *b),
        ("bsr", [a, b]) => arith::bsr(h, *a, *b),
        ("bnot", [a]) => arith::bnot(h, *a),
        ("-", [a]) => arith::neg(h, *a),
        ("+", [a]) => arith::plus(h, *a),
        ("is_record", [t, r, n]) => c(t
            .tuple_elements()
            .is_some_and(|e| Some(e.len() as i64) == n.small_value() && e.first() == Some(r))),
        _ => {
            if !GUARD_BIFS.contains(&f) {
                return bad();
            }
            let d =
                crate::bif::lookup("erlang", f, v.len() as u32).ok_or_else(Exception::badarg)?;
            let mut frag = crate::heap::FragHeap::new();
            let r = (d.call)(&mut frag, v)?;
            // The BIF built its result on a scratch heap: move it to `h`.
            Ok(crate::copy::copy_term(h, r))
        }
    }
}

impl Spec {
    /// Does some clause's head match `obj` (guards not evaluated)?
    pub fn matches_any(&self, obj: Term) -> bool {
        let mut b = Vec::new();
        self.clauses.iter().any(|c| {
            b.clear();
            pmatch(c.head, obj, &mut b)
        })
    }

    /// The first clause that matches `obj` with true guards: its body's value, built on
    /// `h` (a body that raises gives `'EXIT'`, as BEAM).
    pub fn run<H: Heap + ?Sized>(&self, h: &mut H, obj: Term) -> Option<Term> {
        let mut b = Vec::new();
        for c in &self.clauses {
            b.clear();
            if !pmatch(c.head, obj, &mut b) {
                continue;
            }
            let e = Env {
                me: self.me,
                obj,
                b: &b,
            };
            let ok = c
                .guards
                .iter()
                .all(|g| matches!(eval(h, &e, *g).map(truth), Ok(Ok(true))));
            if !ok {
                continue;
            }
            let mut r = Ok(NIL);
            for x in &c.body {
                r = eval(h, &e, *x);
                if r.is_err() {
                    break;
                }
            }
            return Some(r.unwrap_or_else(|_| Term::intern("EXIT").unwrap_or(NIL)));
        }
        None
    }

    /// With one clause whose head fixes the key (no variables in it): that key.
    pub fn bound_key(&self, keypos: usize) -> Option<Term> {
        let [c] = &self.clauses[..] else { return None };
        let k = *c.head.tuple_elements()?.get(keypos - 1)?;
        ground(k).then_some(k)
    }
}
