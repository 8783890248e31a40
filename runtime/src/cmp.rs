//! Erlang term order and equality: `<`/`>`/... and `==` (numbers by value), `=:=`
//! (exact), and the map-key order (exact, integers before floats) that sorts map keys.
//!
//! Owns: all comparisons of terms. Runs iteratively (an explicit work list), so deeply
//! nested or very long terms cannot overflow the native stack.
//! Must not: allocate on process heaps or raise: every pair of terms is comparable.
//!
//! Order: number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring.

use crate::term::{Int, Kind, Term};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Zero};
use std::cmp::Ordering;

fn type_rank(k: Kind) -> u8 {
    match k {
        Kind::Small | Kind::Big | Kind::Float => 0,
        Kind::Atom => 1,
        Kind::Ref => 2,
        Kind::Fun | Kind::Export => 3,
        Kind::Port => 4,
        Kind::Pid => 5,
        Kind::Tuple => 6,
        Kind::Map => 7,
        Kind::Nil => 8,
        Kind::Cons => 9,
        Kind::Bits => 10,
        Kind::Other => 11,
    }
}

/// Term order with `==` semantics for numbers (`1 == 1.0`). Used by `<`, `>=`, sort...
pub fn compare(a: Term, b: Term) -> Ordering {
    cmp_impl(a, b, false)
}

/// Exact term order (`=:=` semantics); within numbers all integers sort before all
/// floats. This is the order of map keys.
pub fn compare_exact(a: Term, b: Term) -> Ordering {
    cmp_impl(a, b, true)
}

/// `A == B`.
pub fn eq(a: Term, b: Term) -> bool {
    a == b || compare(a, b) == Ordering::Equal
}

/// `A =:= B`.
pub fn exact_eq(a: Term, b: Term) -> bool {
    a == b || compare_exact(a, b) == Ordering::Equal
}

/// Compare an integer with a float by exact value.
pub fn cmp_int_float(i: &Int, f: f64) -> Ordering {
    if let Int::Small(s) = i {
        // Exactly representable: compare as floats.
        if s.unsigned_abs() <= (1u64 << 53) {
            return (*s as f64).partial_cmp(&f).unwrap_or(Ordering::Equal);
        }
    }
    let bi = i.to_bigint();
    let fl = f.floor();
    let fb = BigInt::from_f64(fl).unwrap_or_else(BigInt::zero);
    match bi.cmp(&fb) {
        Ordering::Equal if f > fl => Ordering::Less,
        o => o,
    }
}

fn cmp_numbers(a: Term, b: Term, exact: bool) -> Ordering {
    match (a.float_value(), b.float_value()) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (None, None) => match (a.int_value(), b.int_value()) {
            (Some(Int::Small(x)), Some(Int::Small(y))) => x.cmp(&y),
            (Some(x), Some(y)) => x.to_bigint().cmp(&y.to_bigint()),
            _ => Ordering::Equal,
        },
        (None, Some(y)) => {
            if exact {
                Ordering::Less
            } else {
                a.int_value()
                    .map_or(Ordering::Equal, |i| cmp_int_float(&i, y))
            }
        }
        (Some(x), None) => {
            if exact {
                Ordering::Greater
            } else {
                b.int_value()
                    .map_or(Ordering::Equal, |i| cmp_int_float(&i, x).reverse())
            }
        }
    }
}

fn cmp_bits(a: Term, b: Term) -> Ordering {
    let (Some(x), Some(y)) = (a.bits(), b.bits()) else {
        return Ordering::Equal;
    };
    if let (Some(p), Some(q)) = (x.as_bytes(), y.as_bytes()) {
        return p.cmp(q);
    }
    let (p, q) = (x.to_vec(), y.to_vec());
    let common = x.bit_size.min(y.bit_size);
    let whole = common / 8;
    match p[..whole].cmp(&q[..whole]) {
        Ordering::Equal => {}
        o => return o,
    }
    for i in whole * 8..common {
        let bp = (p[i / 8] >> (7 - i % 8)) & 1;
        let bq = (q[i / 8] >> (7 - i % 8)) & 1;
        match bp.cmp(&bq) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    x.bit_size.cmp(&y.bit_size)
}

fn cmp_impl(a: Term, b: Term, exact: bool) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    // Two small integers (sort keys, map keys): the same in both orders.
    if let (Some(x), Some(y)) = (a.small_value(), b.small_value()) {
        return x.cmp(&y);
    }
    // The work list allocates only when compound terms push their parts.
    let mut work: Vec<(Term, Term, bool)> = Vec::new();
    let mut first = Some((a, b, exact));
    while let Some((a, b, exact)) = first.take().or_else(|| work.pop()) {
        if a == b {
            continue;
        }
        let (ka, kb) = (a.kind(), b.kind());
        let (ra, rb) = (type_rank(ka), type_rank(kb));
        if ra != rb {
            return ra.cmp(&rb);
        }
        let o = match ka {
            Kind::Small | Kind::Big | Kind::Float => cmp_numbers(a, b, exact),
            Kind::Atom => a
                .atom_name()
                .unwrap_or("")
                .as_bytes()
                .cmp(b.atom_name().unwrap_or("").as_bytes()),
            Kind::Ref => {
                let (x, y) = (a.ref_ids().unwrap_or([0; 3]), b.ref_ids().unwrap_or([0; 3]));
                (x[2], x[1], x[0]).cmp(&(y[2], y[1], y[0]))
            }
            Kind::Port => a.raw().cmp(&b.raw()),
            Kind::Pid => a.pid_serial().cmp(&b.pid_serial()),
            Kind::Nil => Ordering::Equal,
            Kind::Bits => cmp_bits(a, b),
            Kind::Fun | Kind::Export => match (a.export_mfa(), b.export_mfa()) {
                (Some((m1, f1, a1)), Some((m2, f2, a2))) => {
                    work.push((
                        Term::small(a1 as i64).unwrap_or(Term::NIL),
                        Term::small(a2 as i64).unwrap_or(Term::NIL),
                        exact,
                    ));
                    work.push((f1, f2, exact));
                    work.push((m1, m2, exact));
                    Ordering::Equal
                }
                (Some(_), None) => Ordering::Greater,
                (None, Some(_)) => Ordering::Less,
                (None, None) => match (a.closure_parts(), b.closure_parts()) {
                    (Some((e1, env1)), Some((e2, env2))) => {
                        let mo = e1
                            .module
                            .atom_name()
                            .unwrap_or("")
                            .cmp(e2.module.atom_name().unwrap_or(""));
                        let o = mo
                            .then(e1.index.cmp(&e2.index))
                            .then(e1.uniq.cmp(&e2.uniq))
                            .then(e1.old_uniq.cmp(&e2.old_uniq))
                            .then(env1.len().cmp(&env2.len()));
                        if o == Ordering::Equal {
                            for (x, y) in env1.iter().zip(env2).rev() {
                                work.push((*x, *y, exact));
                            }
                        }
                        o
                    }
                    _ => Ordering::Equal,
                },
            },
            Kind::Tuple => {
                let (x, y) = (
                    a.tuple_elements().unwrap_or(&[]),
                    b.tuple_elements().unwrap_or(&[]),
                );
                let o = x.len().cmp(&y.len());
                if o == Ordering::Equal {
                    for (p, q) in x.iter().zip(y).rev() {
                        work.push((*p, *q, exact));
                    }
                }
                o
            }
            Kind::Map => {
                let o = a.map_size().cmp(&b.map_size());
                if o == Ordering::Equal {
                    // Keys in map-key order first (exactly), then the values.
                    let (e1, e2) = (crate::map::sorted_entries(a), crate::map::sorted_entries(b));
                    for (p, q) in e1.iter().zip(&e2).rev() {
                        work.push((p.1, q.1, exact));
                    }
                    for (p, q) in e1.iter().zip(&e2).rev() {
                        work.push((p.0, q.0, true));
                    }
                }
                o
            }
            Kind::Cons => {
                let (Some((h1, t1)), Some((h2, t2))) = (a.cons_parts(), b.cons_parts()) else {
                    return Ordering::Equal;
                };
                work.push((t1, t2, exact));
                work.push((h1, h2, exact));
                Ordering::Equal
            }
            Kind::Other => a.raw().cmp(&b.raw()),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::FragHeap;
    use crate::term;

    fn s(i: i64) -> Term {
        Term::small(i).unwrap()
    }
    fn a(n: &str) -> Term {
        Term::intern(n).unwrap()
    }

    #[test]
    fn type_order() {
        let mut h = FragHeap::new();
        let seq = [
            s(1),
            a("a"),
            term::make_ref(&mut h),
            term::export_fun(&mut h, a("m"), a("f"), 0),
            Term::pid(1),
            term::tuple(&mut h, &[]),
            term::map_from_sorted(&mut h, &[], &[]),
            Term::NIL,
            term::list(&mut h, &[s(1)]),
            term::binary(&mut h, &[]),
        ];
        for i in 0..seq.len() {
            for j in 0..seq.len() {
                assert_eq!(compare(seq[i], seq[j]), i.cmp(&j), "{i} vs {j}");
            }
        }
    }

    #[test]
    fn numbers() {
        let mut h = FragHeap::new();
        let one_f = term::float(&mut h, 1.0);
        assert!(eq(s(1), one_f));
        assert!(!exact_eq(s(1), one_f));
        assert_eq!(compare(s(1), one_f), Ordering::Equal);
        assert_eq!(compare_exact(s(1), one_f), Ordering::Less);
        assert_eq!(
            compare_exact(s(5), one_f),
            Ordering::Less,
            "ints before floats in exact order"
        );
        let big1 = term::bigint(&mut h, &"9007199254740993".parse().unwrap());
        let f53 = term::float(&mut h, 9007199254740992.0);
        // erl: 9007199254740993 == 9007199254740992.0 is false, > is true
        assert!(!eq(big1, f53));
        assert_eq!(compare(big1, f53), Ordering::Greater);
        let b70 = term::bigint(&mut h, &(BigInt::from(1) << 70));
        let e30 = term::float(&mut h, 1.0e30);
        let e20 = term::float(&mut h, 1.0e20);
        assert_eq!(compare(b70, e30), Ordering::Less);
        assert_eq!(compare(b70, e20), Ordering::Greater);
        let nb = term::bigint(&mut h, &-(BigInt::from(1) << 70usize));
        assert_eq!(compare(nb, s(-5)), Ordering::Less);
        assert_eq!(compare(b70, b70), Ordering::Equal);
        let b70b = term::bigint(&mut h, &(BigInt::from(1) << 70));
        assert!(exact_eq(b70, b70b));
        let half = term::float(&mut h, 0.5);
        assert_eq!(compare(s(0), half), Ordering::Less);
        assert_eq!(compare(s(1), half), Ordering::Greater);
        let mhalf = term::float(&mut h, -0.5);
        assert_eq!(compare(s(-1), mhalf), Ordering::Less);
    }

    #[test]
    fn compound() {
        let mut h = FragHeap::new();
        let f1 = term::float(&mut h, 1.0);
        let t1 = term::tuple(&mut h, &[s(1)]);
        let t1f = term::tuple(&mut h, &[f1]);
        assert!(eq(t1, t1f) && !exact_eq(t1, t1f));
        let t2 = term::tuple(&mut h, &[s(0), s(0)]);
        assert_eq!(compare(t1, t2), Ordering::Less, "tuples by size first");
        let l1 = term::list(&mut h, &[s(1), s(2)]);
        let l2 = term::list_with_tail(&mut h, &[s(1)], s(3));
        assert_eq!(
            compare(l1, l2),
            Ordering::Greater,
            "[2] (a list) > 3 (a number)"
        );
        assert_eq!(compare(Term::NIL, l1), Ordering::Less);
        assert_eq!(compare(a("abc"), a("abd")), Ordering::Less);
        assert_eq!(compare(a("b"), a("abc")), Ordering::Greater);
        // long lists do not recurse natively
        let elems: Vec<Term> = (0..200_000).map(s).collect();
        let big1 = term::list(&mut h, &elems);
        let big2 = term::list(&mut h, &elems);
        assert!(exact_eq(big1, big2));
    }

    #[test]
    fn maps_as_erl() {
        let mut h = FragHeap::new();
        let f1 = term::float(&mut h, 1.0);
        let m1 = term::map_from_sorted(&mut h, &[s(1)], &[a("a")]);
        let m1f = term::map_from_sorted(&mut h, &[f1], &[a("a")]);
        assert!(!eq(m1, m1f), "#{{1 => a}} == #{{1.0 => a}} is false");
        let ma1 = term::map_from_sorted(&mut h, &[a("a")], &[s(1)]);
        let ma1f = term::map_from_sorted(&mut h, &[a("a")], &[f1]);
        assert!(eq(ma1, ma1f), "#{{a => 1}} == #{{a => 1.0}} is true");
        assert!(!exact_eq(ma1, ma1f));
        let mb0 = term::map_from_sorted(&mut h, &[a("b")], &[s(0)]);
        assert_eq!(compare(ma1, mb0), Ordering::Less);
        let m2 = term::map_from_sorted(&mut h, &[s(2)], &[a("a")]);
        assert_eq!(
            compare(m1f, m2),
            Ordering::Greater,
            "#{{1.0 => a}} < #{{2 => a}} is false"
        );
    }

    #[test]
    fn bitstrings_as_erl() {
        let mut h = FragHeap::new();
        let b13 = term::bitstring(&mut h, &[0x20], 3);
        let b1 = term::binary(&mut h, &[1]);
        assert_eq!(compare(b13, b1), Ordering::Greater);
        let e = term::binary(&mut h, &[]);
        let z1 = term::bitstring(&mut h, &[0], 1);
        assert_eq!(compare(e, z1), Ordering::Less);
        let b128 = term::binary(&mut h, &[128]);
        let o1 = term::bitstring(&mut h, &[0x80], 1);
        assert_eq!(compare(b128, o1), Ordering::Greater);
        let b12 = term::binary(&mut h, &[1, 2]);
        let b120 = term::bitstring(&mut h, &[1, 2, 0], 17);
        assert_eq!(compare(b12, b120), Ordering::Less);
        let big = term::binary(&mut h, &[5u8; 100]);
        let big2 = term::binary(&mut h, &[5u8; 100]);
        assert!(exact_eq(big, big2));
    }

    #[test]
    fn funs_exports_greater_than_closures() {
        static E: term::FunEntry = term::FunEntry {
            code: std::ptr::null(),
            module: Term::atom(crate::atom::idx::ERLANG),
            name: Term::atom(crate::atom::idx::OK),
            arity: 0,
            num_free: 0,
            index: 0,
            old_uniq: 0,
            uniq: [0; 16],
        };
        let mut h = FragHeap::new();
        let c = term::closure(&mut h, &E, &[]);
        let e = term::export_fun(&mut h, a("lists"), a("map"), 2);
        assert_eq!(compare(e, c), Ordering::Greater);
        let c2 = term::closure(&mut h, &E, &[]);
        assert!(exact_eq(c, c2));
    }
}
